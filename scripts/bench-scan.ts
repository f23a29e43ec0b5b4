/**
 * The Story Bank scan row of `npm run bench` (scripts/bench.ts calls it). Run alone with
 * `npm run build && node --import tsx scripts/bench-scan.ts`.
 */
import { join } from 'node:path';
import { analyze } from '../src/engine';
import { StoryIndex } from '../src/engine/report';
import type { AnalyzeResult } from '../src/core/types';
import { bundledBank } from '../src/bank/bundled';
import { BackgroundAnalyzer } from '../src/vscode/analysis-background';
import { AnalysisPool, scanWorkerCount } from '../src/vscode/analysis-pool';
import { nodeWorker } from '../src/vscode/worker-port';
import { median } from './median';
import { busyMs, startProfiler } from './profile';
import { storyBank } from './story-bank';

const FILES = 500;
/** Files read and analyzed at once, as StoryBankService's SCAN_CONCURRENCY. */
const IN_FLIGHT = 4;
/** Fresh processes per cold variant (the median is printed). */
const COLD_ROUNDS = 3;
const WARM_ROUNDS = 3;

/** How a cold process scans: `workers` as the extension on this machine (the open documents' worker, which analyzed one open draft, and on two cores one more); `nothing-open` the same with no draft opened before; `one-worker` as on one core; `in-place` as the browser build. */
type ColdMode = 'workers' | 'nothing-open' | 'one-worker' | 'in-place';
type Analyze = (text: string, file: string) => Promise<AnalyzeResult | undefined>;
interface ScanRun {
  ms: number;
  /** The main thread's busy time (profiled: its samples not idle, garbage collection included): what typing competes with. */
  mainMs: number;
  /** CPU time of the whole process, every thread. */
  cpuMs: number;
  reportMs: number;
  stories: number;
}

/**
 * One scan as StoryBankService does it: stat and read each stale file on the main thread,
 * have it analyzed (and, in workers, its likely questions found), at most IN_FLIGHT at once,
 * each taken into the index as it comes, then one report.
 */
async function scan(files: readonly string[], index: StoryIndex, analyzeOne: Analyze): Promise<ScanRun> {
  const { readFileSync, statSync } = require('node:fs') as typeof import('node:fs');
  const questions = bundledBank();
  const reportOptions = { questions };
  const profiler = await startProfiler();
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const inFlight = new Set<Promise<void>>();
  for (const file of files) {
    const { mtimeMs, size } = statSync(file);
    const stamp = `disk:${mtimeMs}:${size}`;
    if (!index.isStale(file, stamp)) continue;
    const job: Promise<void> = analyzeOne(readFileSync(file, 'utf8'), file).then((result) => {
      index.update(file, stamp, () => result, reportOptions);
      inFlight.delete(job);
    });
    inFlight.add(job);
    if (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  const reportStart = process.hrtime.bigint();
  const stories = index.report({ ...reportOptions }).summary.stories;
  const end = process.hrtime.bigint();
  const used = process.cpuUsage(cpu);
  return {
    ms: Number(end - start) / 1e6,
    mainMs: busyMs(await profiler.stop()),
    cpuMs: (used.user + used.system) / 1000,
    reportMs: Number(end - reportStart) / 1e6,
    stories,
  };
}

const inPlace: Analyze = async (text, file) => analyze(text, { fileName: file, questions: bundledBank() });
const inPool =
  (pool: AnalysisPool): Analyze =>
  async (text, file) => {
    const outcome = await pool.run(text, { fileName: file }, bundledBank(), true);
    if (!('result' in outcome)) throw new Error(`the scan worker gave no result: ${JSON.stringify(outcome)}`);
    return outcome.result;
  };

/** The scan workers as the extension has them: the open documents' worker first, after it analyzed the draft open at start (unless `opened` is false). */
async function extensionPool(workerPath: string, size: number, opened: boolean): Promise<{ pool: AnalysisPool; dispose: () => void }> {
  const shared = new BackgroundAnalyzer(nodeWorker(workerPath));
  if (opened) {
    const outcome = await shared.run('file:///open.star.md', storyBank(320, 1), { fileName: 'open.star.md' }, bundledBank());
    if (!('result' in outcome)) throw new Error(`the open draft's analysis gave no result: ${JSON.stringify(outcome)}`);
  }
  const pool = new AnalysisPool(nodeWorker(workerPath), size, shared);
  return { pool, dispose: () => (pool.dispose(), shared.dispose()) };
}

/** In a fresh process (the child): the first scan of the files in `dir`, printed as JSON. */
async function coldChild(mode: ColdMode, dir: string, workerPath: string): Promise<void> {
  const { readdirSync } = require('node:fs') as typeof import('node:fs');
  const files = readdirSync(dir).sort().map((name) => join(dir, name));
  bundledBank();
  if (mode === 'in-place') return void process.stdout.write(JSON.stringify(await scan(files, new StoryIndex(), inPlace)));
  const { pool, dispose } = await extensionPool(workerPath, mode === 'one-worker' ? 1 : scanWorkerCount(), mode !== 'nothing-open');
  const run = await scan(files, new StoryIndex(), inPool(pool));
  dispose();
  process.stdout.write(JSON.stringify(run));
}

// --- The Story Bank's workspace scan: 500 drafts (about 1 MB) read, analyzed and reported, as
// StoryBankService does it (the same AnalysisPool, BackgroundAnalyzer and dist/analysis-worker.js).
// Cold: each run is a new Node process (no tsx, so the workers load only the bundle, as in the
// extension host), the first scan after start; the bank is loaded and the open documents' worker
// has analyzed one open draft before the clock starts, as in an extension host where a draft
// was opened; the scan's second worker starts with the scan. Warm: the same workers and main
// thread scanning again into an empty index. Then the rescan after one file changed. ---
export async function storyBankScanBench(print: (...parts: unknown[]) => void = console.log): Promise<Record<string, number>> {
  const { mkdtempSync, writeFileSync, rmSync } = require('node:fs') as typeof import('node:fs');
  const { execFileSync } = require('node:child_process') as typeof import('node:child_process');
  const { tmpdir } = require('node:os') as typeof import('node:os');
  const { build } = (await import('esbuild')) as typeof import('esbuild');
  const dir = mkdtempSync(join(tmpdir(), 'star-bench-scan-'));
  const drafts = join(dir, 'drafts');
  require('node:fs').mkdirSync(drafts);
  const files = Array.from({ length: FILES }, (_, i) => join(drafts, `story-${String(i).padStart(3, '0')}.star.md`));
  let bytes = 0;
  files.forEach((file, i) => {
    const text = storyBank(320, 1000 + i);
    bytes += Buffer.byteLength(text);
    writeFileSync(file, text);
  });
  const workerPath = join(__dirname, '..', 'dist', 'analysis-worker.js');
  const child = join(dir, 'bench-scan.js');
  await build({ entryPoints: [__filename], bundle: true, platform: 'node', format: 'cjs', outfile: child, external: ['esbuild'], logLevel: 'warning' });

  // Cold: the variants in turn, round after round, so that drift falls on all of them alike.
  const modes: ColdMode[] = ['workers', 'nothing-open', 'one-worker', 'in-place'];
  const cold = new Map<ColdMode, ScanRun[]>(modes.map((mode) => [mode, []]));
  for (let round = 0; round < COLD_ROUNDS; round++) {
    for (const mode of modes) {
      const out = execFileSync(process.execPath, [child, '--cold-child', mode, drafts, workerPath], { encoding: 'utf8', maxBuffer: 1 << 20 });
      cold.get(mode)!.push(JSON.parse(out) as ScanRun);
    }
  }
  // Warm, in this process: a first scan warms the workers and this thread, the next ones count.
  const { pool, dispose } = await extensionPool(workerPath, scanWorkerCount(), true);
  await scan(files, new StoryIndex(), inPool(pool));
  await scan(files, new StoryIndex(), inPlace);
  const warmWorkers: ScanRun[] = [];
  const warmInPlace: ScanRun[] = [];
  for (let round = 0; round < WARM_ROUNDS; round++) {
    warmWorkers.push(await scan(files, new StoryIndex(), inPool(pool)));
    warmInPlace.push(await scan(files, new StoryIndex(), inPlace));
  }
  const index = new StoryIndex();
  await scan(files, index, inPool(pool));
  const rescans: number[] = [];
  for (let round = 0; round < 5; round++) {
    writeFileSync(files[round * 7], storyBank(320, 5000 + round));
    const before = index.analyses;
    rescans.push((await scan(files, index, inPool(pool))).ms);
    if (index.analyses - before !== 1) throw new Error(`the rescan analyzed ${index.analyses - before} files, not 1`);
  }
  dispose();
  rmSync(dir, { recursive: true, force: true });

  const stories = new Set([...cold.values(), warmWorkers, warmInPlace].flat().map((run) => run.stories));
  if (stories.size !== 1) throw new Error(`the scans found different numbers of stories: ${[...stories].join(', ')}`);
  const med = (runs: ScanRun[], key: keyof ScanRun): number => Math.round(median(runs.map((run) => run[key])));
  const figures = {
    files: FILES,
    kb: Math.round(bytes / 1024),
    stories: [...stories][0],
    workers: scanWorkerCount(),
    coldMs: med(cold.get('workers')!, 'ms'),
    coldMainThreadMs: med(cold.get('workers')!, 'mainMs'),
    coldCpuMs: med(cold.get('workers')!, 'cpuMs'),
    coldNothingOpenMs: med(cold.get('nothing-open')!, 'ms'),
    oneWorkerColdMs: med(cold.get('one-worker')!, 'ms'),
    inPlaceColdMs: med(cold.get('in-place')!, 'ms'),
    warmMs: med(warmWorkers, 'ms'),
    warmMainThreadMs: med(warmWorkers, 'mainMs'),
    inPlaceWarmMs: med(warmInPlace, 'ms'),
    reportMs: med(warmWorkers, 'reportMs'),
    rescanOneMs: Number(median(rescans).toFixed(1)),
  };
  print(`\nStory Bank workspace scan: ${FILES} drafts, ${(bytes / 1024 / 1024).toFixed(2)} MB, ${figures.stories} stories (target < 2,000 ms, typing not blocked); medians of ${COLD_ROUNDS} cold processes and ${WARM_ROUNDS} warm scans`);
  print(`  cold, first scan after start, in ${scanWorkerCount()} workers (the open draft's worker and one more): ${figures.coldMs} ms; main thread busy ${figures.coldMainThreadMs} ms; CPU ${figures.coldCpuMs} ms in all`);
  print(`  cold, nothing opened before (the first worker starts with the scan too): ${figures.coldNothingOpenMs} ms; in one worker (one core): ${figures.oneWorkerColdMs} ms; in place (the browser build): ${figures.inPlaceColdMs} ms`);
  print(`  warm, in ${scanWorkerCount()} workers: ${figures.warmMs} ms, main thread busy ${figures.warmMainThreadMs} ms, the report ${figures.reportMs} ms; in place: ${figures.inPlaceWarmMs} ms`);
  print(`  rescan after one file changed: ${figures.rescanOneMs} ms (1 file analyzed)`);
  return figures;
}

const childAt = process.argv.indexOf('--cold-child');
if (childAt !== -1) {
  const [mode, dir, workerPath] = process.argv.slice(childAt + 1);
  void coldChild(mode as ColdMode, dir, workerPath);
} else if (require.main === module) void storyBankScanBench();
