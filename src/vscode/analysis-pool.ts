import type { QuestionLookup } from '../bank/types';
import type { AnalyzeOptions } from '../engine/options';
import { takeLikelyNotes, type StoryBankQuestions } from '../engine/report';
import { BackgroundAnalyzer, type BackgroundOutcome } from './analysis-background';
import type { SpawnWorker } from './worker-port';

/** How many worker threads a workspace scan may use: one per core, at most two. */
export function scanWorkerCount(cores = availableCores()): number {
  return Math.max(1, Math.min(2, cores));
}

function availableCores(): number {
  try {
    const load = typeof require === 'function' ? (require as (id: string) => unknown) : undefined;
    const os = load?.('node:os') as typeof import('node:os') | undefined;
    return os?.availableParallelism?.() ?? os?.cpus().length ?? 1;
  } catch {
    return 1;
  }
}

/**
 * Analyzes many closed files (the Story Bank's workspace scan) in worker threads, so the
 * scan does not hold up the extension host's main thread. The first lane may be the open
 * documents' own worker (`shared`): it is running and compiled already, so the scan does not
 * wait for one more thread to start and warm up, and its runs for open documents go ahead of
 * the scan's queued files (see BackgroundAnalyzer.run). Each file is analyzed once, whole,
 * and then forgotten by its worker: no incremental state is kept for files nobody is editing.
 */
export class AnalysisPool {
  private readonly lanes: Array<{ analyzer: BackgroundAnalyzer; pending: number; own: boolean }>;
  /** Document keys not in use: a key is reused only after its run ended, so the workers' caches stay as small as the runs in flight. */
  private readonly freeKeys: string[] = [];
  private keys = 0;

  constructor(spawn: SpawnWorker | undefined, size = scanWorkerCount(), shared?: BackgroundAnalyzer) {
    this.lanes = Array.from({ length: size }, (_, i) => (i === 0 && shared ? { analyzer: shared, pending: 0, own: false } : { analyzer: new BackgroundAnalyzer(spawn), pending: 0, own: true }));
  }

  /**
   * Analyzes `text` in the least busy worker; `unavailable` where there are no worker threads
   * (the browser build). With `stories` (the story bank's scan) the worker also finds each
   * answer's likely question, which is taken in here for the report to read.
   */
  async run(text: string, options: AnalyzeOptions, bank: QuestionLookup, stories = false): Promise<BackgroundOutcome> {
    const lane = this.lanes.reduce((best, candidate) => (candidate.pending < best.pending ? candidate : best));
    // Each run in flight is a document of its own, so two files never share one incremental analyzer.
    const key = this.freeKeys.pop() ?? `scan:${this.keys++}`;
    lane.pending++;
    try {
      const outcome = await lane.analyzer.run(key, text, options, bank, true, stories);
      const questions = (bank as Partial<StoryBankQuestions>).questions;
      if ('result' in outcome && outcome.likely && questions) takeLikelyNotes(outcome.result, questions, outcome.likely);
      return outcome;
    } finally {
      lane.pending--;
      lane.analyzer.forget(key);
      this.freeKeys.push(key);
    }
  }

  /** Stops the pool's own workers; a shared one is its owner's to stop. */
  dispose(): void {
    for (const lane of this.lanes) if (lane.own) lane.analyzer.dispose();
  }
}
