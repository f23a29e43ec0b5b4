import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type BuildFailure, type BuildOptions } from 'esbuild';

const ROOT = join(__dirname, '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { web } = require(join(ROOT, 'esbuild.js')) as { web: BuildOptions };

describe('web build (esbuild.js)', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'star-coach-web-build-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const specifier of ['node:fs', 'path', 'os', 'fs/promises', 'node:url']) {
    it(`fails when anything imports the Node built-in "${specifier}", naming the importer`, async () => {
      const entry = join(dir, 'entry.ts');
      writeFileSync(entry, `import * as m from '${specifier}';\nexport const used = m;\n`);
      await assert.rejects(
        build({ ...web, entryPoints: [entry], write: false, logLevel: 'silent', sourcemap: false }),
        (error: BuildFailure) => {
          assert.equal(error.errors.length, 1);
          assert.equal(error.errors[0].text, `"${specifier}" is a Node built-in; the web extension runs in a browser worker without them (imported by ${entry})`);
          return true;
        },
      );
    });
  }

  it('bundles the extension for a worker: CommonJS that requires only vscode and touches no DOM', async () => {
    const result = await build({ ...web, entryPoints: [join(ROOT, 'src', 'vscode', 'extension.ts')], write: false, logLevel: 'silent', sourcemap: false, outfile: join(dir, 'extension.js') });
    const code = result.outputFiles[0].text;
    assert.deepEqual([...new Set(code.match(/\brequire\(["'][^"']+["']\)/g))], ['require("vscode")']);
    assert.match(code, /module\.exports\s*=/);
    assert.doesNotMatch(code, /\bdocument\.createElement\b/, 'a web worker has no document');
  });
});
