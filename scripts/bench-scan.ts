/**
 * The Story Bank scan row of `npm run bench` (scripts/bench.ts calls it). Run alone with
 * `npm run build && node --import tsx scripts/bench-scan.ts`.
 */
import { join } from 'node:path';
import { analyze } from '../src/core';
import { StoryIndex } from '../src/core/report';
import type { AnalyzeResult } from '../src/core/types';
import { bundledBank } from '../src/bank/bundled';
import { AnalysisPool, scanWorkerCount } from '../src/vscode/analysis-pool';
import { nodeWorker } from '../src/vscode/worker-port';
import { median } from './median';
import { storyBank } from './story-bank';

// --- The Story Bank's workspace scan: 500 drafts (about 1 MB) read, analyzed and reported, as
// StoryBankService does it: stat and read each file on the main thread, analyze it in the scan's
// worker threads (AnalysisPool, the same class and the same dist/analysis-worker.js), up to 4
// files in flight, then one report. Each of the five full scans starts new workers, so each is
// the cold first scan the extension makes; the main thread's busy time (event-loop utilization)
// is what typing competes with. The same scan analyzed in place on the main thread (the browser
// build, which has no worker threads) is the baseline. Then the rescan after one file changed,
// which stats every file and analyzes only that one. ---
export async function storyBankScanBench(print: (...parts: unknown[]) => void = console.log): Promise<Record<string, number>> {
  const { mkdtempSync, readFileSync, writeFileSync, statSync: stat, rmSync } = require('node:fs') as typeof import('node:fs');
  const { tmpdir } = require('node:os') as typeof import('node:os');
  const { performance } = require('node:perf_hooks') as typeof import('node:perf_hooks');
  const dir = mkdtempSync(join(tmpdir(), 'star-bench-scan-'));
  const files = Array.from({ length: 500 }, (_, i) => join(dir, `story-${String(i).padStart(3, '0')}.star.md`));
  let bytes = 0;
  files.forEach((file, i) => {
    const text = storyBank(320, 1000 + i);
    bytes += Buffer.byteLength(text);
    writeFileSync(file, text);
  });
  const questions = bundledBank();
  const reportOptions = { questions };
  const workerPath = join(__dirname, '..', 'dist', 'analysis-worker.js');
  const IN_FLIGHT = 4;
  let reportMs = 0;
  // One scan: every stale file analyzed by `analyzeOne`, at most IN_FLIGHT at once, then the report.
  const scan = async (index: StoryIndex, analyzeOne: (text: string, file: string) => Promise<AnalyzeResult | undefined>): Promise<{ ms: number; busyMs: number }> => {
    const start = process.hrtime.bigint();
    const busyBefore = performance.eventLoopUtilization();
    const inFlight = new Set<Promise<void>>();
    for (const file of files) {
      const { mtimeMs, size } = stat(file);
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
    index.report({ ...reportOptions }).summary.stories;
    reportMs = Number(process.hrtime.bigint() - reportStart) / 1e6;
    const busy = performance.eventLoopUtilization(busyBefore);
    return { ms: Number(process.hrtime.bigint() - start) / 1e6, busyMs: busy.active };
  };
  const inPlace = async (text: string, file: string): Promise<AnalyzeResult> => analyze(text, { fileName: file, questions });
  const inWorkers = (pool: AnalysisPool) => async (text: string, file: string): Promise<AnalyzeResult | undefined> => {
    const outcome = await pool.run(text, { fileName: file }, questions, true);
    if (!('result' in outcome)) throw new Error(`the scan worker gave no result: ${JSON.stringify(outcome)}`);
    return outcome.result;
  };
  // The baseline first, in a process where nothing is compiled yet: its first run is the cold one.
  const placeRuns: Array<{ ms: number; busyMs: number }> = [];
  for (let round = 0; round < 5; round++) placeRuns.push(await scan(new StoryIndex(), inPlace));
  // Each run with new workers, alternating two workers and one, so drift falls on both alike.
  const workerRuns: Array<{ ms: number; busyMs: number; reportMs: number }> = [];
  const oneWorkerRuns: Array<{ ms: number; busyMs: number; reportMs: number }> = [];
  for (let round = 0; round < 5; round++) {
    for (const size of [scanWorkerCount(), 1]) {
      const pool = new AnalysisPool(nodeWorker(workerPath), size);
      const run = await scan(new StoryIndex(), inWorkers(pool));
      (size === 1 ? oneWorkerRuns : workerRuns).push({ ...run, reportMs });
      pool.dispose();
    }
  }
  const pool = new AnalysisPool(nodeWorker(workerPath));
  const index = new StoryIndex();
  await scan(index, inWorkers(pool));
  const rescans: number[] = [];
  for (let round = 0; round < 5; round++) {
    writeFileSync(files[round * 7], storyBank(320, 5000 + round));
    const before = index.analyses;
    rescans.push((await scan(index, inWorkers(pool))).ms);
    if (index.analyses - before !== 1) throw new Error(`the rescan analyzed ${index.analyses - before} files, not 1`);
  }
  pool.dispose();
  const stories = index.report(reportOptions).summary.stories;
  rmSync(dir, { recursive: true, force: true });
  const cold = median(workerRuns.map((run) => run.ms));
  const coldBusy = median(workerRuns.map((run) => run.busyMs));
  const place = median(placeRuns.map((run) => run.ms));
  const oneWorker = median(oneWorkerRuns.map((run) => run.ms));
  const figures = {
    files: files.length,
    kb: Math.round(bytes / 1024),
    stories,
    workers: scanWorkerCount(),
    coldMs: Math.round(cold),
    coldMainThreadMs: Math.round(coldBusy),
    oneWorkerColdMs: Math.round(oneWorker),
    reportMs: Math.round(median(workerRuns.map((run) => run.reportMs))),
    inPlaceColdMs: Math.round(placeRuns[0].ms),
    inPlaceWarmMs: Math.round(place),
    rescanOneMs: Number(median(rescans).toFixed(1)),
  };
  print(`\nStory Bank workspace scan: ${files.length} drafts, ${(bytes / 1024 / 1024).toFixed(2)} MB, ${stories} stories (target < 2,000 ms, typing not blocked)`);
  print(`  in ${scanWorkerCount()} scan workers, cold (new workers each run): ${cold.toFixed(0)} ms; the main thread busy ${coldBusy.toFixed(0)} ms of it (stat, read, take in results); the report ${figures.reportMs} ms`);
  print(`  in one scan worker, cold: ${oneWorker.toFixed(0)} ms`);
  print(`  in place on the main thread (the browser build): cold ${placeRuns[0].ms.toFixed(0)} ms, warm ${place.toFixed(0)} ms (${(placeRuns[0].ms / cold).toFixed(2)}x the workers' cold scan)`);
  print(`  rescan after one file changed: ${median(rescans).toFixed(1)} ms (1 file analyzed)`);
  return figures;
}

if (require.main === module) void storyBankScanBench();
