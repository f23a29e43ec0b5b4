import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { collapseWhitespace, countWords } from '../../src/core/markdown';

const ROOT = join(__dirname, '..', '..');

/** Every markdown file the tests and docs ship: drafts in many styles, to compare on. */
function corpus(): string[] {
  const texts: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.md')) texts.push(readFileSync(path, 'utf8'));
    }
  };
  for (const dir of ['examples', 'docs', 'test/fixtures']) walk(join(ROOT, dir));
  return texts;
}

describe('countWords', () => {
  // The definition, as a regex: a letter or digit, then letters, digits and joiners.
  const reference = (text: string): number => text.match(/[\p{L}\p{N}][\p{L}\p{N}'’.,%$€£-]*/gu)?.length ?? 0;

  it('counts runs of letters and digits, joined by apostrophes, decimal points and units', () => {
    assert.equal(countWords('p95 latency fell from 1.8 s to 340 ms.'), 9);
    assert.equal(countWords("I didn't wait — I shipped a $2,000 fix, 40% faster."), 10);
    assert.equal(countWords('**Situation:** -- ... —'), 1);
    assert.equal(countWords(''), 0);
  });

  it('counts letters beyond ASCII, also outside the BMP, and not emoji', () => {
    assert.equal(countWords('Größe über 3 Tage — naïve café'), 6);
    assert.equal(countWords('我们 提高了 性能'), 3);
    assert.equal(countWords('𝐁𝐨𝐥𝐝 words 🚀 launched ✅'), 3);
    assert.equal(countWords('राजस्व ४५ प्रतिशत'), reference('राजस्व ४५ प्रतिशत'));
  });

  it('agrees with the regex definition on every markdown file in the repository', () => {
    const texts = corpus();
    assert.ok(texts.length > 50, `only ${texts.length} files`);
    for (const text of texts) assert.equal(countWords(text), reference(text), text.slice(0, 80));
  });
});

describe('collapseWhitespace', () => {
  it('turns each run of spaces, tabs, line breaks and no-break spaces into one space, and trims', () => {
    assert.equal(collapseWhitespace('  a  b\tc\r\n d\u00a0e \n'), 'a b c d e');
    assert.equal(collapseWhitespace('one two'), 'one two');
  });

  it('agrees with replace(/\\s+/g, " ").trim() on every markdown file in the repository', () => {
    for (const text of corpus()) assert.equal(collapseWhitespace(text), text.replace(/\s+/g, ' ').trim());
  });
});
