import { strict as assert } from 'node:assert';
import { parseMarkdown } from '../../src/core/markdown';
import { freshStarts, pieces } from '../../src/core/markdown-blocks';
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
  '===', 'Setext', 'Situation: x', 'Plain words, and (more) of them.', 'Ends with a blank ', 'Q2: a/b 50% $3 +1=2', 'Tab\tinside', '* * *', '- - -', '', '', '    ', '\t', '\ufeff', 'text', 'www.example.com', '~~strike~~', '- [ ] task', '[x]', '[^1]',
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
      // A comment never closed runs to the end, trailing blank lines and all, after any container.
      '# h\n\nx\n<!--\na\n\n\n',
      '- a\n<!-- x\n  b\n',
      '> a\n<!--\n> b',
      '    code\n\n<!--\r\n# not a heading\r\n',
      '1. a\n\n   b\n<!--',
      'x\n   <!--\n# h\n',
      '- a\n   <!--\n# h\n',
      '<div>\n<!--\n# h\n',
      '```\n<!--\n```\n# h\n<!-- a --> <!--\n# h2\n',
      'a\n<!-- b -->\n<!--\n-->\n# h\n<!--\n',
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
    // Mixtures with a comment opened at column 0 somewhere, often never closed.
    for (let i = 0; i < 400; i++) {
      const parts: string[] = [];
      for (let k = rng.int(1, 12); k > 0; k--) parts.push(rng.chance(0.5) ? rng.pick(LINES) : rng.pick(drafts).slice(0, rng.int(0, 300)));
      parts.splice(rng.int(0, parts.length), 0, (rng.chance(0.5) ? '\n' : '') + rng.pick(['<!--', '<!-- note', '<!--x', '<!-- a --> <!--', ' <!--', '<!---->']));
      const rest = rng.pick(drafts);
      texts.push(parts.join(rng.chance(0.8) ? '\n' : '\r\n') + '\n' + rest.slice(0, rng.int(0, rest.length)).replace(/-->/g, rng.chance(0.8) ? '- ->' : '-->'));
    }
    let cut = 0;
    let comments = 0;
    for (const text of texts) {
      const both = bothWays(text);
      if (!both) continue;
      const found = pieces(text, text.startsWith('---'), false);
      if (found.starts.length > 0) cut++;
      if (found.unclosedComment >= 0) comments++;
      assert.equal(both[1], both[0], JSON.stringify(text));
    }
    assert.ok(cut > 200, `only ${cut} texts were cut`);
    assert.ok(comments > 40, `only ${comments} texts ended in a comment left unparsed`);
  });

  it('cuts the bench banks, and the tree is the whole parse', () => {
    const bank = storyBank(50_000);
    assert.ok(freshStarts(bank, false, false).length > 300);
    assert.equal(JSON.stringify(parseMarkdown(bank)), JSON.stringify(parseMarkdown(bank, Infinity)));
  });

  it('makes the nodes of plain lines over underlines without the parser, as the parser does', () => {
    const units = ['Situation: x\n---\n', 'Result (up 10%): done\r\n----  \r\n\r\n', 'Title\n===\n\n', 'Not plain *x*\n---\n', 'a\n---\n  \n\t\n', 'Tell me about a time?\n---\n'];
    const rng = new Random(7);
    for (let i = 0; i < 40; i++) {
      let text = '# Bank\n\n';
      for (let k = rng.int(1, 200); k > 0; k--) text += rng.pick(units);
      if (rng.chance(0.5)) text = text.replace(/\n$/, '');
      assert.equal(JSON.stringify(parseMarkdown(text, 1)), JSON.stringify(parseMarkdown(text, Infinity)), JSON.stringify(text.slice(0, 400)));
    }
  });

  it('makes the nodes of plain quotes without the parser, as the parser does', () => {
    const lines = ['> a', '>> b c', '>>> deeper', '> > spaced', '>>>>>> six', '>> Situation: x', '> *not plain*', '>  two spaces', '>', '> a ', 'lazy line', '', '  ', '## h', 'x', '---'];
    const rng = new Random(11);
    for (let i = 0; i < 300; i++) {
      let text = rng.pick(['# Bank\n\n', 'x\n\n', '- item\n\n', '    code\n\n']);
      for (let k = rng.int(1, 40); k > 0; k--) {
        const quote = rng.chance(0.8) ? '>'.repeat(rng.int(1, 8)) + ' quoted line' : rng.pick(lines);
        text += quote + rng.pick(['\n', '\n', '\n', '\r\n', '\n\n']);
      }
      const both = bothWays(text);
      if (both) assert.equal(both[1], both[0], JSON.stringify(text));
    }
    // Growing depth, as far as a whole parse's tree can be compared.
    const deep = '# Q\n\n' + Array.from({ length: 120 }, (_, i) => '>'.repeat(i + 1) + ' quoted line').join('\n');
    const both = bothWays(deep);
    if (both) assert.equal(both[1], both[0]);
  });

  it('reads list items past 32 on one line as text, keeping every offset, and leaves rules and shallower lists alone', () => {
    const depth = (node: { type: string; children?: unknown[] }): number =>
      node.type === 'list' ? 1 + Math.max(0, ...(node.children ?? []).map((c) => depth(c as never))) : Math.max(0, ...(node.children ?? []).map((c) => depth(c as never)));
    const deep = `Intro\n\n${'- '.repeat(200)}x\n\nAfter.\n`;
    const tree = parseMarkdown(deep);
    assert.equal(depth(tree as never), 32);
    assert.equal(tree.children.at(-1)!.position!.start.offset, deep.indexOf('After.'));
    for (const line of [`${'- '.repeat(30)}x\n`, `${'* '.repeat(200)}\n`, `${'- '.repeat(200)}\n`]) {
      const whole = JSON.stringify(parseMarkdown(line, Infinity));
      assert.equal(JSON.stringify(parseMarkdown(line)), whole);
      assert.ok(!whole.includes('\u00a0'), line.slice(0, 12));
    }
    assert.equal(parseMarkdown(`${'- '.repeat(200)}\n`).children[0].type, 'thematicBreak');
  });

  it('never cuts a text with definitions, a byte-order mark or a lone CR', () => {
    for (const text of ['[a]: /u\n\n# h\n\n[a]\n', '\ufeff# a\n\n# b\n', '# a\r# b\n\n# c\n']) assert.deepEqual(freshStarts(text, false, false), []);
  });
});
