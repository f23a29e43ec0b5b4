/**
 * Runs the fuzz loop (runner.ts) in worker threads, each taking a share of the documents,
 * and adds their counts up. Used by `npm run fuzz -- --workers N` and by the unit fuzz test,
 * which must stay quick on a two-core machine.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { PROPERTIES } from './properties';
import { runFuzz, signature, type RunConfig, type RunStats } from './runner';

type WorkerMessage = { type: 'progress'; done: number; failed: number } | { type: 'done'; stats: RunStats };

/** Adds one worker's counts and failures to the total; a failure seen by two workers is one. */
export function mergeStats(total: RunStats, part: RunStats): void {
  total.documents += part.documents;
  for (const p of PROPERTIES) {
    total.checked[p] += part.checked[p];
    total.failed[p] += part.failed[p];
    total.withheld[p] += part.withheld[p];
  }
  for (const failure of part.failures) {
    const same = total.failures.find((f) => signature(f.property, f.message) === signature(failure.property, failure.message));
    if (same) same.occurrences += failure.occurrences;
    else total.failures.push(failure);
  }
  total.ms = Math.max(total.ms, part.ms);
}

/**
 * `config` split over `workers` threads. `onProgress` hears the documents done and the
 * property failures so far, over all workers. Failures come back in property order, then index.
 */
export function runFuzzInWorkers(config: RunConfig, workers: number, onProgress?: (done: number, failed: number) => void): Promise<RunStats> {
  const count = Math.max(1, Math.min(workers, config.count));
  const start = config.start ?? 0;
  const share = Math.ceil(config.count / count);
  const total: RunStats = { documents: 0, checked: {} as RunStats['checked'], failed: {} as RunStats['failed'], withheld: {} as RunStats['withheld'], failures: [], ms: 0 };
  for (const p of PROPERTIES) total.checked[p] = total.failed[p] = total.withheld[p] = 0;
  const progress = Array.from({ length: count }, () => ({ done: 0, failed: 0 }));
  const started = Date.now();
  return new Promise((resolve, reject) => {
    let running = count;
    for (let w = 0; w < count; w++) {
      const slice = {
        ...config,
        onProgress: undefined,
        start: start + w * share,
        count: Math.max(0, Math.min(share, config.count - w * share)),
        maxShrinks: Math.ceil(config.maxShrinks / count),
      };
      // A worker does not inherit the tsx loader: it registers tsx, then loads this file.
      const bootstrap = `require('tsx/cjs/api').register(); require(${JSON.stringify(__filename)});`;
      const worker = new Worker(bootstrap, { eval: true, workerData: slice });
      worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'progress') {
          progress[w] = { done: message.done, failed: message.failed };
          onProgress?.(progress.reduce((sum, p) => sum + p.done, 0), progress.reduce((sum, p) => sum + p.failed, 0));
          return;
        }
        mergeStats(total, message.stats);
        if (--running > 0) return;
        total.failures.sort((a, b) => PROPERTIES.indexOf(a.property) - PROPERTIES.indexOf(b.property) || a.index - b.index);
        total.ms = Date.now() - started;
        resolve(total);
      });
      worker.on('error', (error) => reject(new Error(`fuzz worker ${w} failed: ${error.stack ?? error}`)));
    }
  });
}

if (!isMainThread && parentPort) {
  const slice = workerData as RunConfig;
  const stats = runFuzz({
    ...slice,
    progressEvery: Math.max(500, Math.round(slice.count / 20)),
    onProgress: (done, partial) => {
      parentPort!.postMessage({ type: 'progress', done, failed: Object.values(partial.failed).reduce((a, b) => a + b, 0) } satisfies WorkerMessage);
    },
  });
  parentPort.postMessage({ type: 'done', stats } satisfies WorkerMessage);
}
