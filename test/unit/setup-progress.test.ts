import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const SETUP = pathToFileURL(join(__dirname, '..', '..', 'scripts', 'e2e', 'setup.mjs')).href;

describe('e2e setup progress', () => {
  it('says which step a long install is at and how much it has written, while the install blocks', () => {
    const dir = mkdtempSync(join(tmpdir(), 'star-progress-'));
    // The install is played by a blocking child that writes 3 MB, then makes the next step's marker.
    const script = `
      import { startProgress } from ${JSON.stringify(SETUP)};
      import { spawnSync } from 'node:child_process';
      const stop = startProgress('code-server', ${JSON.stringify(dir)}, [['.', 'fetching'], ['built', 'building native modules']]);
      spawnSync(process.execPath, ['-e', \`
        const fs = require('node:fs');
        fs.writeFileSync(${JSON.stringify(join(dir, 'blob'))}, Buffer.alloc(3 * 1024 * 1024, 1));
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 700);
        fs.mkdirSync(${JSON.stringify(join(dir, 'built'))});
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 700);
      \`]);
      stop();
    `;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, STAR_E2E_PROGRESS_MS: '200', STAR_E2E_QUIET: '' }, timeout: 20_000 });
    assert.equal(run.status, 0, run.stderr);
    const lines = run.stdout.trim().split('\n');
    assert.ok(lines.length >= 3, run.stdout);
    assert.ok(lines.every((line) => /^\[e2e setup \+\d+\.\ds\] code-server: (fetching|building native modules), \d+ MB in star-progress-\w+\/ so far \(\d+s\)$/.test(line)), run.stdout);
    assert.match(lines[0], /fetching/);
    assert.match(lines[lines.length - 1], /building native modules, 3 MB/);
  });
});
