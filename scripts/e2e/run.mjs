#!/usr/bin/env node
// The whole end-to-end run (`npm run test:e2e`):
//   1. setup.mjs: Node 24 + code-server in .cache/, Debian's chromium (cached after the first run)
//   2. package STAR Coach as .cache/star-coach.vsix (PACKAGE_COMMAND)
//   3. start code-server with it on a temp copy of test/e2e/workspace/
//   4. mocha over test/e2e/**/*.e2e.test.ts, with STAR_E2E_URL and STAR_E2E_WORKSPACE set
//   5. stop the server (also on failure or Ctrl+C) and exit with mocha's exit code
//
// Options:
//   --selftest        only the harness self-test (test/e2e/harness/), no STAR Coach packaging or server
//   --no-package      reuse .cache/star-coach.vsix instead of packaging again
//   --grep TEXT       passed to mocha
//   --keep            keep the server's temp dirs (logs, user data) for a look afterwards
//   -- ARGS           anything after -- goes to mocha as is
// Environment: STAR_E2E_SKIP_SELFTEST=1 leaves the self-test out of a full run.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CACHE, ROOT, ensureSetup } from './setup.mjs';
import { startServer } from './server.mjs';

/** How STAR Coach is packaged: one command, run in the repository root. */
export const VSIX = path.join(CACHE, 'star-coach.vsix');
export const PACKAGE_COMMAND = [process.execPath, ['scripts/package-vsix.mjs', '-o', path.relative(ROOT, VSIX)]];

export const FIXTURE_WORKSPACE = path.join(ROOT, 'test', 'e2e', 'workspace');
export const SPEC = 'test/e2e/**/*.e2e.test.ts';
export const SELFTEST_SPEC = 'test/e2e/harness/**/*.e2e.test.ts';
export const RESULTS = path.join(ROOT, 'test-results');
export const MOCHA_TIMEOUT_MS = 120_000;

const t0 = Date.now();
const secs = (t) => `${((Date.now() - t) / 1000).toFixed(1)}s`;
const log = (m) => console.log(`[e2e run +${secs(t0)}] ${m}`);

function parseArgs(argv) {
  const o = { selftest: false, pack: true, grep: undefined, keep: false, mocha: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      o.mocha.push(...argv.slice(i + 1));
      break;
    } else if (a === '--selftest') o.selftest = true;
    else if (a === '--no-package') o.pack = false;
    else if (a === '--grep') o.grep = argv[++i];
    else if (a === '--keep') o.keep = true;
    else throw new Error(`unknown option ${a} (see the top of scripts/e2e/run.mjs)`);
  }
  return o;
}

function cleanResults() {
  fs.mkdirSync(RESULTS, { recursive: true });
  for (const f of fs.readdirSync(RESULTS)) {
    if (/\.(png|log)$/.test(f) || f === 'vscode-logs') fs.rmSync(path.join(RESULTS, f), { recursive: true, force: true });
  }
}

function packageExtension() {
  const t = Date.now();
  const [cmd, args] = PACKAGE_COMMAND;
  log(`packaging STAR Coach: ${cmd} ${args.join(' ')}`);
  fs.mkdirSync(path.dirname(VSIX), { recursive: true });
  fs.rmSync(VSIX, { force: true });
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`
    .split('\n')
    .filter((l) => !/Unknown (user|env) config "nodedir"/.test(l))
    .join('\n');
  if (r.status !== 0 || !fs.existsSync(VSIX)) {
    throw new Error(`packaging failed (exit ${r.status}):\n${out.slice(-4000)}`);
  }
  log(`packaged ${path.relative(ROOT, VSIX)} (${(fs.statSync(VSIX).size / 1024).toFixed(0)} KiB) in ${secs(t)}`);
}

/** A temp copy of the fixture workspace, so tests may edit and save files freely. */
function copyWorkspace() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'star-e2e-workspace-'));
  const ws = path.join(dir, 'workspace');
  if (fs.existsSync(FIXTURE_WORKSPACE)) fs.cpSync(FIXTURE_WORKSPACE, ws, { recursive: true });
  else fs.mkdirSync(ws);
  return { dir, ws };
}

/** Copies the server's logs (code-server, extension host) into test-results/vscode-logs/. */
function saveServerLogs(server) {
  try {
    const target = path.join(RESULTS, 'vscode-logs');
    fs.mkdirSync(target, { recursive: true });
    fs.copyFileSync(server.dirs.log, path.join(target, 'code-server.log'));
    const logs = path.join(server.dirs.userData, 'logs');
    if (fs.existsSync(logs)) fs.cpSync(logs, path.join(target, 'user-data-logs'), { recursive: true });
    return target;
  } catch {
    return undefined;
  }
}

function extHostLogTail(dir) {
  if (!dir) return '';
  const found = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === 'remoteexthost.log') found.push(p);
    }
  };
  try {
    walk(dir);
  } catch {
    return '';
  }
  return found.map((f) => `--- ${path.relative(ROOT, f)} (tail)\n${fs.readFileSync(f, 'utf8').split('\n').slice(-40).join('\n')}`).join('\n');
}

function runMocha(spec, env, o) {
  const mochaBin = path.join(ROOT, 'node_modules', 'mocha', 'bin', 'mocha.js');
  const args = [
    mochaBin,
    '--no-config', // .mocharc.json is the unit tests'
    '--node-option', 'import=tsx',
    '--timeout', String(MOCHA_TIMEOUT_MS),
    '--slow', '2000',
    '--reporter', 'spec',
    '--exit',
    '--forbid-only', // an .only left in a test fails the run instead of skipping the rest
    ...(o.grep ? ['--grep', o.grep] : []),
    // Left out rather than skipped, so a normal run reports no pending tests.
    ...(spec === SPEC && process.env.STAR_E2E_SKIP_SELFTEST === '1' ? ['--ignore', SELFTEST_SPEC] : []),
    ...o.mocha,
    spec,
  ];
  log(`mocha ${spec}`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: 'inherit' });
    currentMocha = child;
    child.on('exit', (code, signal) => {
      currentMocha = undefined;
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

let currentMocha;
let cleanup = async () => undefined;

async function main() {
  const o = parseArgs(process.argv.slice(2));
  cleanResults();
  const tSetup = Date.now();
  await ensureSetup();
  log(`setup done in ${secs(tSetup)}`);

  const env = { ...process.env, STAR_E2E_RESULTS: RESULTS };
  if (o.selftest) {
    const code = await runMocha(SELFTEST_SPEC, env, o);
    log(`done: mocha exited ${code}; total ${secs(t0)}; screenshots in ${path.relative(ROOT, RESULTS)}/`);
    return code;
  }

  if (o.pack) packageExtension();
  else if (!fs.existsSync(VSIX)) throw new Error(`--no-package, but ${VSIX} does not exist`);

  const { dir, ws } = copyWorkspace();
  const tServer = Date.now();
  const server = await startServer({ vsix: VSIX, folder: ws, keepDirs: o.keep, log: (m) => log(m) });
  log(`server ready in ${secs(tServer)}: ${server.folderUrl}`);
  let stopped = false;
  cleanup = async () => {
    if (stopped) return;
    stopped = true;
    await server.stop();
    if (!o.keep) fs.rmSync(dir, { recursive: true, force: true });
  };

  let code = 1;
  try {
    code = await runMocha(
      SPEC,
      {
        ...env,
        STAR_E2E_URL: server.url,
        STAR_E2E_WORKSPACE: ws,
        STAR_E2E_SERVER_DIR: server.dirs.root,
      },
      o,
    );
  } finally {
    const logs = saveServerLogs(server);
    if (code !== 0) {
      const tail = extHostLogTail(logs);
      if (tail) console.log(tail);
      // CI keeps only what is printed: the workbench's own errors, as the failed tests saved them.
      for (const f of fs.existsSync(RESULTS) ? fs.readdirSync(RESULTS).filter((n) => n.endsWith('-console.log')) : []) {
        const lines = fs.readFileSync(path.join(RESULTS, f), 'utf8').split('\n').filter(Boolean);
        if (lines.length > 0) console.log(`--- test-results/${f} (last 30 of ${lines.length} page errors)\n${lines.slice(-30).join('\n')}`);
      }
      console.log(`[e2e run] server logs: ${logs ? path.relative(ROOT, logs) : '(none)'}; screenshots: ${path.relative(ROOT, RESULTS)}/`);
    }
    await cleanup();
    if (o.keep) log(`kept ${server.dirs.root} and ${dir}`);
  }
  log(`done: mocha exited ${code}; total ${secs(t0)}`);
  return code;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      log(`${signal}: stopping`);
      if (currentMocha) currentMocha.kill('SIGTERM');
      cleanup().finally(() => process.exit(130));
    });
  }

  main().then(
    (code) => process.exit(code),
    async (error) => {
      console.error(`[e2e run] FAILED: ${error.message ?? error}`);
      await cleanup().catch(() => undefined);
      process.exit(1);
    },
  );
}
