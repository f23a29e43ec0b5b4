import { strict as assert } from 'node:assert';
import { analyze } from '../../src/core/analyze';
import { IncrementalAnalyzer, splitBlocks } from '../../src/core/incremental';
import type { AnalyzeOptions } from '../../src/core/options';
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

  it('does not cut inside fences, comments, HTML blocks, front matter or before a section heading', () => {
    const cutAt = (text: string): string[] => splitBlocks(text).slice(1).map((b) => b.heading);
    assert.deepEqual(cutAt('## A\n\nS: x\n\n```\n## B\n```\n\n## C\n'), ['## C']);
    assert.deepEqual(cutAt('## A\n\n<!--\n## B\n-->\n\n## C\n'), ['## C']);
    assert.deepEqual(cutAt('## A\n\n<div>\n## B\n\n## C\n'), ['## C']);
    assert.deepEqual(cutAt('---\n## A\n---\n\n## C\n'), ['## C']);
    assert.deepEqual(cutAt('## A\n\n- x\n  ```\n## B\n  ```\n## C\n'), [], 'a fence in a list item makes the rest uncertain');
    assert.deepEqual(cutAt('## A\n\nFeedback\n\n## Feedback\n\n## B\n'), ['## B']);
    assert.deepEqual(cutAt('## A\n\n%% x\n\n## B\n%%\n\n## C\n'), ['## C']);
    // A heading read as a label continues the answer: the analyzer joins the blocks back.
    const labelled = '## Tell me about a time\n\n**Situation:** we lost data.\n\n## Result\n\nI restored it and errors fell 40%.\n';
    check(new IncrementalAnalyzer(), labelled, { fileName: 'x.star.md' }, 'label heading');
    // `#### Step 1` under a story's Action is a sub-step of the story, not a story of its own.
    const steps = '## Tell me about a time\n\n**Situation:** we lost data.\n\n**Action:** I restored it.\n\n#### Step 1\n\nI paged Dana.\n\n## Next\n\nResult: fine\n';
    const analyzer = new IncrementalAnalyzer();
    check(analyzer, steps, { fileName: 'x.star.md' }, 'sub-step heading');
    assert.equal(analyzer.stats.blocks, 2);
  });

  it('equals analyze() over thousands of random edits of the bench corpus', () => {
    const rng = new Random(20261201);
    const next = (): number => rng.next();
    const bases = [storyBank(300, 1), storyBank(500, 7), storyBank(250, 3)];
    const optionSets: AnalyzeOptions[] = [{ fileName: 'bank.md' }, { fileName: 'notes/README.md' }, { fileName: 'x.star.md' }, { forceDraft: true, rules: { 'missing-metrics': 'off' } }];
    let checks = 0;
    let cutRuns = 0;
    for (let walk = 0; walk < 80; walk++) {
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
    assert.ok(checks >= 2_500);
    // The property is only worth something if many runs really merged blocks (random edits
    // soon leave an unclosed fence or comment, after which a document is one block).
    assert.ok(cutRuns > checks * 0.35, `only ${cutRuns} of ${checks} runs were cut into blocks`);
  });
});
