/**
 * What the extension and its analysis worker say to each other, and both sides of it.
 * No editor API and no Node API: the desktop worker (src/vscode/analysis-worker.ts, a
 * worker_threads entry) and a browser web worker wrap the same handler.
 *
 * A reply carries the document's analysis as parts (one per block, see incremental.ts) and
 * where each goes; a part the host already has is named by its id only. So after an edit
 * only the changed blocks' results cross between the threads, and the host's main thread
 * deserializes a few answers instead of the whole document's (about 7 MB at 200k words).
 */
import { QuestionBank } from '../bank/bank';
import type { BankCategory, BankQuestion } from '../bank/types';
import { analyze } from './analyze';
import { IncrementalAnalyzer, ResultMerger } from './incremental';
import type { AnalyzeOptions } from './options';
import { likelyNotes, type LikelyNote } from './report/build';
import type { AnalyzeResult } from '../core/types';

/** The question bank as plain data, sent when it changes. */
export interface BankData {
  version: number;
  categories: readonly BankCategory[];
  questions: readonly BankQuestion[];
}

export type WorkerRequest =
  /**
   * `once`: a file analyzed once (a workspace scan), whole, with nothing kept for a next edit;
   * with `stories`, the reply also brings each answer's likely question (the story bank's part
   * of the work), so the host's main thread does not work them out.
   */
  | { type: 'analyze'; id: number; document: string; text: string; options: Omit<AnalyzeOptions, 'questions'>; bank?: BankData; bankVersion: number; once?: boolean; stories?: boolean }
  | { type: 'forget'; document: string };

/**
 * A finished analysis: `placed` lists, four numbers per part, its id, offset shift, line shift
 * and answer shift; `parts` holds the results of the ids the host has not been sent yet.
 */
export type WorkerReply = { id: number; isDraft: boolean; placed: number[]; parts: Array<[number, AnalyzeResult]>; likely?: LikelyNote[] } | { id: number; error: string };

/** The worker's side of one document: its engine, and the ids of the parts the host holds. */
interface WorkerDocument {
  engine: IncrementalAnalyzer;
  ids: WeakMap<AnalyzeResult, number>;
  nextId: number;
  /** Ids of the parts in the last reply: the host keeps exactly these. */
  held: Set<number>;
}

/** The worker's side: one incremental analyzer per document, and the bank last sent. */
export function createWorkerHandler(): (request: WorkerRequest) => WorkerReply | undefined {
  const documents = new Map<string, WorkerDocument>();
  let bank: { version: number; lookup: QuestionBank } | undefined;
  return (request) => {
    if (request.type === 'forget') {
      documents.delete(request.document);
      return undefined;
    }
    try {
      if (request.bank) bank = { version: request.bank.version, lookup: new QuestionBank(request.bank.categories, request.bank.questions) };
      if (!bank || bank.version !== request.bankVersion) return { id: request.id, error: 'the question bank was not sent' };
      // One whole analysis, sent as one part: cutting a small file into blocks only adds work.
      if (request.once) {
        const result = analyze(request.text, { ...request.options, questions: bank.lookup });
        const likely = request.stories ? likelyNotes(result, bank.lookup) : undefined;
        return { id: request.id, isDraft: result.isDraft, placed: [1, 0, 0, 0], parts: [[1, result]], likely };
      }
      let document = documents.get(request.document);
      if (!document) documents.set(request.document, (document = { engine: new IncrementalAnalyzer(), ids: new WeakMap(), nextId: 1, held: new Set() }));
      const { isDraft, parts } = document.engine.analyzeParts(request.text, { ...request.options, questions: bank.lookup });
      const placed: number[] = [];
      const fresh: Array<[number, AnalyzeResult]> = [];
      const held = new Set<number>();
      for (const part of parts) {
        let id = document.ids.get(part.result);
        if (id === undefined) document.ids.set(part.result, (id = document.nextId++));
        if (!document.held.has(id) && !held.has(id)) fresh.push([id, part.result]);
        held.add(id);
        placed.push(id, part.offsetShift, part.lineShift, part.answerShift);
      }
      document.held = held;
      return { id: request.id, isDraft, placed, parts: fresh };
    } catch (error) {
      return { id: request.id, error: (error as Error).message ?? String(error) };
    }
  };
}

/**
 * The host's side of one document: the parts received so far, merged into the whole result
 * at each reply. Replies must be received in the order the worker sent them, and the
 * receiver is reset whenever the worker is replaced (a new worker knows no parts).
 */
export class PartsReceiver {
  private parts = new Map<number, AnalyzeResult>();
  private merger = new ResultMerger();

  receive(reply: Extract<WorkerReply, { placed: number[] }>): AnalyzeResult {
    const parts = new Map<number, AnalyzeResult>();
    for (const [id, result] of reply.parts) parts.set(id, result);
    const placed = [];
    for (let i = 0; i < reply.placed.length; i += 4) {
      const id = reply.placed[i];
      const result = parts.get(id) ?? this.parts.get(id);
      if (!result) throw new Error(`the analysis worker named part ${id}, which it never sent`);
      parts.set(id, result);
      placed.push({ result, offsetShift: reply.placed[i + 1], lineShift: reply.placed[i + 2], answerShift: reply.placed[i + 3] });
    }
    this.parts = parts;
    return this.merger.merge({ isDraft: reply.isDraft, parts: placed });
  }
}
