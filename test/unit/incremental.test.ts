import { strict as assert } from 'node:assert';
import { analyze } from '../../src/engine/analyze';
import { IncrementalAnalyzer, splitBlocks } from '../../src/engine/incremental';
import type { AnalyzeOptions } from '../../src/engine/options';
import { storyBank } from '../../scripts/story-bank';
import { Random } from '../fuzz/random';

/** Mulberry32, seeded, so a failure replays. */

/**
 * What edits insert: ordinary typing, and every construct that could carry state across an
 * answer boundary (fences, comments, HTML, front matter, directives, tables, lists, quotes,
 * setext underlines, Obsidian comments, question and speaker lines, aside headings).
 */
const SNIPPETS = [
  'a', ' ', 'e', '\n', '\n\n', '#', '# ', '\n# Tell me about a time\n', '\n## Describe a conflict\n', '\n### Result\n', '\n#### Step 1\n',
  '```\n', '\n```js\n', '~~~\n', '\n    indented\n', '<!--', '-->', '\n<!-- star-coach-disable -->\n', '\n<!-- star-coach-enable -->\n',
  '\n<!-- star-coach-disable-next-line missing-result -->\n', '<!-- star-coach-disable-line -->', '\n<!-- star-coach-disable missing-metrics -->\n',
  '<div>\n', '</div>\n', '<pre>', '</pre>', '---\n', '\n---\n', '\n===\n', '%%', '\n%% hidden %%\n', '| a | b |\n|---|---|\n| x | y |\n', '|-|\n',
  '\n- ', '\n  - ', '\n> ', '\n1. ', '- [ ] ', '[^1]: note\n', '[^1]', '\nQ: Tell me about a time you failed?\n', '\nA: I rolled back.\n',
  '\n**Situation:** We had an outage.\n', '\nTask: restore it\n', '\nAction: I paged the team.\n', '\nResult: errors fell 40%.\n', '\nReflection: next time\n',
  '\n## Feedback\n\nSituation: 4/5\n', '\nquestion: tell-me-about-a-time\n', 'title: My story\n', '\r\n', '**', '_', '`', '\\', '<', '>',
];

function edit(text: string, next: () => number): string {
  const at = Math.floor(next() * (text.length + 1));
  const roll = next();
  if (roll < 0.35 && text.length > 0) {
    const length = 1 + Math.floor(next() * (next() < 0.8 ? 3 : 400));
    return text.slice(0, at) + text.slice(at + length);
  }
  // Start of a line, sometimes, as block constructs are typed there.
  const lineStart = roll < 0.6 ? text.lastIndexOf('\n', at - 1) + 1 : at;
  const snippet = SNIPPETS[Math.floor(next() * SNIPPETS.length)];
  return text.slice(0, lineStart) + snippet + text.slice(lineStart);
}

/** Seeds documents that start with front matter, directives, a preamble, or nothing. */
const OPENINGS = ['', '---\nquestion: tell-me-about-a-time-you-failed\n---\n\n', '---\ntitle: Draft\n---\n', '<!-- star-coach-disable missing-reflection -->\n\n', 'Notes for the loop.\n\n', '\ufeff'];

/** `walks` walks of 32 random edits from the bases, each version checked against analyze(); how many runs were cut into blocks. */
function randomWalks(walks: number, bases: string[], optionSets: AnalyzeOptions[], rng: Random): { checks: number; cutRuns: number } {
  const next = (): number => rng.next();
  let checks = 0;
  let cutRuns = 0;
  for (let walk = 0; walk < walks; walk++) {
    const options = optionSets[walk % optionSets.length];
    let text = OPENINGS[walk % OPENINGS.length] + bases[walk % bases.length];
    const analyzer = new IncrementalAnalyzer();
    for (let step = 0; step < 32; step++) {
      text = edit(text, next);
      check(analyzer, text, options, `walk ${walk} step ${step}`);
      checks++;
      if (!analyzer.stats.whole && analyzer.stats.blocks > 1) cutRuns++;
    }
  }
  return { checks, cutRuns };
}

/**
 * The bench bank without headings, as banks kept in one note are written: each story under a
 * question line (`Q: …?`, `**Tell me …**`, a plain question, `Q3.`), often after a `---` rule,
 * and its parts as labels, not `### Situation` headings.
 */
function bankWithoutHeadings(words: number, seed: number): string {
  const rng = new Random(seed);
  let story = 0;
  return storyBank(words, seed)
    .replace(/^# Story bank\n\n/, '')
    .replace(/^### (\w+)\n\n/gm, '**$1**\n')
    .replace(/^## (.+)$/gm, (_, question: string) => {
      story++;
      const line = rng.pick([`Q: ${question}?`, `**${question}?**`, `${question}.`, `Q${story}. ${question}?`, `__${question}__`]);
      return story > 1 && rng.chance(0.6) ? `---\n\n${line}` : line;
    });
}

function check(analyzer: IncrementalAnalyzer, text: string, options: AnalyzeOptions, label: string): void {
  const expected = analyze(text, options);
  const actual = analyzer.analyze(text, options);
  try {
    assert.deepEqual(actual, expected);
  } catch (error) {
    throw new Error(`${label}: merged result differs from analyze() for ${JSON.stringify(text.length > 3000 ? text.slice(0, 3000) + '…' : text)}\n${(error as Error).message.slice(0, 2000)}`);
  }
}

describe('incremental analysis', function () {
  // Thousands of whole analyses to compare with: minutes on a busy 2-core machine.
  this.timeout(600_000);

  it('cuts the bench bank at its story headings and re-analyzes only the edited story', () => {
    const text = storyBank(5_000);
    const blocks = splitBlocks(text);
    assert.ok(blocks.length > 20, `expected many blocks, got ${blocks.length}`);
    const analyzer = new IncrementalAnalyzer();
    check(analyzer, text, { fileName: 'bank.md' }, 'first open');
    const middle = text.indexOf('I ', text.length >> 1);
    const edited = text.slice(0, middle) + 'x' + text.slice(middle);
    check(analyzer, edited, { fileName: 'bank.md' }, 'one character');
    // The edited story, and while a cut near it is checked, the blocks it may join: a handful, not 38.
    assert.ok(analyzer.stats.analyzed <= 10, `${analyzer.stats.analyzed} blocks re-analyzed`);
    assert.equal(analyzer.stats.whole, false);
  });

  it('cuts a bank without headings at its question lines under --- rules, and re-analyzes only the edited story', () => {
    const text = bankWithoutHeadings(5_000, 42);
    assert.ok(!/^#/m.test(text));
    const blocks = splitBlocks(text);
    assert.ok(blocks.length > 20, `expected many blocks, got ${blocks.length}`);
    assert.ok(blocks.some((b, i) => i > 0 && text.slice(b.start - 6, b.start).includes('---')), 'no cut after a rule');
    const analyzer = new IncrementalAnalyzer();
    check(analyzer, text, { fileName: 'bank.md' }, 'first open');
    // A first analysis takes the blocks in groups of about 4,000 characters.
    assert.ok(analyzer.stats.blocks > 5 && !analyzer.stats.whole, `merged ${analyzer.stats.blocks} blocks`);
    const middle = text.indexOf('I ', text.length >> 1);
    check(analyzer, text.slice(0, middle) + 'x' + text.slice(middle), { fileName: 'bank.md' }, 'one character');
    assert.ok(analyzer.stats.analyzed <= 10, `${analyzer.stats.analyzed} blocks re-analyzed`);
    assert.equal(analyzer.stats.whole, false);
    // A cut goes before a question line that is a paragraph of its own under a rule (a speaker
    // line under it answers it), in a document without headings; nowhere else.
    const cutAt = (draft: string): string[] => splitBlocks(draft).slice(1).map((b) => b.heading);
    const story = 'Situation: x\n\n';
    assert.deepEqual(cutAt(`${story}---\n\nQ: Describe a conflict?\n\nA: I listened.\n`), ['Q: Describe a conflict?']);
    assert.deepEqual(cutAt(`${story}***\n**Tell me about a time you failed.**\n\nA: I listened.\n`), ['**Tell me about a time you failed.**']);
    assert.deepEqual(cutAt(`${story}Q: Describe a conflict?\n\nA: I listened.\n`), [], 'no rule above');
    assert.deepEqual(cutAt(`${story}---\n\nQ: Describe a conflict?\nA: I listened.\n`), [], 'not a paragraph of its own');
    assert.deepEqual(cutAt(`Situation: x\n---\n\nQ: Describe a conflict?\n\nA: I listened.\n`), [], 'a setext heading above');
    assert.deepEqual(cutAt(`## Bank\n\n${story}---\n\nQ: Describe a conflict?\n\nA: I listened.\n`), [], 'a document with headings');
    assert.deepEqual(cutAt(`${story}\`\`\`\n---\n\nQ: Describe a conflict?\n\n\`\`\`\n`), [], 'in a fence');
    assert.deepEqual(cutAt(`${story}---\n\nRevenue rose 10%.\n\nA: I listened.\n`), [], 'not a question');
  });

  it('takes a long bank in groups of blocks at first, and an edit out of its group: each result equals analyze()', () => {
    const text = storyBank(20_000);
    const fine = splitBlocks(text).length;
    const analyzer = new IncrementalAnalyzer();
    const options = { fileName: 'bank.md' };
    check(analyzer, text, options, 'first open');
    assert.ok(analyzer.stats.blocks > 10 && analyzer.stats.blocks < fine / 3, `${analyzer.stats.blocks} groups of ${fine} blocks`);
    const rng = new Random(20261204);
    let version = text;
    for (let step = 0; step < 12; step++) {
      const at = version.indexOf('I ', Math.floor(rng.next() * version.length));
      version = at < 0 ? version + 'x' : step % 4 === 3 ? version.slice(0, at) + version.slice(at + 2) : version.slice(0, at) + (step % 4 === 2 ? '\n' : 'x') + version.slice(at);
      check(analyzer, version, options, `edit ${step}`);
      // The edited block, and the rest of its group above and below it.
      assert.ok(analyzer.stats.analyzed <= 3, `edit ${step}: ${analyzer.stats.analyzed} blocks analyzed`);
    }
    assert.ok(analyzer.stats.blocks > 12, `${analyzer.stats.blocks} blocks after the edits`);
  });

  it('does not cut inside fences, comments, HTML blocks, front matter or before a section heading', () => {
    const cutAt = (text: string): string[] => splitBlocks(text).slice(1).map((b) => b.heading);
    assert.deepEqual(cutAt('## A\n\nS: x\n\n```\n## B\n```\n\n## C\n'), ['## C']);
    assert.deepEqual(cutAt('## A\n\n<!--\n## B\n-->\n\n## C\n'), ['## C']);
    assert.deepEqual(cutAt('## A\n\n<div>\n## B\n\n## C\n'), ['## C']);
    assert.deepEqual(cutAt('---\n## A\n---\n\n## C\n'), ['## C']);
    assert.deepEqual(cutAt('## A\n\n- x\n  ```\n## B\n  ```\n## C\n'), [], 'a fence in a list item makes the rest uncertain');
    assert.deepEqual(cutAt('## A\n\nFeedback\n\n## Feedback\n\n## B\n'), ['## B']);
    assert.deepEqual(cutAt('## A\n\n%% x\n\n## B\n%%\n\n## C\n'), ['## C']);
    // A definition is resolved across the whole document: `[^1]` in another story is a link.
    const defined = '# Bank\n\n## Tell me about a time\n\nDescribe a\n[^1]: note\n\n## Another\n\nSituation: x [^1]\n\n[^1]: the note\n';
    assert.deepEqual(cutAt(defined), []);
    assert.deepEqual(cutAt('## A\n\n- [docs]: /u\n\n## C\n'), [], 'in a list item');
    assert.deepEqual(cutAt('## A\n\nSee [docs] and x]: y\n\n## C\n'), ['## C'], 'no definition line');
    check(new IncrementalAnalyzer(), defined, { fileName: 'x.star.md' }, 'definitions');
    // A heading read as a label continues the answer: the analyzer joins the blocks back.
    const labelled = '## Tell me about a time\n\n**Situation:** we lost data.\n\n## Result\n\nI restored it and errors fell 40%.\n';
    check(new IncrementalAnalyzer(), labelled, { fileName: 'x.star.md' }, 'label heading');
    // `#### Step 1` under a story's Action is a sub-step of the story, not a story of its own.
    const steps = '## Tell me about a time\n\n**Situation:** we lost data.\n\n**Action:** I restored it.\n\n#### Step 1\n\nI paged Dana.\n\n## Next\n\nResult: fine\n';
    const analyzer = new IncrementalAnalyzer();
    check(analyzer, steps, { fileName: 'x.star.md' }, 'sub-step heading');
    assert.equal(analyzer.stats.blocks, 2);
  });

  it('joins every cut an answer above leaves open in one round, so a shallower story heading costs linear work', () => {
    // The first story's `##` becomes `#`: it could hold every `##` after it as a sub-step, so
    // each cut below it is wrong. Joined one cut per round, the growing block was analyzed
    // again each round (a 29 KB bank read 1.2 MB of text; the 200k-word bank never finished).
    const bank = storyBank(5_000);
    const first = bank.indexOf('\n## ');
    const text = bank.slice(0, first + 1) + bank.slice(first + 2);
    const analyzer = new IncrementalAnalyzer();
    check(analyzer, text, { fileName: 'bank.md' }, 'h1 story above h2 stories');
    assert.ok(analyzer.stats.analyzedChars < 3 * text.length, `${analyzer.stats.analyzedChars} characters analyzed for ${text.length}`);
    const middle = text.indexOf('I ', text.length >> 1);
    check(analyzer, text.slice(0, middle) + 'x' + text.slice(middle), { fileName: 'bank.md' }, 'one character under the h1 story');
    assert.ok(analyzer.stats.analyzedChars < 3 * text.length, `edit: ${analyzer.stats.analyzedChars} characters analyzed`);
  });

  it('equals analyze() over thousands of random edits of the bench corpus', () => {
    const bases = [storyBank(300, 1), storyBank(500, 7), storyBank(250, 3)];
    const optionSets: AnalyzeOptions[] = [{ fileName: 'bank.md' }, { fileName: 'notes/README.md' }, { fileName: 'x.star.md' }, { forceDraft: true, rules: { 'missing-metrics': 'off' } }];
    const { checks, cutRuns } = randomWalks(80, bases, optionSets, new Random(20261201));
    assert.ok(checks >= 2_500);
    // The property is only worth something if many runs really merged blocks (random edits
    // soon leave an unclosed fence or comment, after which a document is one block).
    assert.ok(cutRuns > checks * 0.35, `only ${cutRuns} of ${checks} runs were cut into blocks`);
  });

  it('equals analyze() over a thousand random edits of banks without headings', () => {
    const bases = [bankWithoutHeadings(400, 5), bankWithoutHeadings(300, 9)];
    const optionSets: AnalyzeOptions[] = [{ fileName: 'bank.md' }, { fileName: 'x.star.md' }, { forceDraft: true }];
    const { checks, cutRuns } = randomWalks(36, bases, optionSets, new Random(20261203));
    // (Fewer than above: an inserted `[^1]: note` definition makes the rest of a walk one block.)
    assert.ok(cutRuns > checks * 0.25, `only ${cutRuns} of ${checks} runs were cut into blocks`);
  });
});
