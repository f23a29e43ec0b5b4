#!/usr/bin/env node
// Runs an extension-host test suite (what @vscode/test-electron's runTests does, with the same
// extensionDevelopmentPath / extensionTestsPath contract) inside code-server's real VS Code, in
// headless Chromium, without downloading VS Code:
//
//   node scripts/e2e/exthost.mjs --extensionDevelopmentPath . --extensionTestsPath ./out/test/index.js [--folder DIR]
//
// extensionTestsPath is a CommonJS module exporting `run(): Promise<void>` (reject = failure), as
// for @vscode/test-electron; it runs in the remote extension host (Node 24 inside code-server),
// can require('vscode'), and what it logs with console.* is printed here. Exit code: 0 when run()
// resolved, 1 when it rejected or nothing finished within --timeout seconds (default 300).
//
// How: code-server passes `--vscode-option enable-smoke-test-driver` through to VS Code's server,
// which sets developmentOptions.enableSmokeTestDriver in the workbench configuration; only then
// does the (built) web workbench honour the `payload` URL parameter with extensionDevelopmentPath /
// extensionTestsPath as vscode-remote:// URIs. The workbench reports the end through
// window.codeAutomationExit(code) and forwards logs to window.codeAutomationLog(type, args).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import util from 'node:util';
import { ROOT, CHROMIUM, ensureSetup } from './setup.mjs';
import { HOST, startServer } from './server.mjs';

// Workbench chatter that says nothing about the tests (printed with --verbose).
const NOISE = [
  /^Resolving connection token/,
  /^Resolved connection token/,
  /^Creating a socket/,
  /^\[reconnection-grace-time\]/,
  /^Ignoring fetching additional builtin extensions/,
  /^Updating additional builtin extensions cache/,
  /^\[Service Worker\]/,
  /^\[AgentHost/,
  /^\[AccountPolicyGate\]/,
  /^No search provider registered/,
  /^Canceled: Canceled/,
  /^%c/,
];

/**
 * @param {object} o
 * @param {string} o.extensionDevelopmentPath  folder with the extension's package.json (built)
 * @param {string} o.extensionTestsPath        module exporting run(): Promise<void>
 * @param {string} [o.folder]                  workspace folder to open (default: an empty temp folder)
 * @param {string|string[]} [o.vsix]           other extensions to install first
 * @param {number} [o.timeoutMs]               default 300 000
 * @param {boolean} [o.verbose]
 * @param {string} [o.screenshot]              where to save a screenshot of the workbench at the end
 * @returns {Promise<number>} exit code: 0 passed
 */
export async function runExtensionHostTests(o) {
  const devPath = path.resolve(o.extensionDevelopmentPath);
  const testsPath = path.resolve(o.extensionTestsPath);
  if (!fs.existsSync(path.join(devPath, 'package.json'))) throw new Error(`no package.json in ${devPath}`);
  if (!fs.existsSync(testsPath)) throw new Error(`no such file: ${testsPath}`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'star-e2e-exthost-'));
  const folder = o.folder ? path.resolve(o.folder) : path.join(tmp, 'workspace');
  fs.mkdirSync(folder, { recursive: true });

  const server = await startServer({
    folder,
    vsix: o.vsix,
    args: ['--vscode-option', 'enable-smoke-test-driver'],
    log: o.verbose ? undefined : () => undefined,
  });
  const { chromium } = createRequire(path.join(ROOT, 'package.json'))('playwright-core');
  let browser;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--proxy-server=http://127.0.0.1:9'],
    });
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    let resolveExit;
    const exited = new Promise((resolve) => {
      resolveExit = resolve;
    });
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = util.format(...(Array.isArray(args) ? args : [args]));
      if (!o.verbose && NOISE.some((re) => re.test(text))) return;
      (type === 'error' ? process.stderr : process.stdout).write(`${text}\n`);
    });
    await page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));
    page.on('pageerror', (e) => o.verbose && console.error(`[page] ${e.message}`));

    const authority = `${HOST}:${server.port}`;
    const remote = (p) => `vscode-remote://${authority}${p.split(path.sep).map(encodeURIComponent).join('/')}`;
    const payload = [
      ['extensionDevelopmentPath', remote(devPath)],
      ['extensionTestsPath', remote(testsPath)],
      ['skipWelcome', 'true'],
    ];
    const url = new URL(server.url);
    url.searchParams.set('folder', folder);
    url.searchParams.set('payload', JSON.stringify(payload));
    await page.goto(url.toString());

    const timeoutMs = o.timeoutMs ?? 300_000;
    let timer;
    const timeout = new Promise((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const result = await Promise.race([exited, timeout]);
    clearTimeout(timer);
    if (o.screenshot) await page.screenshot({ path: o.screenshot }).catch(() => undefined);
    if (result === 'timeout') {
      console.error(`[exthost] no result within ${timeoutMs / 1000} s (did the extension host load ${testsPath}?)`);
      return 1;
    }
    return result;
  } finally {
    await browser?.close().catch(() => undefined);
    await server.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  const opt = (...names) => {
    for (const n of names) {
      const i = argv.findIndex((a) => a === n || a.startsWith(`${n}=`));
      if (i >= 0) return argv[i].includes('=') ? argv[i].slice(argv[i].indexOf('=') + 1) : argv[i + 1];
    }
    return undefined;
  };
  const extensionDevelopmentPath = opt('--extensionDevelopmentPath', '--extension-development-path');
  const extensionTestsPath = opt('--extensionTestsPath', '--extension-tests-path');
  if (!extensionDevelopmentPath || !extensionTestsPath) {
    console.error('usage: node scripts/e2e/exthost.mjs --extensionDevelopmentPath DIR --extensionTestsPath FILE [--folder DIR] [--timeout SECONDS] [--screenshot FILE.png] [--verbose]');
    process.exit(2);
  }
  const t0 = Date.now();
  // No top-level await: tests import this module through tsx, which may load it as CommonJS.
  process.env.STAR_E2E_QUIET ??= '1';
  ensureSetup()
    .then(() =>
      runExtensionHostTests({
        extensionDevelopmentPath,
        extensionTestsPath,
        folder: opt('--folder'),
        timeoutMs: opt('--timeout') ? Number(opt('--timeout')) * 1000 : undefined,
        verbose: argv.includes('--verbose'),
        screenshot: opt('--screenshot'),
      }),
    )
    .then(
      (code) => {
        console.log(`[exthost] extension host tests exited ${code} after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
        process.exit(code);
      },
      (error) => {
        console.error(`[exthost] FAILED: ${error.message ?? error}`);
        process.exit(1);
      },
    );
}
