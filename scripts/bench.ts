/**
 * Benchmark: analyze() against the bare remark parse (the floor) and markdownlint's
 * default rules (the peer users already run), on seeded story banks of four sizes; then
 * typing (one-character edits through the extension's incremental engine), the first open
 * of the 200k-word bank, pathological shapes against a normal draft of the same size, heap
 * across 1,000 edits and the CLI's peak RSS against a bare parse.
 * Run with `npm run bench`; `npm run -s bench -- --json` prints the figures as one JSON
 * object on stdout (the tables go to stderr). Medians and ratios; a measurement, not a test.
 */
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { lint as markdownlint } from 'markdownlint/sync';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { analyze } from '../src/engine';
import { COACHING_RULES } from '../src/rules';
import { IncrementalAnalyzer } from '../src/engine/incremental';
import { createWorkerHandler, PartsReceiver, type BankData } from '../src/engine/analysis-worker-protocol';
import type { AnalyzeResult } from '../src/core/types';
import { storyBankScanBench } from './bench-scan';
import { bundledBank } from '../src/bank/bundled';
import { readProse } from '../src/core/inference/prose';
import { LineIndex, parseMarkdown } from '../src/core/markdown';
import { coachingSize } from './coaching-size';
import { storyBank } from './story-bank';
import { median } from './median';

const ROOT = join(__dirname, '..');
const JSON_OUTPUT = process.argv.includes('--json');
/** Human-readable output: stdout, or stderr when stdout carries the JSON. */
const print = (...parts: unknown[]): void => (JSON_OUTPUT ? console.error(...parts) : console.log(...parts));
const SIZES = [500, 5_000, 50_000, 200_000];

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

type Contender = () => unknown;
interface Measured {
  ms: number;
  heapMb: number;
}

function timeOnce(fn: Contender): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** The heap one run of `fn` leaves reachable (what a caller holding the result keeps). */
function heapKeptMb(fn: Contender): number {
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept = fn();
  const heapMb = (process.memoryUsage().heapUsed - before) / 1024 / 1024;
  void kept;
  return heapMb;
}

/**
 * Times the contenders in rounds, each round running every contender once in a rotating
 * order, so that drift and the garbage one contender leaves for the next collection fall
 * on all of them alike. (A full GC before each run would be cleaner in theory, but V8 then
 * flushes compiled code and every run takes 3x longer.) Returns each one's median, and per pair the median of per-round ratios
 * (steadier than a ratio of medians on a noisy machine).
 */
function compare<K extends string>(contenders: Record<K, Contender>, rounds: number): { results: Record<K, Measured>; ratio: (a: K, b: K) => number } {
  const names = Object.keys(contenders) as K[];
  // Warm-up long enough for V8 to optimize our code too, not only the parser every contender shares.
  const warmUp = Math.max(5, Math.ceil(rounds / 4));
  for (let i = 0; i < warmUp; i++) for (const name of names) contenders[name]();
  const times = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>;
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(round + i) % names.length];
      times[name].push(timeOnce(contenders[name]));
    }
  }
  const results = Object.fromEntries(names.map((name) => [name, { ms: median(times[name]), heapMb: heapKeptMb(contenders[name]) }])) as Record<K, Measured>;
  const ratio = (a: K, b: K): number => median(times[a].map((t, round) => t / times[b][round]));
  return { results, ratio };
}

const bareParser = unified().use(remarkParse);
// The coaching rules (STAR009+) switched off: what the seven coaching rules cost on top of the
// structure rules (the score, and the sentence tree it reads, are computed either way).
const STRUCTURE_ONLY = Object.fromEntries(COACHING_RULES.map((rule) => [rule.alias, 'off' as const]));
const rows: string[][] = [];
// `--typing-only` skips the size table and bundle figures (for work on the incremental engine).
const TYPING_ONLY = process.argv.includes('--typing-only');
for (const words of TYPING_ONLY ? [] : SIZES) {
  const text = storyBank(words);
  const rounds = words <= 500 ? 1000 : words <= 5_000 ? 100 : words <= 50_000 ? 16 : 6;
  const { results, ratio } = compare(
    {
      bare: () => bareParser.parse(text),
      analyze: () => analyze(text, { fileName: 'bank.md' }),
      structureOnly: () => analyze(text, { fileName: 'bank.md', rules: STRUCTURE_ONLY }),
      markdownlint: () => markdownlint({ strings: { bank: text } }),
    },
    rounds,
  );
  rows.push([
    words.toLocaleString('en-US'),
    `${(text.length / 1024).toFixed(0)} KB`,
    results.bare.ms.toFixed(2),
    results.analyze.ms.toFixed(2),
    results.markdownlint.ms.toFixed(2),
    results.structureOnly.ms.toFixed(2),
    `${ratio('analyze', 'bare').toFixed(2)}x`,
    `${ratio('analyze', 'structureOnly').toFixed(2)}x`,
    `${ratio('markdownlint', 'analyze').toFixed(2)}x`,
    `${results.bare.heapMb.toFixed(1)} / ${results.analyze.heapMb.toFixed(1)}`,
  ]);
}

const header = ['words', 'size', 'bare parse ms', 'analyze ms', 'markdownlint ms', 'no coaching ms', 'analyze/bare', 'analyze/no coaching', 'markdownlint/analyze', 'heap MB bare/analyze'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells: string[]): string => cells.map((c, i) => c.padStart(widths[i])).join('  ');
print('One process; each round runs every contender once (rotating order).');
print('Times are medians; ratios are medians of per-round ratios; heap is what one run leaves reachable.\n');
print(line(header));
print(widths.map((w) => '-'.repeat(w)).join('  '));
for (const row of rows) print(line(row));

// Bundle size and cold require time, each in a fresh process against a trivial baseline.
function coldRequireMs(module: string): number {
  const script = `const t=process.hrtime.bigint();require(${JSON.stringify(module)});console.log(Number(process.hrtime.bigint()-t)/1e6)`;
  return median(Array.from({ length: 5 }, () => Number(spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' }).stdout)));
}
const cli = join(ROOT, 'dist', 'cli.js');
const cliMs = TYPING_ONLY ? NaN : coldRequireMs(cli);
const baselineMs = TYPING_ONLY ? NaN : coldRequireMs('node:zlib');
if (!TYPING_ONLY) print(`\nBundle: dist/cli.js ${(statSync(cli).size / 1024).toFixed(0)} KB, cold require ${cliMs.toFixed(1)} ms (node:zlib baseline ${baselineMs.toFixed(1)} ms)`);
try {
  print(`Bundle: dist/extension.js ${(statSync(join(ROOT, 'dist', 'extension.js')).size / 1024).toFixed(0)} KB`);
} catch {
  // The extension bundle exists once src/vscode is built.
}
if (!TYPING_ONLY) {
  // Issue 13's cap: coaching adds under 100 KB to the minified extension (esbuild's per-input bytes).
  const size = coachingSize();
  print(`Bundle: coaching in the minified extension: ${(size.modulesBytes / 1024).toFixed(1)} KB of modules + ${(size.modelAnswersBytes / 1024).toFixed(1)} KB of bank model answers, of ${(size.bundleBytes / 1024).toFixed(0)} KB`);
}

// --- Typing: a one-character edit in the middle, through the engine the extension calls. ---
// Each round types a character, then deletes it (also timed), so the text stays the bank's.
const figures: { keystroke: Record<string, number>; keystrokeCpu?: Record<string, number>; open200k: number; pathological: Record<string, number>; heapGrowthMb: number; heapGrowthNextMb?: number; cliRss: Record<string, number>; storyBankScan?: Record<string, number> } = {
  keystroke: {},
  open200k: 0,
  pathological: {},
  heapGrowthMb: 0,
  cliRss: {},
};
const options = { fileName: 'bank.md' };
print('\nTyping: one character typed and deleted in the middle (change → updated diagnostics: the worker analyzes the');
print('changed blocks, its reply is cloned as postMessage clones it, the host merges it; the flattening of the new text is not counted)');
{
  const { serialize, deserialize } = require('node:v8') as typeof import('node:v8');
  const bankData = bundledBank() as unknown as BankData;
  for (const words of [5_000, 50_000, 200_000]) {
    const text = storyBank(words);
    const middle = text.indexOf('I ', text.length >> 1);
    // Flat strings, as the editor hands over a document's text.
    const versions = [text, text.slice(0, middle) + 'x' + text.slice(middle)].map((v) => (v.charCodeAt(v.length >> 1), v));
    const handle = createWorkerHandler();
    const receiver = new PartsReceiver();
    const bank = { version: 1, categories: bankData.categories, questions: bankData.questions };
    let id = 0;
    let replyBytes = 0;
    let replyParts = 0;
    const keystroke = (version: string): AnalyzeResult => {
      const reply = handle({ type: 'analyze', id: ++id, document: 'bank.md', text: version, options, bank: id === 1 ? bank : undefined, bankVersion: 1 });
      if (!reply || 'error' in reply) throw new Error(`the worker failed: ${reply && reply.error}`);
      const wire = serialize(reply);
      replyBytes = wire.length;
      replyParts = reply.parts.length;
      return receiver.receive(deserialize(wire));
    };
    keystroke(text);
    const times: number[] = [];
    const cpu: number[] = [];
    for (let round = 0; round < 60; round++) {
      const before = process.cpuUsage();
      const t = timeOnce(() => keystroke(versions[(round + 1) % 2]).diagnostics.length);
      const used = process.cpuUsage(before);
      if (round >= 10) {
        times.push(t);
        cpu.push((used.user + used.system) / 1000);
      }
    }
    const key = `${words / 1000}k`;
    figures.keystroke[key] = Number(median(times).toFixed(2));
    // CPU time is what the machine's other load leaves out of the wall time (a shared 2-core machine is often busy).
    (figures.keystrokeCpu ??= {})[key] = Number(median(cpu).toFixed(2));
    print(`  keystroke ${key.padStart(4)}: ${median(times).toFixed(2)} ms, CPU ${median(cpu).toFixed(2)} ms (medians of ${times.length}; reply ${(replyBytes / 1024).toFixed(0)} KB with ${replyParts} new block result(s))`);
  }
}

// --- Open: the first analysis of the 200k-word bank, block by block, against the bare parse. ---
{
  const text = storyBank(200_000);
  const { results, ratio } = compare(
    {
      bare: () => bareParser.parse(text),
      open: () => new IncrementalAnalyzer().analyze(text, options),
    },
    6,
  );
  figures.open200k = Number(ratio('open', 'bare').toFixed(2));
  print(`\nOpen 200k words: ${results.open.ms.toFixed(0)} ms against a bare parse of ${results.bare.ms.toFixed(0)} ms: ${ratio('open', 'bare').toFixed(2)}x`);
}

// --- Pathological shapes, each at about 20 KB, against a normal draft of the same size. ---
{
  const SIZE = 20_000;
  const story = (result: string): string => `## Tell me about a time\n\nSituation: I was on call.\n\nAction: I rolled back.\n\nResult: ${result}\n`;
  const pad = (head: string, unit: string, tail = ''): string => head + unit.repeat(Math.max(1, Math.floor((SIZE - head.length - tail.length) / unit.length))) + tail;
  const shapes: Record<string, string> = {
    'metrics-commas': pad(story(''), '1,', '1\n'),
    'metrics-dots': pad(story(''), '1.', '1\n'),
    'table-delimiter-blanks': pad(story('up 10%') + '\n', ' ', '\n'),
    'obsidian-comments': pad(story('up 10%') + '\n', '%%'),
    'front-matter-blanks': pad('---\n', ' ', '\n' + story('up 10%')),
    'unclosed-comment': pad(story('up 10%') + '\n<!--\n', 'line\n'),
    'front-matter-question-blanks': pad('---\nquestion: a', ' ', 'b\n---\n\n' + story('up 10%')),
    'heading-blanks': pad('## a', ' ', 'b\n\nSituation: x\n\nResult: 10%\n'),
    'setext-labels': pad(story('up 10%') + '\n', 'Situation: x\n---\n'),
    'growing-quote-depth': story('up 10%') + Array.from({ length: 150 }, (_, i) => '>'.repeat(i + 1) + ' quoted line').join('\n').slice(0, SIZE),
    // List items nested on one line: in the parser itself, quadratic in their number, so
    // measured at 2 KB. (Ending in a marker, the line would be a thematic break, not a list.)
    'nested-list-markers-2kb': story('up 10%') + '\n' + '- '.repeat(900) + 'x\n',
  };
  const normalOf = (size: number): string => storyBank(Math.round(size / 6.2)).slice(0, size);
  const normalMs = new Map<number, number>();
  const normalTime = (size: number): number => {
    const bucket = size < SIZE / 2 ? 2_000 : SIZE;
    if (!normalMs.has(bucket)) {
      const normal = normalOf(bucket);
      normalMs.set(bucket, median(Array.from({ length: 9 }, () => timeOnce(() => analyze(normal, { fileName: 'x.star.md' })))));
    }
    return normalMs.get(bucket)!;
  };
  print(`\nPathological shapes at ${SIZE / 1000} KB against a normal draft of the same size (${normalTime(SIZE).toFixed(1)} ms)`);
  for (const [name, text] of Object.entries(shapes)) {
    // One run first: the normal draft runs warm after the rows above, and a shape's first run
    // would also pay for compiling parser paths that no other row takes.
    analyze(text, { fileName: 'x.star.md' });
    const ms = median(Array.from({ length: 5 }, () => timeOnce(() => analyze(text, { fileName: 'x.star.md' }))));
    const base = normalTime(text.length);
    figures.pathological[name] = Number((ms / base).toFixed(2));
    print(`  ${name.padEnd(30)} ${ms.toFixed(1).padStart(8)} ms  ${(ms / base).toFixed(2)}x`);
  }
}

// --- Heap across 1,000 edits of the 200k-word bank through one engine, then 1,000 more. ---
// The first open takes the bank in groups of blocks; an edit splits its group, so the first
// edits add block results until each edited group is split. The next 1,000 show the steady state.
{
  let text = storyBank(200_000);
  const engine = new IncrementalAnalyzer();
  engine.analyze(text, options);
  const heapMb = (): number => {
    gc();
    return process.memoryUsage().heapUsed / 1024 / 1024;
  };
  const marks = [heapMb()];
  const blocks = [engine.stats.blocks];
  const next = ((seed) => () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff))(7);
  for (let i = 1; i <= 2_000; i++) {
    const at = Math.floor(next() * text.length);
    text = i % 2 === 1 ? text.slice(0, at) + 'x' + text.slice(at) : text.slice(0, at) + text.slice(at + 1);
    engine.analyze(text, options);
    if (i % 1_000 === 0) {
      marks.push(heapMb());
      blocks.push(engine.stats.blocks);
    }
  }
  figures.heapGrowthMb = Number((marks[1] - marks[0]).toFixed(1));
  figures.heapGrowthNextMb = Number((marks[2] - marks[1]).toFixed(1));
  print(`\nHeap across edits of the 200k-word bank: ${marks.map((mb, i) => `${(mb).toFixed(1)} MB after ${i * 1_000} (${blocks[i]} blocks)`).join(', ')}`);
  print(`  first 1,000 edits ${figures.heapGrowthMb} MB, next 1,000 ${figures.heapGrowthNextMb} MB`);
}

// --- Peak RSS of the CLI on the 200k-word bank, against a bare parse, each in a fresh process. ---
{
  const { mkdtempSync, writeFileSync } = require('node:fs') as typeof import('node:fs');
  const { tmpdir } = require('node:os') as typeof import('node:os');
  const dir = mkdtempSync(join(tmpdir(), 'star-bench-'));
  const file = join(dir, 'bank.md');
  writeFileSync(file, storyBank(200_000));
  const preload = join(dir, 'rss.js');
  writeFileSync(preload, "process.on('exit', () => process.stderr.write('\\nRSS ' + process.resourceUsage().maxRSS + '\\n'));");
  const peak = (args: string[]): number => {
    const run = spawnSync(process.execPath, ['--require', preload, ...args], { cwd: ROOT, encoding: 'utf8' });
    return Number(/RSS (\d+)/.exec(run.stderr)?.[1] ?? NaN) / 1024;
  };
  const parseScript = "const t=require('fs').readFileSync(process.argv[1],'utf8');require('unified').unified().use(require('remark-parse').default).parse(t)";
  const bare = median(Array.from({ length: 3 }, () => peak(['-e', parseScript, file])));
  const cli = median(Array.from({ length: 3 }, () => peak([join(ROOT, 'dist', 'cli.js'), 'check', file])));
  figures.cliRss = { bareMb: Math.round(bare), cliMb: Math.round(cli), ratio: Number((cli / bare).toFixed(2)) };
  print(`\nPeak RSS on the 200k-word bank: CLI check ${cli.toFixed(0)} MB, bare parse ${bare.toFixed(0)} MB: ${(cli / bare).toFixed(2)}x`);
}

// Inference: what reading unlabelled prose adds to analyze(). The seeded bank with its labels
// taken out is a bank of prose drafts; the stage alone (readProse on a parsed tree) is timed
// against the whole analyze() of the same text.
if (!TYPING_ONLY) {
  const prose = storyBank(5_000)
    .replace(/^#{1,6}[ \t]+(?:Situation|Task|Action|Result|Reflection)[ \t]*\n+/gim, '')
    .replace(/^([ \t>]*(?:[-*+][ \t]+)?)(?:\*\*|__)?(?:Situation|Task|Action|Result|Reflection|[STAR])(?:\*\*|__)?[ \t]*[:：—-]?[ \t]*(?:\*\*|__)?[ \t]*/gim, '$1')
    .replace(/\n(?=[^\n#])/g, '\n\n');
  const tree = parseMarkdown(prose);
  const lines = new LineIndex(prose);
  const { results } = compare(
    {
      analyze: () => analyze(prose, { fileName: 'bank.star.md' }),
      inference: () => readProse(tree, lines, { answers: [], notes: [] }, true),
    },
    60,
  );
  const inferred = analyze(prose, { fileName: 'bank.star.md' }).answers.filter((a) => a.sections.some((s) => s.inferred)).length;
  const added = results.inference.ms / Math.max(0.001, results.analyze.ms - results.inference.ms);
  (figures as Record<string, unknown>).inference = { words: 5_000, answers: inferred, analyzeMs: Number(results.analyze.ms.toFixed(2)), inferenceMs: Number(results.inference.ms.toFixed(2)), addedPercent: Number((100 * added).toFixed(1)) };
  print(`\nInference on a 5k-word bank of prose drafts (${inferred} answers read from prose): analyze() ${results.analyze.ms.toFixed(2)} ms, of which inference ${results.inference.ms.toFixed(2)} ms: +${(100 * added).toFixed(1)}% on the rest of analyze() (target <= 20%)`);
}

void (async () => {
  if (!TYPING_ONLY) figures.storyBankScan = await storyBankScanBench(print);
  if (JSON_OUTPUT) console.log(JSON.stringify(figures));
})();
