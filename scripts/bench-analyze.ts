/**
 * A focused run of the bench's first table: analyze() against the bare remark parse on the
 * seeded story banks (medians, and the median of per-round ratios, as `npm run bench` gives
 * them), quicker than the whole bench when working on analyze()'s speed. Run with
 * `node --expose-gc --import tsx scripts/bench-analyze.ts [words...] [--rounds N] [--cpu]`;
 * `--cpu` times this process's CPU instead of wall time. `--profile` prints where the time
 * goes instead: self time per function (the parser's modules folded into one line each), with
 * `--inclusive` time per function with its callees, `--callers NAME` who calls NAME, `--bare`
 * the bare parse's own profile, and `--raw FILE` the samples' stacks and the whole profile as JSON.
 */
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { analyze } from '../src/engine';
import { median } from './median';
import { startProfiler } from './profile';
import { storyBank } from './story-bank';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const sizes = args.filter((a, i) => /^\d+$/.test(a) && args[i - 1] !== '--rounds').map(Number);
const bareParser = unified().use(remarkParse);

// `--cpu`: this process's CPU time instead of wall time, steadier on a machine other work shares.
const CPU = args.includes('--cpu');
function timeOnce(fn: () => unknown): number {
  if (CPU) {
    const before = process.cpuUsage();
    fn();
    const used = process.cpuUsage(before);
    return (used.user + used.system) / 1000;
  }
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Median ms of each and the median of per-round ratios, alternating which runs first, as the bench does. */
function ratioAt(text: string, rounds: number): { bare: number; analyze: number; ratio: number } {
  const bare = (): unknown => bareParser.parse(text);
  const run = (): unknown => analyze(text, { fileName: 'bank.md' });
  for (let i = 0; i < Math.max(5, rounds / 4); i++) {
    bare();
    run();
  }
  const times = { bare: [] as number[], analyze: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    if (round % 2 === 0) {
      times.bare.push(timeOnce(bare));
      times.analyze.push(timeOnce(run));
    } else {
      times.analyze.push(timeOnce(run));
      times.bare.push(timeOnce(bare));
    }
  }
  return { bare: median(times.bare), analyze: median(times.analyze), ratio: median(times.analyze.map((t, i) => t / times.bare[i])) };
}

async function profile(text: string, rounds: number): Promise<void> {
  // `--bare`: the bare parse's profile instead, for its share of garbage collection.
  const run = args.includes('--bare') ? (): unknown => bareParser.parse(text) : (): unknown => analyze(text, { fileName: 'bank.md' });
  for (let i = 0; i < 20; i++) run();
  const profiler = await startProfiler();
  for (let i = 0; i < rounds; i++) run();
  const result = await profiler.stop();
  const byId = new Map(result.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  const samples = result.samples ?? [];
  const deltas = result.timeDeltas ?? [];
  let total = 0;
  for (let i = 0; i + 1 < samples.length; i++) {
    const frame = byId.get(samples[i])!.callFrame;
    const ms = deltas[i + 1] / 1000;
    const url = frame.url.replace(/^file:\/\//, '');
    const where = url.includes('node_modules') ? `(parser: ${url.replace(/.*node_modules\//, '').split('/')[0]})` : `${frame.functionName || '(anonymous)'} ${url.replace(/.*\/main\//, '')}:${frame.lineNumber + 1}`;
    self.set(where, (self.get(where) ?? 0) + ms);
    total += ms;
  }
  // Inclusive time per function name: each sample counts once for every distinct function on its stack.
  const parent = new Map<number, number>();
  for (const node of result.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const inclusive = new Map<string, number>();
  for (let i = 0; i + 1 < samples.length; i++) {
    const seen = new Set<string>();
    for (let id: number | undefined = samples[i]; id !== undefined; id = parent.get(id)) {
      const frame = byId.get(id)!.callFrame;
      if (frame.url.includes('node_modules') || !frame.url) continue;
      seen.add(frame.functionName || '(anonymous)');
    }
    for (const name of seen) inclusive.set(name, (inclusive.get(name) ?? 0) + deltas[i + 1] / 1000);
  }
  if (args.includes('--inclusive')) {
    console.log(`\ninclusive time over ${rounds} runs (${total.toFixed(0)} ms):`);
    for (const [name, ms] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, 60)) console.log(`${((100 * ms) / total).toFixed(1).padStart(5)}%  ${(ms / rounds).toFixed(3).padStart(7)} ms  ${name}`);
  }
  // `--callers NAME`: which functions call NAME, by the time spent in it under each.
  const callee = flag('--callers');
  if (callee) {
    const callers = new Map<string, number>();
    for (let i = 0; i + 1 < samples.length; i++) {
      for (let id: number | undefined = samples[i]; id !== undefined; id = parent.get(id)) {
        if (byId.get(id)!.callFrame.functionName !== callee) continue;
        const up = parent.get(id);
        const frame = up === undefined ? null : byId.get(up)!.callFrame;
        const name = frame ? `${frame.functionName || '(anonymous)'} ${frame.url.replace(/.*\/main\//, '')}:${frame.lineNumber + 1}:${frame.columnNumber + 1}` : '(root)';
        callers.set(name, (callers.get(name) ?? 0) + deltas[i + 1] / 1000);
        break;
      }
    }
    console.log(`\ncallers of ${callee}:`);
    for (const [name, ms] of [...callers].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${(ms / rounds).toFixed(3).padStart(7)} ms  ${name}`);
  }
  if (flag('--raw')) {
    // Each sample's stack, deepest first, as function and line, for a script to fold by stage.
    const stacks = new Map<string, number>();
    for (let i = 0; i + 1 < samples.length; i++) {
      const frames: string[] = [];
      for (let id: number | undefined = samples[i]; id !== undefined; id = parent.get(id)) {
        const frame = byId.get(id)!.callFrame;
        frames.push(`${frame.functionName}@${frame.lineNumber + 1}`);
      }
      const key = frames.join(';');
      stacks.set(key, (stacks.get(key) ?? 0) + deltas[i + 1] / 1000 / rounds);
    }
    require('node:fs').writeFileSync(flag('--raw')! + '.stacks', JSON.stringify([...stacks]));
    require('node:fs').writeFileSync(flag('--raw')! + '.profile', JSON.stringify(result));
    // Self time per function and line, as JSON, for a bundle whose lines say which module they are in.
    const raw = new Map<string, number>();
    for (let i = 0; i + 1 < samples.length; i++) {
      const frame = byId.get(samples[i])!.callFrame;
      const key = `${frame.functionName}\t${frame.lineNumber + 1}`;
      raw.set(key, (raw.get(key) ?? 0) + deltas[i + 1] / 1000 / rounds);
    }
    require('node:fs').writeFileSync(flag('--raw')!, JSON.stringify([...raw]));
  }
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 40);
  console.log(`\nself time over ${rounds} runs (${total.toFixed(0)} ms):`);
  for (const [where, ms] of top) console.log(`${((100 * ms) / total).toFixed(1).padStart(5)}%  ${(ms / rounds).toFixed(3).padStart(7)} ms  ${where}`);
}

void (async () => {
  const rounds = Number(flag('--rounds') ?? 0);
  for (const words of sizes.length > 0 ? sizes : [500, 5_000, 50_000]) {
    const text = storyBank(words);
    const n = rounds || (words <= 500 ? 1000 : words <= 5_000 ? 100 : words <= 50_000 ? 16 : 6);
    if (args.includes('--profile')) {
      await profile(text, n);
      continue;
    }
    const { bare, analyze: ms, ratio } = ratioAt(text, n);
    console.log(`${String(words).padStart(7)} words: bare ${bare.toFixed(2)} ms, analyze ${ms.toFixed(2)} ms, ${ratio.toFixed(2)}x`);
  }
})();
