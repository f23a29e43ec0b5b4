import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const SRC = join(__dirname, '..', '..', 'src');
const IMPORTS_VSCODE = /(?:from\s+['"]vscode['"]|require\(\s*['"]vscode['"]\s*\)|import\(\s*['"]vscode['"]\s*\))/;

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    return entry.isDirectory() ? sourceFiles(path) : /\.[cm]?tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe('architecture', () => {
  it('only src/vscode imports the vscode API, so the core runs in the CLI and anywhere else', () => {
    const offenders = sourceFiles(SRC)
      .filter((file) => !relative(SRC, file).startsWith(`vscode`))
      .filter((file) => IMPORTS_VSCODE.test(readFileSync(file, 'utf8')))
      .map((file) => relative(SRC, file));
    assert.deepEqual(offenders, []);
  });

  // The layers, bottom up: the core reads drafts; the rules and the bank build on it; the engine
  // runs the rules over what the core reads; the CLI and the extension call the engine.
  const LAYERS: Record<string, readonly string[]> = {
    core: ['rules', 'bank', 'engine', 'config', 'cli', 'vscode'],
    rules: ['engine', 'cli', 'vscode'],
    bank: ['engine', 'cli', 'vscode'],
    engine: ['cli', 'vscode'],
  };
  for (const [layer, above] of Object.entries(LAYERS)) {
    it(`src/${layer} imports nothing from ${above.map((a) => `src/${a}`).join(', ')}`, () => {
      const offenders: string[] = [];
      for (const file of sourceFiles(join(SRC, layer))) {
        for (const match of readFileSync(file, 'utf8').matchAll(/(?:from\s*|import\s*\(?\s*|require\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g)) {
          const target = relative(SRC, join(file, '..', match[1])).split(/[\\/]/)[0];
          if (above.includes(target)) offenders.push(`${relative(SRC, file)} imports ${match[1]}`);
        }
      }
      assert.deepEqual(offenders, []);
    });
  }
});
