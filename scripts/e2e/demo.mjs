#!/usr/bin/env node
// Serves the real VS Code (code-server) with STAR Coach installed and a copy of the
// repository's examples/ open, at a printed local URL, until Ctrl+C. For a person to try
// the extension in a browser (`npm run demo`).
//
//   node scripts/e2e/demo.mjs [--no-package] [--port N] [--folder DIR] [--keep]
//
// examples/ is copied to a temporary folder first, so drafts you edit or create, and the
// .vscode/ settings VS Code writes, never land in the repository; the copy is removed when
// the demo stops (--keep leaves it). --folder DIR serves DIR itself instead, edits and all.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, ensureSetup } from './setup.mjs';
import { startServer } from './server.mjs';
import { PACKAGE_COMMAND, VSIX } from './run.mjs';
import { spawnSync } from 'node:child_process';

const argv = process.argv.slice(2);
const opt = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const port = opt('--port') ? Number(opt('--port')) : undefined;
const keep = argv.includes('--keep');

/** A fresh copy of examples/ in a temporary folder, named examples so the window title says so. */
function examplesCopy() {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'star-coach-demo-'));
  const copy = path.join(parent, 'examples');
  fs.cpSync(path.join(ROOT, 'examples'), copy, { recursive: true });
  return { folder: copy, remove: () => (keep ? undefined : fs.rmSync(parent, { recursive: true, force: true })) };
}

const { folder, remove } = opt('--folder') ? { folder: path.resolve(opt('--folder')), remove: () => {} } : examplesCopy();

try {
  await ensureSetup();
  if (!argv.includes('--no-package') || !fs.existsSync(VSIX)) {
    const [cmd, args] = PACKAGE_COMMAND;
    console.log(`[e2e demo] packaging: ${cmd} ${args.join(' ')}`);
    const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0 || !fs.existsSync(VSIX)) throw new Error(`packaging failed:\n${`${r.stdout}${r.stderr}`.slice(-3000)}`);
  }
  const server = await startServer({ vsix: VSIX, folder, port, testEditor: false });
  console.log('');
  console.log(`  STAR Coach in VS Code: ${server.folderUrl}`);
  console.log(`  (serving ${folder}${opt('--folder') ? '' : `, a copy of examples/${keep ? ' kept after the demo' : ' removed when the demo stops'}`}; only on 127.0.0.1; Ctrl+C to stop)`);
  console.log('');
  const shutdown = () => {
    console.log('[e2e demo] stopping');
    server.stop().then(() => {
      remove();
      process.exit(0);
    });
  };
  process.prependOnceListener('SIGINT', shutdown);
  process.prependOnceListener('SIGTERM', shutdown);
} catch (error) {
  console.error(`[e2e demo] FAILED: ${error.message ?? error}`);
  remove();
  process.exit(1);
}
