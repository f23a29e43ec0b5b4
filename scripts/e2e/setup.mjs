#!/usr/bin/env node
// Installs what the end-to-end tests need, idempotently:
//   - Node 24 (npm package `node`), into .cache/node24        (code-server needs Node 24)
//   - code-server (the real VS Code, served to a browser), into .cache/code-server
//   - Debian's chromium and libkrb5-dev (for code-server's kerberos module), via apt-get
// Everything is reused when already present and working. Only the npm registry and
// Debian's archive are used: nothing downloads VS Code, Electron or Playwright browsers.
//
//   node scripts/e2e/setup.mjs          install or verify, print the paths
//   node scripts/e2e/setup.mjs --check  only verify; exit 1 when something is missing
//
// As a module: `await ensureSetup()` returns the same paths (see `paths`).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CACHE = process.env.STAR_E2E_CACHE ? path.resolve(process.env.STAR_E2E_CACHE) : path.join(ROOT, '.cache');

// Pinned versions. Bump CODE_SERVER_VERSION and NODE_VERSION together (code-server's
// package.json "engines.node" says which Node major it needs).
export const NODE_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';
export const CHROMIUM = '/usr/bin/chromium';

const NODE24_DIR = path.join(CACHE, 'node24');
const NODE24_PKG = path.join(NODE24_DIR, 'node_modules', 'node', 'node_modules', `node-${process.platform}-${process.arch}`);
const CODE_SERVER_DIR = path.join(CACHE, 'code-server');
const CODE_SERVER_PKG = path.join(CODE_SERVER_DIR, 'node_modules', 'code-server');

export const paths = {
  cache: CACHE,
  node24Bin: path.join(NODE24_PKG, 'bin'),
  node24: path.join(NODE24_PKG, 'bin', 'node'),
  /** Folder laid out as node-gyp wants for `nodedir`: include/ and common.gypi at its root. */
  nodedir: path.join(NODE24_DIR, 'nodedir'),
  codeServerPkg: CODE_SERVER_PKG,
  codeServer: path.join(CODE_SERVER_PKG, 'out', 'node', 'entry.js'),
  vscodeServerMain: path.join(CODE_SERVER_PKG, 'lib', 'vscode', 'out', 'server-main.js'),
  chromium: CHROMIUM,
};

const t0 = Date.now();
function log(message) {
  if (!process.env.STAR_E2E_QUIET) console.log(`[e2e setup +${((Date.now() - t0) / 1000).toFixed(1)}s] ${message}`);
}
class SetupError extends Error {}
function fail(message) {
  throw new SetupError(message);
}

function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  if (r.error) return { ok: false, out: String(r.error.message) };
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

/** Environment in which Node 24 (and the npm run by it) come first. */
export function node24Env(extra = {}) {
  // Under `npm test`, npm exports its own settings (npm_config_user_agent says node/v20,
  // which code-server's postinstall reads); a nested npm would inherit them as config.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  return {
    ...inherited,
    PATH: `${paths.node24Bin}${path.delimiter}${process.env.PATH}`,
    ...extra,
  };
}

// Lines of npm's output that only repeat a known, harmless warning about this machine's npmrc.
function trimNpmOutput(out) {
  return out
    .split('\n')
    .filter((l) => !/Unknown (user|env|project|global) config "nodedir"/.test(l))
    .slice(-40)
    .join('\n');
}

// A child process that prints how far a long install has got while spawnSync blocks this one:
// every PROGRESS_MS, the size of `dir` so far and the latest step whose marker path exists.
const PROGRESS_MS = Number(process.env.STAR_E2E_PROGRESS_MS) || 15_000;
const PROGRESS_SCRIPT = `
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const [label, dir, t0, every, stepsJson] = process.argv.slice(1);
const steps = JSON.parse(stepsJson);
const started = Date.now();
function size() {
  const r = spawnSync('du', ['-sk', dir], { encoding: 'utf8' });
  const kib = Number((r.stdout || '').split(/\\s/)[0]);
  return Number.isFinite(kib) && kib > 0 ? (kib / 1024).toFixed(0) + ' MB' : 'nothing yet';
}
setInterval(() => {
  let step = steps.length ? steps[0][1] : '';
  for (const [marker, name] of steps) if (fs.existsSync(path.join(dir, marker))) step = name;
  const secs = ((Date.now() - Number(t0)) / 1000).toFixed(1);
  const elapsed = Math.round((Date.now() - started) / 1000);
  console.log('[e2e setup +' + secs + 's] ' + label + ': ' + (step ? step + ', ' : '') + size() + ' in ' + path.basename(dir) + '/ so far (' + elapsed + 's)');
}, Number(every));
process.on('SIGTERM', () => process.exit(0));
`;

/** Starts printing progress for an install into `dir`; returns the function that stops it. */
export function startProgress(label, dir, steps = []) {
  if (process.env.STAR_E2E_QUIET) return () => {};
  const child = spawn(process.execPath, ['-e', PROGRESS_SCRIPT, label, dir, String(t0), String(PROGRESS_MS), JSON.stringify(steps)], { stdio: ['ignore', 'inherit', 'ignore'] });
  return () => child.kill('SIGTERM');
}

/**
 * Runs `npm install` in dir; writes a package.json that allows the named packages' install
 * scripts. `steps` ([marker path, step name]) name what the progress lines say it is doing.
 */
function npmInstall(dir, spec, allowScripts, env, logFile, steps = []) {
  fs.mkdirSync(dir, { recursive: true });
  const manifest = {
    private: true,
    description: 'Cache for STAR Coach end-to-end tests (scripts/e2e/setup.mjs). Safe to delete.',
    allowScripts: Object.fromEntries(allowScripts.map((name) => [name, true])),
  };
  fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const stop = startProgress(spec.replace(/@[^@]*$/, ''), dir, steps);
  let r;
  try {
    r = run('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--loglevel=warn', spec], { cwd: dir, env });
  } finally {
    stop();
  }
  fs.writeFileSync(logFile, r.out);
  if (!r.ok) fail(`npm install ${spec} failed (full log: ${logFile}):\n${trimNpmOutput(r.out)}`);
  return r.out;
}

// ---------------------------------------------------------------- apt packages

function aptNeeded() {
  const needed = [];
  if (!fs.existsSync(CHROMIUM)) needed.push('chromium');
  // kerberos (a dependency of VS Code's server) is built from source: it needs the krb5 and gssapi headers.
  if (!fs.existsSync('/usr/include/krb5.h') && !fs.existsSync('/usr/include/krb5/krb5.h')) needed.push('libkrb5-dev');
  // node-gyp's toolchain; present on the usual image, installed when missing.
  if (!run('sh', ['-c', 'command -v make && command -v g++ && command -v python3']).ok) {
    needed.push('build-essential', 'python3');
  }
  return needed;
}

function ensureApt() {
  // STAR_E2E_FORCE_APT=1 runs apt-get even when everything is there (to test this path).
  const needed = process.env.STAR_E2E_FORCE_APT === '1' ? ['chromium', 'libkrb5-dev'] : aptNeeded();
  if (needed.length === 0) {
    log(`apt: chromium, libkrb5-dev and the build tools are present (skipping apt-get)`);
    return;
  }
  if (process.platform !== 'linux' || !fs.existsSync('/usr/bin/apt-get')) {
    fail(`missing ${needed.join(', ')} and apt-get is not available: install them by hand`);
  }
  // As root (CI here) apt-get runs directly; otherwise through sudo.
  const apt = (...args) =>
    process.getuid && process.getuid() !== 0
      ? run('sudo', ['-E', 'apt-get', ...args], { env })
      : run('apt-get', args, { env });
  const t = Date.now();
  log(`apt: installing ${needed.join(' ')} (apt-get update first) ...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = apt('update', '-qq');
  if (!update.ok) fail(`apt-get update failed:\n${update.out.slice(-3000)}`);
  const install = apt('install', '-y', '-qq', ...needed);
  if (!install.ok) fail(`apt-get install ${needed.join(' ')} failed:\n${install.out.slice(-3000)}`);
  const still = aptNeeded();
  if (still.length) fail(`apt-get ran but these are still missing: ${still.join(', ')}`);
  log(`apt: installed ${needed.join(' ')} in ${((Date.now() - t) / 1000).toFixed(0)}s`);
}

function chromiumWorks() {
  const r = run(CHROMIUM, ['--version']);
  return r.ok && /Chromium/i.test(r.out);
}

// ---------------------------------------------------------------- Node 24

function node24Works() {
  if (!fs.existsSync(paths.node24)) return false;
  const r = run(paths.node24, ['--version']);
  return r.ok && r.out.trim() === `v${NODE_VERSION}`;
}

function ensureNodedir() {
  // node-gyp's `nodedir` must look like a Node source tree: common.gypi at the root, headers in include/node.
  fs.mkdirSync(paths.nodedir, { recursive: true });
  const include = path.join(paths.nodedir, 'include');
  fs.rmSync(include, { recursive: true, force: true });
  fs.symlinkSync(path.join(NODE24_PKG, 'include'), include, 'dir');
  fs.copyFileSync(path.join(NODE24_PKG, 'include', 'node', 'common.gypi'), path.join(paths.nodedir, 'common.gypi'));
}

function ensureNode24() {
  if (node24Works() && fs.existsSync(path.join(paths.nodedir, 'common.gypi'))) {
    log(`node24: v${NODE_VERSION} present (${paths.node24})`);
    return;
  }
  const t = Date.now();
  log(`node24: installing node@${NODE_VERSION} from the npm registry into ${path.relative(ROOT, NODE24_DIR)} ...`);
  fs.rmSync(NODE24_DIR, { recursive: true, force: true });
  // Its own folder: installed beside code-server, npm prunes the nested binary mid-install.
  const env = { ...process.env, npm_config_dangerously_allow_all_scripts: 'true' };
  npmInstall(NODE24_DIR, `node@${NODE_VERSION}`, ['node'], env, path.join(CACHE, 'node24-install.log'), [
    ['.', 'fetching node from the npm registry'],
    ['node_modules/node/package.json', 'fetching the Node binary for this platform'],
  ]);
  if (!fs.existsSync(paths.node24)) {
    // The package's preinstall (which fetches node-<os>-<arch> from the registry) did not run: run it ourselves.
    log('node24: the package preinstall did not run; running it by hand');
    const r = run(process.execPath, ['installArchSpecificPackage'], {
      cwd: path.join(NODE24_DIR, 'node_modules', 'node'),
      env,
    });
    if (!r.ok) fail(`node@${NODE_VERSION} preinstall failed:\n${trimNpmOutput(r.out)}`);
  }
  if (!node24Works()) fail(`node@${NODE_VERSION} installed but ${paths.node24} --version does not print v${NODE_VERSION}`);
  ensureNodedir();
  log(`node24: installed in ${((Date.now() - t) / 1000).toFixed(0)}s`);
}

// ---------------------------------------------------------------- code-server

// Native modules that code-server's postinstall builds (or takes prebuilt) in lib/vscode.
const NATIVE_MARKERS = [
  'lib/vscode/node_modules/kerberos/build/Release/kerberos.node',
  'lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node',
  'lib/vscode/node_modules/node-pty/package.json',
  'lib/vscode/extensions/node_modules',
];

function codeServerProblems() {
  const problems = [];
  if (!fs.existsSync(paths.codeServer)) return ['code-server is not installed'];
  for (const rel of NATIVE_MARKERS) {
    if (!fs.existsSync(path.join(CODE_SERVER_PKG, rel))) problems.push(`missing ${rel} (postinstall did not finish)`);
  }
  if (problems.length) return problems;
  const r = run(paths.node24, [paths.codeServer, '--version'], {
    env: node24Env({ XDG_CONFIG_HOME: path.join(CACHE, 'xdg-config'), XDG_DATA_HOME: path.join(CACHE, 'xdg-data') }),
  });
  if (!r.ok || !r.out.includes(CODE_SERVER_VERSION)) problems.push(`code-server --version failed: ${r.out.slice(-500)}`);
  // VS Code's server loads spdlog at start; a module built for the wrong Node ABI fails here.
  const load = run(
    paths.node24,
    ['-e', "require('@vscode/spdlog'); require('kerberos'); require('node-pty');"],
    { cwd: path.join(CODE_SERVER_PKG, 'lib', 'vscode'), env: node24Env() },
  );
  if (!load.ok) problems.push(`native modules do not load in Node ${NODE_VERSION}: ${load.out.slice(-800)}`);
  return problems;
}

function ensureCodeServer() {
  const stamp = path.join(CODE_SERVER_DIR, '.installed');
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8').trim() === `${CODE_SERVER_VERSION} node${NODE_VERSION}`) {
    const problems = codeServerProblems();
    if (problems.length === 0) {
      log(`code-server: ${CODE_SERVER_VERSION} present (${path.relative(ROOT, CODE_SERVER_PKG)})`);
      return;
    }
    log(`code-server: cached copy is broken (${problems[0]}); reinstalling`);
  }
  const t = Date.now();
  log(`code-server: installing code-server@${CODE_SERVER_VERSION} from the npm registry and building its native modules (a few minutes; about 800 MB in .cache/; progress every ${PROGRESS_MS / 1000}s) ...`);
  fs.rmSync(CODE_SERVER_DIR, { recursive: true, force: true });
  const env = node24Env({
    // node-gyp builds against Node 24's headers (this machine's npmrc says nodedir=/usr, Node 20's).
    npm_config_nodedir: paths.nodedir,
    // npm 11 may skip dependencies' install scripts unless allowed. code-server's postinstall runs
    // `npm install` in lib/vscode and lib/vscode/extensions, whose packages (kerberos, spdlog, ...)
    // have install scripts too: the allowScripts entry covers the top level, this the nested installs.
    npm_config_dangerously_allow_all_scripts: 'true',
    npm_config_foreground_scripts: 'false',
    npm_config_update_notifier: 'false',
  });
  const out = npmInstall(
    CODE_SERVER_DIR,
    `code-server@${CODE_SERVER_VERSION}`,
    ['code-server', 'argon2'],
    env,
    path.join(CACHE, 'code-server-install.log'),
    [
      ['.', 'fetching code-server and its dependencies'],
      ['node_modules/code-server/package.json', 'unpacking code-server'],
      ['node_modules/code-server/lib/vscode/node_modules', "postinstall: installing VS Code's own modules"],
      ['node_modules/code-server/lib/vscode/node_modules/kerberos/build', 'postinstall: building native modules'],
      ['node_modules/code-server/lib/vscode/extensions/node_modules', "postinstall: installing the built-in extensions' modules"],
    ],
  );
  if (!fs.existsSync(path.join(CODE_SERVER_PKG, 'lib', 'vscode', 'node_modules', 'kerberos', 'build'))) {
    // The postinstall was skipped: run it as npm would (it reads npm_config_user_agent for the Node version).
    log('code-server: its postinstall did not run (npm skipped install scripts); running it by hand ...');
    const ua = `npm/${run('npm', ['--version'], { env }).out.trim().split('\n').pop()} node/v${NODE_VERSION} ${process.platform} ${process.arch}`;
    const stop = startProgress('code-server postinstall', CODE_SERVER_PKG, [['.', "installing VS Code's modules and building native ones"]]);
    let r;
    try {
      r = run('sh', ['./postinstall.sh'], { cwd: CODE_SERVER_PKG, env: { ...env, npm_config_user_agent: ua } });
    } finally {
      stop();
    }
    fs.appendFileSync(path.join(CACHE, 'code-server-install.log'), `\n--- postinstall by hand ---\n${r.out}`);
    if (!r.ok) fail(`code-server postinstall failed:\n${trimNpmOutput(r.out)}`);
  } else if (/install-scripts/.test(out)) {
    log('code-server: npm reported skipped install scripts; the native modules are there all the same');
  }
  const problems = codeServerProblems();
  if (problems.length) {
    fail(`code-server installed but does not work:\n  ${problems.join('\n  ')}\n(full log: ${path.join(CACHE, 'code-server-install.log')})`);
  }
  fs.writeFileSync(stamp, `${CODE_SERVER_VERSION} node${NODE_VERSION}\n`);
  log(`code-server: installed in ${((Date.now() - t) / 1000).toFixed(0)}s`);
}

// ---------------------------------------------------------------- lock

function sleepSync(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** Runs fn while holding .cache/.setup.lock, so two runs on one machine never install at once. */
function withLock(fn) {
  const lock = path.join(CACHE, '.setup.lock');
  const deadline = Date.now() + 15 * 60_000;
  let told = false;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      let owner = 0;
      try {
        owner = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8'));
      } catch {
        // being written, or left empty by a crash: judged by age below
      }
      const age = Date.now() - fs.statSync(lock).mtimeMs;
      if ((owner && !alive(owner)) || (!owner && age > 10_000)) {
        fs.rmSync(lock, { recursive: true, force: true }); // left by a process that is gone
        continue;
      }
      if (Date.now() > deadline) fail(`${lock} is held by pid ${owner} for too long; remove it if no setup is running`);
      if (!told) log(`another setup (pid ${owner}) is running; waiting for it`);
      told = true;
      sleepSync(1000);
    }
  }
  try {
    return fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- main

export async function ensureSetup({ check = false } = {}) {
  fs.mkdirSync(CACHE, { recursive: true });
  if (check) {
    const problems = [...aptNeeded().map((p) => `apt package ${p} missing`)];
    if (!node24Works()) problems.push(`Node ${NODE_VERSION} missing in ${NODE24_DIR}`);
    else problems.push(...codeServerProblems());
    if (problems.length) fail(`not set up:\n  ${problems.join('\n  ')}\nRun: node scripts/e2e/setup.mjs`);
    log('everything is in place');
    return paths;
  }
  withLock(() => {
    ensureApt();
    if (!chromiumWorks()) fail(`${CHROMIUM} --version failed`);
    ensureNode24();
    ensureCodeServer();
  });
  log(`ready in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  return paths;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ensureSetup({ check: process.argv.includes('--check') })
    .then((p) => {
      if (!process.env.STAR_E2E_QUIET) {
        console.log(`[e2e setup] node24:      ${p.node24}`);
        console.log(`[e2e setup] code-server: ${p.codeServer}`);
        console.log(`[e2e setup] chromium:    ${p.chromium}`);
      }
    })
    .catch((error) => {
      console.error(`[e2e setup] FAILED: ${error instanceof SetupError ? error.message : error.stack ?? error}`);
      process.exit(1);
    });
}
