import type { Worker as NodeWorker } from 'node:worker_threads';
import type { QuestionLookup } from '../bank/types';
import type { BankData, WorkerReply, WorkerRequest } from '../core/analysis-worker-protocol';
import type { AnalyzeOptions } from '../core/options';
import type { AnalyzeResult } from '../core/types';

/**
 * How long one analysis may run in the worker. The 200k-word bench bank's first analysis
 * takes about 2 s there on a slow 2-core machine and an edit about 10 ms; past this the run
 * is cancelled (the worker is stopped) and the document is reported as too complex.
 */
export const ANALYSIS_BUDGET_MS = 8_000;

export type BackgroundOutcome = { result: AnalyzeResult } | { cancelled: string } | { unavailable: true };

// Loaded by name at run time so that the web build, which has no worker_threads, bundles without it.
function workerThreads(): typeof import('node:worker_threads') | undefined {
  try {
    const name = 'node:worker_threads';
    const load = typeof require === 'function' ? (require as (id: string) => unknown) : undefined;
    return load?.(name) as typeof import('node:worker_threads') | undefined;
  } catch {
    return undefined;
  }
}

/**
 * Runs analyses in a worker thread (dist/analysis-worker.js next to the extension bundle),
 * one at a time, each within ANALYSIS_BUDGET_MS. Without worker threads (the browser build,
 * or a worker that cannot start) every run answers `unavailable` and the caller analyzes in
 * place.
 */
export class BackgroundAnalyzer {
  private worker: NodeWorker | undefined;
  private failed = false;
  private nextId = 1;
  private bankSent: { bank: QuestionLookup; version: number } | undefined;
  private bankVersion = 0;
  private readonly pending = new Map<number, { resolve: (outcome: BackgroundOutcome) => void; timer: ReturnType<typeof setTimeout> }>();

  constructor(
    private readonly workerPath: string | undefined,
    /** The budget of each run from now on. */
    public budgetMs = ANALYSIS_BUDGET_MS,
  ) {}

  private start(): NodeWorker | undefined {
    if (this.worker || this.failed || !this.workerPath) return this.worker;
    const threads = workerThreads();
    if (!threads) {
      this.failed = true;
      return undefined;
    }
    try {
      const worker = new threads.Worker(this.workerPath);
      worker.on('message', (reply: WorkerReply) => this.settle(reply.id, 'result' in reply ? { result: reply.result } : { cancelled: `the analysis failed: ${reply.error}` }));
      worker.on('error', () => this.stop('the analysis worker stopped with an error'));
      worker.unref();
      this.worker = worker;
      this.bankSent = undefined;
    } catch {
      this.failed = true;
    }
    return this.worker;
  }

  private settle(id: number, outcome: BackgroundOutcome): void {
    const entry = this.pending.get(id);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.pending.delete(id);
    entry.resolve(outcome);
  }

  /** Stops the worker (a run past its budget), answering every pending run with `reason`. */
  private stop(reason: string): void {
    void this.worker?.terminate();
    this.worker = undefined;
    this.bankSent = undefined;
    for (const id of [...this.pending.keys()]) this.settle(id, { cancelled: reason });
  }

  /** Analyzes `text` as document `key` in the worker. */
  run(key: string, text: string, options: AnalyzeOptions, bank: QuestionLookup): Promise<BackgroundOutcome> {
    // The bank goes over as plain data: a lookup that is not a QuestionBank is analyzed in place.
    const data = bank as Partial<Pick<BankData, 'categories' | 'questions'>>;
    const worker = data.categories && data.questions ? this.start() : undefined;
    if (!worker) return Promise.resolve({ unavailable: true });
    const { questions: _questions, ...plain } = options;
    void _questions;
    let bankData: BankData | undefined;
    if (this.bankSent?.bank !== bank) {
      this.bankVersion++;
      bankData = { version: this.bankVersion, categories: data.categories!, questions: data.questions! };
      this.bankSent = { bank, version: this.bankVersion };
    }
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(
        () => this.stop(`the analysis took longer than ${(this.budgetMs / 1000).toFixed(0)} s (${text.length.toLocaleString('en-US')} characters) and was stopped`),
        this.budgetMs,
      );
      this.pending.set(id, { resolve, timer });
      const request: WorkerRequest = { type: 'analyze', id, document: key, text, options: plain, bank: bankData, bankVersion: this.bankVersion };
      worker.postMessage(request);
    });
  }

  /** Drops the worker's cache for a closed document. */
  forget(key: string): void {
    const request: WorkerRequest = { type: 'forget', document: key };
    this.worker?.postMessage(request);
  }

  dispose(): void {
    this.stop('STAR Coach stopped');
  }
}
