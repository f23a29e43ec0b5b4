/**
 * Benchmark: analyze() against the bare remark parse (the floor) and markdownlint's
 * default rules (the peer users already run), on seeded story banks of four sizes.
 * Run with `npm run bench`. Prints medians and ratios; it is a measurement, not a test.
 */
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { lint as markdownlint } from 'markdownlint/sync';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { analyze } from '../src/core';
import { COACHING_RULES } from '../src/rules';
import { storyBank } from './story-bank';

const ROOT = join(__dirname, '..');
const SIZES = [500, 5_000, 50_000, 200_000];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

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
for (const words of SIZES) {
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
console.log('One process; each round runs every contender once (rotating order).');
console.log('Times are medians; ratios are medians of per-round ratios; heap is what one run leaves reachable.\n');
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const row of rows) console.log(line(row));

// Bundle size and cold require time, each in a fresh process against a trivial baseline.
function coldRequireMs(module: string): number {
  const script = `const t=process.hrtime.bigint();require(${JSON.stringify(module)});console.log(Number(process.hrtime.bigint()-t)/1e6)`;
  return median(Array.from({ length: 5 }, () => Number(spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' }).stdout)));
}
const cli = join(ROOT, 'dist', 'cli.js');
const cliMs = coldRequireMs(cli);
const baselineMs = coldRequireMs('node:zlib');
console.log(`\nBundle: dist/cli.js ${(statSync(cli).size / 1024).toFixed(0)} KB, cold require ${cliMs.toFixed(1)} ms (node:zlib baseline ${baselineMs.toFixed(1)} ms)`);
try {
  console.log(`Bundle: dist/extension.js ${(statSync(join(ROOT, 'dist', 'extension.js')).size / 1024).toFixed(0)} KB`);
} catch {
  // The extension bundle exists once src/vscode is built.
}
