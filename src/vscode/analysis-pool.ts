import type { QuestionLookup } from '../bank/types';
import type { AnalyzeOptions } from '../core/options';
import { takeLikelyNotes, type StoryBankQuestions } from '../core/report';
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
 * Analyzes many closed files (the Story Bank's workspace scan) in worker threads of their
 * own, so the scan neither holds up the extension host's main thread nor queues ahead of the
 * open documents' analyses in their worker. Each file is analyzed once, whole, and then
 * forgotten by its worker: no incremental state is kept for files nobody is editing.
 */
export class AnalysisPool {
  private readonly lanes: Array<{ analyzer: BackgroundAnalyzer; pending: number }>;
  /** Document keys not in use: a key is reused only after its run ended, so the workers' caches stay as small as the runs in flight. */
  private readonly freeKeys: string[] = [];
  private keys = 0;

  constructor(spawn: SpawnWorker | undefined, size = scanWorkerCount()) {
    this.lanes = Array.from({ length: size }, () => ({ analyzer: new BackgroundAnalyzer(spawn), pending: 0 }));
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

  dispose(): void {
    for (const lane of this.lanes) lane.analyzer.dispose();
  }
}
