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
import { storyBank } from './story-bank';

const ROOT = join(__dirname, '..');
const SIZES = [500, 5_000, 50_000, 200_000];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

/** Median time of `fn` after warm-up, and the heap it leaves reachable in one run. */
function measure(fn: () => unknown, runs: number): { ms: number; heapMb: number } {
  for (let i = 0; i < Math.min(3, runs); i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept = fn();
  const heapMb = (process.memoryUsage().heapUsed - before) / 1024 / 1024;
  void kept;
  return { ms: median(times), heapMb };
}

const bareParser = unified().use(remarkParse);
const rows: string[][] = [];
for (const words of SIZES) {
  const text = storyBank(words);
  const runs = words <= 500 ? 200 : words <= 5_000 ? 40 : words <= 50_000 ? 10 : 5;
  const bare = measure(() => bareParser.parse(text), runs);
  const ours = measure(() => analyze(text, { fileName: 'bank.md' }), runs);
  const peer = measure(() => markdownlint({ strings: { bank: text } }), runs);
  rows.push([
    words.toLocaleString('en-US'),
    `${(text.length / 1024).toFixed(0)} KB`,
    bare.ms.toFixed(2),
    ours.ms.toFixed(2),
    peer.ms.toFixed(2),
    `${(ours.ms / bare.ms).toFixed(2)}x`,
    `${(peer.ms / ours.ms).toFixed(2)}x`,
    `${bare.heapMb.toFixed(1)} / ${ours.heapMb.toFixed(1)}`,
  ]);
}

const header = ['words', 'size', 'bare parse ms', 'analyze ms', 'markdownlint ms', 'analyze/bare', 'markdownlint/analyze', 'heap MB bare/analyze'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells: string[]): string => cells.map((c, i) => c.padStart(widths[i])).join('  ');
console.log('Medians in one process, after warm-up; heap is what one run leaves reachable before GC.\n');
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
