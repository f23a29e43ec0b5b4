import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { analyze } from '../../src/engine';
import { COACHING_RULES } from '../../src/rules';
import { summarize } from './fixture-summary';

// Answers written as prose: what is inferred, what the rules say about it, and which files
// stay silent. Structure only, as in the label fixtures: the coaching rules have their own tests.
const DIR = join(__dirname, '..', 'fixtures', 'inference');
const STRUCTURE_ONLY = { rules: Object.fromEntries(COACHING_RULES.map((rule) => [rule.alias, 'off' as const])) };

/** The summary, with each inferred section marked, so a reader of the file sees which parts no label holds. */
function render(text: string, fileName: string): string {
  const result = analyze(text, { fileName, ...STRUCTURE_ONLY });
  const inferred = result.answers.flatMap((a) => a.sections.map((s) => s.inferred === true));
  let i = 0;
  return summarize(result, text)
    .split('\n')
    .map((line) => (/^ {2}\S+ \d+-\d+ words=/.test(line) ? `${line}${inferred[i++] ? ' inferred' : ''}` : line))
    .join('\n');
}

describe('fixtures: inference', () => {
  for (const name of readdirSync(DIR).filter((f) => f.endsWith('.md'))) {
    it(name, () => {
      const path = join(DIR, name);
      const expectedPath = path.replace(/(?:\.star)?\.md$/, '.expected');
      const actual = render(readFileSync(path, 'utf8'), path);
      if (process.env.UPDATE_FIXTURES) writeFileSync(expectedPath, actual);
      assert.ok(existsSync(expectedPath), `${relative(process.cwd(), expectedPath)} is missing (UPDATE_FIXTURES=1 writes it)`);
      assert.equal(actual, readFileSync(expectedPath, 'utf8'));
    });
  }

  it('marks inferred sections in the CLI JSON shape: every section has 1-based columns', () => {
    const text = readFileSync(join(DIR, 'prose-paragraphs.md'), 'utf8');
    const result = analyze(text, { fileName: 'prose-paragraphs.md' });
    assert.equal(result.answers.length, 1);
    for (const section of result.answers[0].sections) {
      assert.equal(section.inferred, true);
      assert.equal(section.labelText, '');
      assert.ok(section.range.start.column >= 1 && section.range.end.column >= 1);
    }
  });
});
