#!/usr/bin/env node
// Starts the real VS Code (code-server, from .cache/, see setup.mjs) on 127.0.0.1 with an extension
// installed into a fresh, throwaway extensions dir and user-data dir, and stops it again.
//
// As a module:
//   import { startServer } from './scripts/e2e/server.mjs';
//   const server = await startServer({ vsix: 'x.vsix', folder: '/abs/workspace' });
//   ... open server.url in a browser ...
//   await server.stop();           // kills the process group it started, removes the temp dirs
//
// From the command line (serves until Ctrl+C):
//   node scripts/e2e/server.mjs --vsix path/to/ext.vsix [--vsix another.vsix] --folder path [--port N]
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { node24Env, paths } from './setup.mjs';

export const HOST = '127.0.0.1';
const GUARDIAN = fileURLToPath(new URL('./guardian.mjs', import.meta.url));

/**
 * User settings for a quiet, deterministic workbench: no welcome page, walkthroughs, tips, trust
 * prompts, update checks, telemetry, AI/chat views or recommendations.
 */
export const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.enableExperiments': false,
  'workbench.editor.enablePreview': false,
  'workbench.editor.untitled.hint': 'hidden',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.settings.enableNaturalLanguageSearch': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'security.workspace.trust.startupPrompt': 'never',
  'update.mode': 'none',
  'update.showReleaseNotes': false,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'chat.setupFromDialog': false,
  'window.commandCenter': false,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'github.gitAuthentication': false,
  'npm.fetchOnlinePackageInfo': false,
  'editor.accessibilitySupport': 'off',
  'files.autoSave': 'off',
  'markdown.validate.enabled': false,
  'markdown.updateLinksOnFileMove.enabled': 'never',
  'problems.sortOrder': 'position',
  'explorer.compactFolders': false,
  'explorer.autoReveal': true,
};

/**
 * Settings for tests: an editor that types exactly what a test types (no suggestions popping up,
 * no auto-closing, no format-on-type) and renders plainly (no minimap, no sticky scroll).
 */
export const TEST_EDITOR_SETTINGS = {
  'editor.minimap.enabled': false,
  'editor.quickSuggestions': { other: 'off', comments: 'off', strings: 'off' },
  'editor.suggestOnTriggerCharacters': false,
  'editor.wordBasedSuggestions': 'off',
  'editor.acceptSuggestionOnEnter': 'off',
  'editor.autoClosingBrackets': 'never',
  'editor.autoClosingQuotes': 'never',
  'editor.autoClosingComments': 'never',
  'editor.autoSurround': 'never',
  'editor.formatOnType': false,
  'editor.formatOnSave': false,
  'editor.inlineSuggest.enabled': false,
  'editor.stickyScroll.enabled': false,
  'editor.hover.delay': 300,
  'files.insertFinalNewline': false,
  'files.trimTrailingWhitespace': false,
  // Quick fixes (workspace edits) leave the editor dirty instead of saving it: tests save explicitly.
  'files.refactoring.autoSave': false,
  // No restored dirty editors between tests (each test's browser is fresh anyway).
  'files.hotExit': 'off',
};

/** A free TCP port on 127.0.0.1 (asks the OS for one, then releases it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, HOST, () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function httpStatus(url, timeoutMs = 2000) {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

function codeServerArgs(dirs) {
  return [
    paths.codeServer,
    '--config', dirs.config,
    '--extensions-dir', dirs.extensions,
    '--user-data-dir', dirs.userData,
  ];
}

function isolatedEnv(dirs, extra = {}) {
  // XDG_* keep code-server's own config/state out of $HOME; the rest are plain Node 24 + PATH.
  return node24Env({
    XDG_CONFIG_HOME: path.join(dirs.root, 'xdg-config'),
    XDG_DATA_HOME: path.join(dirs.root, 'xdg-data'),
    XDG_CACHE_HOME: path.join(dirs.root, 'xdg-cache'),
    VSCODE_CLI_DISABLE_TELEMETRY: '1',
    // No extension gallery (default: open-vsx.org): nothing leaves the machine, nothing to update.
    EXTENSIONS_GALLERY: '{}',
    ...extra,
  });
}

/** Installs .vsix files into dirs.extensions with code-server's own CLI. */
function installExtensions(vsixes, dirs, log) {
  for (const vsix of vsixes) {
    const abs = path.resolve(vsix);
    if (!fs.existsSync(abs)) throw new Error(`no such .vsix: ${abs}`);
    const t = Date.now();
    const r = spawnSync(paths.node24, [...codeServerArgs(dirs), '--force', '--install-extension', abs], {
      env: isolatedEnv(dirs),
      encoding: 'utf8',
      timeout: 120_000,
    });
    const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
    if (r.status !== 0 || /Failed Installing|error/i.test(out.replace(/Extension .* was successfully installed/g, ''))) {
      throw new Error(`installing ${abs} failed (exit ${r.status}):\n${out.slice(-2000)}`);
    }
    log(`installed ${path.basename(abs)} in ${Date.now() - t} ms`);
  }
}

/**
 * Starts code-server serving `folder`.
 * @param {object} o
 * @param {string|string[]} [o.vsix]   .vsix file(s) to install first (into a fresh extensions dir)
 * @param {string} o.folder            folder the workbench opens (absolute or relative to cwd)
 * @param {number} [o.port]            default: a free port
 * @param {object} [o.settings]        merged over QUIET_SETTINGS (+ TEST_EDITOR_SETTINGS) into User/settings.json
 * @param {boolean} [o.testEditor]     default true: add TEST_EDITOR_SETTINGS; false keeps VS Code's editor defaults
 * @param {string[]} [o.args]          extra code-server arguments
 * @param {boolean} [o.keepDirs]       keep the temp dirs after stop() (for debugging)
 * @param {number} [o.timeoutMs]       how long to wait for HTTP (default 60 s)
 * @param {(m: string) => void} [o.log]
 * @returns {Promise<{url: string, folderUrl: string, port: number, pid: number, folder: string,
 *   dirs: {root: string, userData: string, extensions: string, config: string, log: string},
 *   stop: () => Promise<void>}>}
 */
export async function startServer(o) {
  const log = o.log ?? ((m) => console.log(`[e2e server] ${m}`));
  if (!fs.existsSync(paths.codeServer) || !fs.existsSync(paths.node24)) {
    throw new Error('code-server is not installed: run `node scripts/e2e/setup.mjs` first');
  }
  const folder = path.resolve(o.folder);
  if (!fs.statSync(folder).isDirectory()) throw new Error(`not a folder: ${folder}`);
  const t0 = Date.now();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'star-e2e-vscode-'));
  const dirs = {
    root,
    userData: path.join(root, 'user-data'),
    extensions: path.join(root, 'extensions'),
    config: path.join(root, 'config.yaml'),
    log: path.join(root, 'code-server.log'),
  };
  fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  fs.mkdirSync(dirs.extensions, { recursive: true });
  fs.writeFileSync(
    path.join(dirs.userData, 'User', 'settings.json'),
    `${JSON.stringify({ ...QUIET_SETTINGS, ...(o.testEditor === false ? {} : TEST_EDITOR_SETTINGS), ...(o.settings ?? {}) }, null, 2)}\n`,
  );
  // An explicit config file, so code-server neither reads nor writes ~/.config/code-server.
  fs.writeFileSync(dirs.config, 'auth: none\ncert: false\n');

  const cleanupDirs = () => {
    if (!o.keepDirs) fs.rmSync(root, { recursive: true, force: true });
  };

  let child;
  try {
    const vsixes = o.vsix == null ? [] : Array.isArray(o.vsix) ? o.vsix : [o.vsix];
    installExtensions(vsixes, dirs, log);

    const port = o.port ?? (await freePort());
    const args = [
      ...codeServerArgs(dirs),
      '--auth', 'none',
      '--bind-addr', `${HOST}:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      ...(o.args ?? []),
      folder,
    ];
    const logFd = fs.openSync(dirs.log, 'a');
    // guardian.mjs leads a new process group (detached) and runs code-server in it, so stop() ends
    // code-server and every child it spawned (extension host, file watcher, pty host) with one
    // signal to -pid; and the guardian ends that group by itself when this process dies in any way
    // (its stdin is a pipe from us).
    child = spawn(process.execPath, [GUARDIAN, JSON.stringify([paths.node24, ...args])], {
      env: isolatedEnv(dirs),
      detached: true,
      stdio: ['pipe', logFd, logFd],
    });
    fs.closeSync(logFd);
    const pid = child.pid;
    let exited = null;
    const exitPromise = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        exited = { code, signal };
        resolve(exited);
      });
    });
    let stopped = false;
    // Never leave code-server behind if this process exits, or is ended by a signal, without stop().
    const onExit = () => killGroup(pid, 'SIGKILL');
    const onSignal = (signal) => {
      if (stopped) return; // a handler of the host already called stop()
      killGroup(pid, 'SIGKILL');
      cleanupDirs();
      // Nobody else handles it: keep the default behaviour (end this process by that signal).
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    };
    process.once('exit', onExit);
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);

    const stop = async () => {
      if (stopped) return;
      stopped = true;
      process.removeListener('exit', onExit);
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
      if (!exited) {
        killGroup(pid, 'SIGTERM');
        const done = await Promise.race([exitPromise, delay(5000, true).then(() => null)]);
        if (!done) killGroup(pid, 'SIGKILL');
      }
      // The extension host and other children may outlive the main process: end the group for sure.
      killGroup(pid, 'SIGKILL');
      cleanupDirs();
    };

    const url = `http://${HOST}:${port}/`;
    const deadline = Date.now() + (o.timeoutMs ?? 60_000);
    for (;;) {
      if (exited) {
        const tail = safeRead(dirs.log).slice(-3000);
        await stop();
        throw new Error(`code-server exited early (${JSON.stringify(exited)}):\n${tail}`);
      }
      if ((await httpStatus(`${url}healthz`)) === 200) break;
      if (Date.now() > deadline) {
        const tail = safeRead(dirs.log).slice(-3000);
        await stop();
        throw new Error(`code-server did not answer on ${url} within ${o.timeoutMs ?? 60_000} ms:\n${tail}`);
      }
      await delay(100);
    }
    const folderUrl = `${url}?folder=${encodeURIComponent(folder)}`;
    log(`code-server (pid ${pid}) answers on ${url} after ${Date.now() - t0} ms`);
    return { url, folderUrl, port, pid, folder, dirs, stop };
  } catch (error) {
    if (child && child.exitCode === null) killGroup(child.pid, 'SIGKILL');
    cleanupDirs();
    throw error;
  }
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

function delay(ms, unref = false) {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    if (unref) timer.unref();
  });
}

function safeRead(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

// ---------------------------------------------------------------- command line

function parseArgs(argv) {
  const out = { vsix: [], folder: undefined, port: undefined, keepDirs: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--vsix') out.vsix.push(argv[++i]);
    else if (a === '--folder') out.folder = argv[++i];
    else if (a === '--port') out.port = Number(argv[++i]);
    else if (a === '--keep-dirs') out.keepDirs = true;
    else if (a === '-h' || a === '--help') out.help = true;
    else if (!out.folder) out.folder = a;
    else throw new Error(`unknown argument: ${a}`);
  }
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(String(error.message));
    process.exit(2);
  }
  if (opts.help || !opts.folder) {
    console.log('usage: node scripts/e2e/server.mjs [--vsix ext.vsix]... --folder DIR [--port N] [--keep-dirs]');
    process.exit(opts.help ? 0 : 2);
  }
  startServer(opts).then(
    (server) => {
      console.log(`[e2e server] open ${server.folderUrl}`);
      console.log(`[e2e server] log: ${server.dirs.log}   (Ctrl+C to stop)`);
      const shutdown = () => server.stop().then(() => process.exit(0));
      process.prependOnceListener('SIGINT', shutdown);
      process.prependOnceListener('SIGTERM', shutdown);
    },
    (error) => {
      console.error(`[e2e server] FAILED: ${error.message}`);
      process.exit(1);
    },
  );
}
