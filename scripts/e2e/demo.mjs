#!/usr/bin/env node
// Serves the real VS Code (code-server) with STAR Coach installed and /work/main/examples open,
// at a printed local URL, until Ctrl+C. For a person to try the extension in a browser.
//
//   node scripts/e2e/demo.mjs [--no-package] [--port N] [--folder DIR]
//
// The folder is served as is (edits are saved into it); --folder picks another one.
import fs from 'node:fs';
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
const folder = path.resolve(opt('--folder') ?? path.join(ROOT, 'examples'));
const port = opt('--port') ? Number(opt('--port')) : undefined;

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
  console.log(`  (serving ${folder}; only on 127.0.0.1; Ctrl+C to stop)`);
  console.log('');
  const shutdown = () => {
    console.log('[e2e demo] stopping');
    server.stop().then(() => process.exit(0));
  };
  process.prependOnceListener('SIGINT', shutdown);
  process.prependOnceListener('SIGTERM', shutdown);
} catch (error) {
  console.error(`[e2e demo] FAILED: ${error.message ?? error}`);
  process.exit(1);
}
