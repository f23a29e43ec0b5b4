import { strict as assert } from 'node:assert';
import { parseMarkdown } from '../../src/core/markdown';
import { freshStarts } from '../../src/core/markdown-blocks';
import { storyBank } from '../../scripts/story-bank';
import { generateCase } from '../fuzz/generate';
import { Random } from '../fuzz/random';

/** The tree parsed whole and the tree joined from pieces cut at every fresh start, as JSON (deep trees overflow a recursive compare). */
function bothWays(text: string): [string, string] | null {
  let whole: string;
  try {
    whole = JSON.stringify(parseMarkdown(text, Infinity));
  } catch {
    return null; // Nested too deep for the parser or for JSON: nothing to compare.
  }
  return [whole, JSON.stringify(parseMarkdown(text, 1))];
}

/** Lines that open, close or continue a block across the next line, and headings to cut before. */
const LINES = [
  '# h', '## h2', '###### six', '####### seven', '#', '# ', '#notheading', '\\# h', '  # h', '```', '```js', '````', '~~~', '~~~~', '``` x `y`',
  '   ```', '- ```', '> ```', '\t```', '    code', '      indented more', '<!--', '-->', '<!-- a -->', '<!-- x --> <!--', '--> <!--', 'a <!-- b',
  '<div>', '</div>', '<div>x</div>', '<pre>', '</pre>', '<script>', '</script>', '<textarea>', '<?php', '?>', '<!DOCTYPE x', '<!X decl', '<![CDATA[', ']]>',
  '<b>x</b>', '- item', '  - nested', '+ x', '1. one', '2) two', '10. ten', '> quote', '>> deep', '> - q', '>', '| a | b |', '| - | - |', '---', '-----',
  '===', 'Setext', '* * *', '- - -', '', '', '    ', '\t', '\ufeff', 'text', 'www.example.com', '~~strike~~', '- [ ] task', '[x]', '[^1]',
];

describe('parsing in pieces (markdown-blocks.ts)', () => {
  it('gives the tree of a whole parse after every construct that can run into the next line', () => {
    const known = [
      // An unclosed fence in a list item ends the item at the end of a piece, past its last line.
      '- ```\n## h\n',
      '- ```\n\n## h\n',
      '- - x\n\t```\n## h\n',
      // A line of U+FEFF is not blank to the parser (it is to String.prototype.trim).
      '<div>\n\ufeff\nx\n## h\n',
      // Front matter closed at once: the parser closes it at the first `---`, the pattern at the last.
      '---\r\n---\nx: y\n# h\n```\n---\n# in a fence\n',
      '---\r\nx: 1\r\n---\r\n```\r\n# in a fence\r\n```\r\n# h\r\n',
      // Indented code looks past blank lines: the next line is read as interrupting.
      '    code\n\n2) two\n# h\n',
      '<textarea>\n<!X decl\n# h\n]]>\n</textarea>\n# h2\n',
      'a <!-- b\n<pre>\n-->\n# h\n</pre>\n',
    ];
    for (const text of known) {
      const [whole, joined] = bothWays(text)!;
      assert.equal(joined, whole, JSON.stringify(text));
    }
  });

  it('gives the tree of a whole parse on the fuzzer drafts and on mixtures of them with block lines', function () {
    this.timeout(60_000);
    const rng = new Random(20261202);
    const drafts = Array.from({ length: 400 }, (_, i) => generateCase(20261202, i).text);
    const texts = [...drafts];
    for (let i = 0; i < 800; i++) {
      const parts: string[] = [];
      for (let k = rng.int(2, 30); k > 0; k--) parts.push(rng.chance(0.5) ? rng.pick(LINES) : rng.pick(drafts).slice(0, rng.int(0, 400)));
      const body = parts.join(rng.chance(0.7) ? '\n' : rng.chance(0.5) ? '\n\n' : '\r\n');
      texts.push(rng.chance(0.3) ? rng.pick(['---\n', '---\r\n', '--- \n']) + rng.pick(['', 'a: b\n', '---x\n']) + rng.pick(['---\n', '---\r\n', '...\n', '']) + body : body);
    }
    let cut = 0;
    for (const text of texts) {
      const both = bothWays(text);
      if (!both) continue;
      if (freshStarts(text, text.startsWith('---'), false).length > 0) cut++;
      assert.equal(both[1], both[0], JSON.stringify(text));
    }
    assert.ok(cut > 200, `only ${cut} texts were cut`);
  });

  it('cuts the bench banks, and the tree is the whole parse', () => {
    const bank = storyBank(50_000);
    assert.ok(freshStarts(bank, false, false).length > 300);
    assert.equal(JSON.stringify(parseMarkdown(bank)), JSON.stringify(parseMarkdown(bank, Infinity)));
  });

  it('never cuts a text with definitions, a byte-order mark or a lone CR', () => {
    for (const text of ['[a]: /u\n\n# h\n\n[a]\n', '\ufeff# a\n\n# b\n', '# a\r# b\n\n# c\n']) assert.deepEqual(freshStarts(text, false, false), []);
  });
});
