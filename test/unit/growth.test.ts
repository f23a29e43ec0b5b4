import { strict as assert } from 'node:assert';
import { analyze } from '../../src/engine/analyze';
import { hasTableDelimiterRow, LineIndex, parseMarkdown } from '../../src/core/markdown';
import { readDocument } from '../../src/core/reader';
import { vocabularyFor } from '../../src/core/reader/vocabulary';
import { detectMetrics } from '../../src/core/metrics';

/**
 * Growth tests: each shape that once took tens of seconds is timed at size n and 4n. Linear
 * work grows about 4x, quadratic 16x; the bound sits between, so it holds on a busy machine
 * (the best of five runs is taken, after a warm-up) without trusting any absolute time.
 */
const BOUND = 10;

function bestMs(run: () => unknown): number {
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    const start = process.hrtime.bigint();
    run();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return best;
}

function growth(make: (n: number) => string, n: number, run: (text: string) => unknown): number {
  const small = make(n);
  const large = make(4 * n);
  run(small);
  run(large);
  // A fast small run is repeated until it takes about 5 ms, and the large one as often, so a
  // timer tick or one garbage collection cannot inflate the ratio; the 0.5 ms floor stays.
  const repeats = Math.min(50, Math.max(1, Math.ceil(5 / Math.max(0.05, bestMs(() => run(small))))));
  const timed = (text: string) => bestMs(() => { for (let i = 0; i < repeats; i++) run(text); });
  return timed(large) / Math.max(0.5, timed(small));
}

const story = (result: string): string => `## Tell me about a time\n\nSituation: I was on call.\n\nAction: I rolled back.\n\nResult: ${result}\n`;
const analyzeDraft = (text: string): unknown => analyze(text, { fileName: 'x.star.md' });

/** The reader stage alone; each text is parsed once, outside the timing. */
const parsed = new Map<string, { tree: ReturnType<typeof parseMarkdown>; lines: LineIndex }>();
const readOnly = (text: string): unknown => {
  let entry = parsed.get(text);
  if (!entry) parsed.set(text, (entry = { tree: parseMarkdown(text), lines: new LineIndex(text) }));
  return readDocument(entry.tree, entry.lines, vocabularyFor());
};

describe('growth: no document shape costs more than linear time', function () {
  this.timeout(120_000);

  it('a Result of 1,1,1,… (metrics)', () => {
    const ratio = growth((n) => '1,'.repeat(n) + '1', 20_000, detectMetrics);
    assert.ok(ratio < BOUND, `grew ${ratio.toFixed(1)}x from n to 4n`);
  });

  it('a Result of 1.1.1… (metrics)', () => {
    const ratio = growth((n) => '1.'.repeat(n) + '1', 20_000, detectMetrics);
    assert.ok(ratio < BOUND, `grew ${ratio.toFixed(1)}x from n to 4n`);
  });

  it('a line of blanks (the table delimiter check every document gets)', () => {
    const ratio = growth((n) => `a\n${' '.repeat(n)}\nb\n`, 20_000, hasTableDelimiterRow);
    assert.ok(ratio < BOUND, `grew ${ratio.toFixed(1)}x from n to 4n`);
    const whole = growth((n) => `${story('fine')}\n${' '.repeat(n)}\n`, 20_000, analyzeDraft);
    assert.ok(whole < BOUND, `analyze grew ${whole.toFixed(1)}x from n to 4n`);
  });

  it('many Obsidian %% comments', () => {
    const ratio = growth((n) => `${story('10%')}\n${'%%'.repeat(n)}`, 5_000, analyzeDraft);
    assert.ok(ratio < BOUND, `grew ${ratio.toFixed(1)}x from n to 4n`);
    const odd = growth((n) => `${story('10%')}\n${'%% x\n'.repeat(n)}%%`, 1_000, analyzeDraft);
    assert.ok(odd < BOUND, `grew ${odd.toFixed(1)}x from n to 4n`);
  });

  it('front matter of blanks, closed or not', () => {
    const open = growth((n) => `---\n${' '.repeat(n)}\n${story('10%')}`, 25_000, analyzeDraft);
    assert.ok(open < BOUND, `grew ${open.toFixed(1)}x from n to 4n`);
    const closed = growth((n) => `---\n${' '.repeat(n)}\n---\n${story('10%')}`, 25_000, analyzeDraft);
    assert.ok(closed < BOUND, `grew ${closed.toFixed(1)}x from n to 4n`);
  });

  it('an unclosed <!-- followed by many lines', () => {
    const ratio = growth((n) => `${story('10%')}\n<!--\n${'line\n'.repeat(n)}`, 3_000, analyzeDraft);
    assert.ok(ratio < BOUND, `grew ${ratio.toFixed(1)}x from n to 4n`);
  });

  it('front matter `question: a<spaces>b` (reader: front matter question pattern)', () => {
    const ratio = growth((n) => `---\nquestion: a${' '.repeat(n)}b\n---\n\n${story('up 10%')}`, 2_500, analyzeDraft);
    assert.ok(ratio < BOUND, `grew ${ratio.toFixed(1)}x from n to 4n`);
  });

  it('a heading `## a<spaces>b` (reader and inference: heading closing-hashes pattern)', () => {
    const ratio = growth((n) => `## a${' '.repeat(n)}b\n\nSituation: x\n\nResult: 10%\n`, 2_500, analyzeDraft);
    assert.ok(ratio < BOUND, `grew ${ratio.toFixed(1)}x from n to 4n`);
  });

  // This one times the reader alone, on a tree parsed beforehand: whole analyze() grows
  // faster than linear on it inside the markdown parser (hundreds of setext headings).
  it('a heading `## a<spaces>b`, reader stage alone', () => {
    const ratio = growth((n) => `## a${' '.repeat(n)}b\n\nSituation: x\n\nResult: 10%\n`, 2_500, readOnly);
    assert.ok(ratio < BOUND, `grew ${ratio.toFixed(1)}x from n to 4n`);
  });

  it('many labels each over a --- underline, whole analysis (parser: pieces end after 64 underlines)', () => {
    const ratio = growth((n) => `${story('10%')}\n${'Situation: x\n---\n'.repeat(n)}`, 500, analyzeDraft);
    assert.ok(ratio < BOUND, `grew ${ratio.toFixed(1)}x from n to 4n`);
  });

  it('list markers nested on one line, `- - - … x` (parser: items past 32 on a line are text)', () => {
    const ratio = growth((n) => `${story('10%')}\n${'- '.repeat(n)}x\n`, 300, analyzeDraft);
    assert.ok(ratio < BOUND, `grew ${ratio.toFixed(1)}x from n to 4n`);
  });

  it('many labels each over a --- underline (reader: setext headings read as paragraphs)', () => {
    const ratio = growth((n) => `${story('10%')}\n${'Situation: x\n---\n'.repeat(n)}`, 500, readOnly);
    assert.ok(ratio < BOUND, `grew ${ratio.toFixed(1)}x from n to 4n`);
  });
});
