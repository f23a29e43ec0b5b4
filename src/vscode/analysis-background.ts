import type { QuestionLookup } from '../bank/types';
import { PartsReceiver, type BankData, type WorkerReply, type WorkerRequest } from '../engine/analysis-worker-protocol';
import type { AnalyzeOptions } from '../engine/options';
import type { LikelyNote } from '../engine/report';
import type { AnalyzeResult } from '../core/types';
import type { SpawnWorker, WorkerPort } from './worker-port';

/**
 * How long one analysis may run in the worker. The 200k-word bench bank's first analysis
 * takes about 2 s there on a slow 2-core machine and an edit about 10 ms; past this the run
 * is cancelled (the worker is stopped) and the document is reported as too complex.
 */
export const ANALYSIS_BUDGET_MS = 8_000;

/** `likely`: for a scan's file asked for with `stories`, each answer's likely question (see likelyNotes). */
export type BackgroundOutcome = { result: AnalyzeResult; likely?: LikelyNote[] } | { cancelled: string } | { unavailable: true };

interface Job {
  request: WorkerRequest & { type: 'analyze' };
  characters: number;
  resolve: (outcome: BackgroundOutcome) => void;
}

/**
 * Runs analyses in a worker (a worker thread on the desktop, a web worker in the browser
 * build; see worker-port.ts), one at a time, each within ANALYSIS_BUDGET_MS. Where no worker
 * can start, or one fails before it ever answered (a web extension host that cannot load the
 * script), every run answers `unavailable` and the caller analyzes in place.
 */
export class BackgroundAnalyzer {
  private worker: WorkerPort | undefined;
  /** Whether the current worker has answered once: a worker that fails before that cannot run here. */
  private answered = false;
  private failed = false;
  private nextId = 1;
  private bankSent: { version: number } | undefined;
  private lastBank: QuestionLookup | undefined;
  private bankVersion = 0;
  /** The run in the worker now; the budget runs from when it starts, not while it waits. */
  private running: { job: Job; timer: ReturnType<typeof setTimeout> } | undefined;
  private readonly queue: Job[] = [];
  /** What the current worker has sent of each document; emptied when the worker is replaced. */
  private readonly received = new Map<string, PartsReceiver>();
  /** Documents closed since their last run was asked for. */
  private readonly forgotten = new Set<string>();

  constructor(
    private readonly spawn: SpawnWorker | undefined,
    /** The budget of each run from now on. */
    public budgetMs = ANALYSIS_BUDGET_MS,
  ) {}

  private start(): WorkerPort | undefined {
    if (this.worker || this.failed || !this.spawn) return this.worker;
    const worker = this.spawn(
      (reply) => {
        this.answered = true;
        this.answer(reply as WorkerReply);
      },
      (message) => (this.answered ? this.stop(`the analysis worker stopped: ${message}`) : this.unavailable()),
    );
    if (!worker) {
      this.failed = true;
      return undefined;
    }
    this.worker = worker;
    this.answered = false;
    this.bankSent = undefined;
    this.received.clear();
    return this.worker;
  }

  /** The whole result of a reply, from the parts it brings and those received before. */
  private outcomeOf(reply: WorkerReply, request: Job['request']): BackgroundOutcome {
    const { document } = request;
    if ('error' in reply) return { cancelled: `the analysis failed: ${reply.error}` };
    // Closed while it was analyzed: the worker forgets it after this reply.
    if (this.forgotten.has(document)) return { cancelled: 'the document was closed' };
    // A file analyzed once comes whole, as one part at its place: nothing to merge or copy.
    if (request.once) {
      const part = reply.parts[0];
      if (reply.parts.length === 1 && part) return { result: part[1], likely: reply.likely };
    }
    let receiver = this.received.get(document);
    if (!receiver) this.received.set(document, (receiver = new PartsReceiver()));
    try {
      return { result: receiver.receive(reply) };
    } catch (error) {
      // The two sides disagree on what was sent: start both afresh.
      this.stop(`the analysis failed: ${(error as Error).message}`);
      return { cancelled: `the analysis failed: ${(error as Error).message}` };
    }
  }

  /**
   * The running run's reply: the worker starts on the next queued run at once, and this one's
   * parts are taken in meanwhile, so the worker does not wait for the main thread (a scan of
   * many files keeps both busy).
   */
  private answer(reply: WorkerReply): void {
    if (!this.running || this.running.job.request.id !== reply.id) return;
    const { job, timer } = this.running;
    clearTimeout(timer);
    this.running = undefined;
    this.next();
    job.resolve(this.outcomeOf(reply, job.request));
  }

  private settle(id: number, outcome: BackgroundOutcome): void {
    if (!this.running || this.running.job.request.id !== id) return;
    clearTimeout(this.running.timer);
    const { job } = this.running;
    this.running = undefined;
    job.resolve(outcome);
    this.next();
  }

  /** Starts the next queued run, on a fresh worker if the last one was stopped. */
  private next(): void {
    if (this.running) return;
    const job = this.queue.shift();
    if (!job) return;
    const worker = this.start();
    if (!worker) {
      job.resolve({ unavailable: true });
      this.next();
      return;
    }
    // A bank sent to a worker that was stopped since is sent again.
    if (!this.bankSent || this.bankSent.version !== job.request.bankVersion || job.request.bank) {
      job.request.bank = this.bankData(job.request.bankVersion);
      this.bankSent = { version: job.request.bankVersion };
    }
    const timer = setTimeout(
      () => this.stop(`the analysis took longer than ${(this.budgetMs / 1000).toFixed(0)} s (${job.characters.toLocaleString('en-US')} characters) and was stopped`),
      this.budgetMs,
    );
    this.running = { job, timer };
    worker.postMessage(job.request);
  }

  /** The worker failed before it ever answered: no worker is started again, and this run and the queued ones are analyzed in place. */
  private unavailable(): void {
    this.worker?.terminate();
    this.worker = undefined;
    this.failed = true;
    if (this.running) this.settle(this.running.job.request.id, { unavailable: true });
  }

  /** Stops the worker (a run past its budget): that run is cancelled; queued runs go to a new worker. */
  private stop(reason: string): void {
    this.worker?.terminate();
    this.worker = undefined;
    this.bankSent = undefined;
    this.received.clear();
    if (this.running) this.settle(this.running.job.request.id, { cancelled: reason });
  }

  private banks = new Map<number, BankData>();
  private bankData(version: number): BankData | undefined {
    return this.banks.get(version);
  }

  /**
   * Analyzes `text` as document `key` in the worker, after the runs queued before it; `once`
   * for a file analyzed once, whole (a scan), and `stories` to have its likely questions
   * worked out there too (the story bank's scan).
   */
  run(key: string, text: string, options: AnalyzeOptions, bank: QuestionLookup, once = false, stories = false): Promise<BackgroundOutcome> {
    // The bank goes over as plain data: a lookup that is not a QuestionBank is analyzed in place.
    const data = bank as Partial<Pick<BankData, 'categories' | 'questions'>>;
    if (!data.categories || !data.questions || !this.spawn || this.failed) return Promise.resolve({ unavailable: true });
    const { questions: _questions, ...plain } = options;
    void _questions;
    if (this.lastBank !== bank) {
      this.bankVersion++;
      this.lastBank = bank;
      this.banks.clear();
      this.banks.set(this.bankVersion, { version: this.bankVersion, categories: data.categories, questions: data.questions });
    }
    const id = this.nextId++;
    this.forgotten.delete(key);
    return new Promise((resolve) => {
      const job: Job = { request: { type: 'analyze', id, document: key, text, options: plain, bankVersion: this.bankVersion, once, stories: once && stories }, characters: text.length, resolve };
      // An open document's run goes ahead of a scan's queued files (the pool may share this
      // worker), after the open documents' runs queued before it, whose order it keeps.
      const firstScanned = once ? -1 : this.queue.findIndex((queued) => queued.request.once);
      if (firstScanned === -1) this.queue.push(job);
      else this.queue.splice(firstScanned, 0, job);
      this.next();
    });
  }

  /** Drops the worker's cache for a closed document. */
  forget(key: string): void {
    const request: WorkerRequest = { type: 'forget', document: key };
    this.received.delete(key);
    this.forgotten.add(key);
    this.worker?.postMessage(request);
  }

  dispose(): void {
    for (const job of this.queue.splice(0)) job.resolve({ cancelled: 'STAR Coach stopped' });
    this.stop('STAR Coach stopped');
  }
}
