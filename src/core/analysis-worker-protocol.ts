/**
 * What the extension and its analysis worker say to each other, and the worker's side of it.
 * No editor API and no Node API: the desktop worker (src/vscode/analysis-worker.ts, a
 * worker_threads entry) and a browser web worker wrap the same handler.
 */
import { QuestionBank } from '../bank/bank';
import type { BankCategory, BankQuestion } from '../bank/types';
import { IncrementalAnalyzer } from './incremental';
import type { AnalyzeOptions } from './options';
import type { AnalyzeResult } from './types';

/** The question bank as plain data, sent when it changes. */
export interface BankData {
  version: number;
  categories: readonly BankCategory[];
  questions: readonly BankQuestion[];
}

export type WorkerRequest =
  | { type: 'analyze'; id: number; document: string; text: string; options: Omit<AnalyzeOptions, 'questions'>; bank?: BankData; bankVersion: number }
  | { type: 'forget'; document: string };

export type WorkerReply = { id: number; result: AnalyzeResult } | { id: number; error: string };

/** The worker's side: one incremental analyzer per document, and the bank last sent. */
export function createWorkerHandler(): (request: WorkerRequest) => WorkerReply | undefined {
  const engines = new Map<string, IncrementalAnalyzer>();
  let bank: { version: number; lookup: QuestionBank } | undefined;
  return (request) => {
    if (request.type === 'forget') {
      engines.delete(request.document);
      return undefined;
    }
    try {
      if (request.bank) bank = { version: request.bank.version, lookup: new QuestionBank(request.bank.categories, request.bank.questions) };
      if (!bank || bank.version !== request.bankVersion) return { id: request.id, error: 'the question bank was not sent' };
      let engine = engines.get(request.document);
      if (!engine) engines.set(request.document, (engine = new IncrementalAnalyzer()));
      return { id: request.id, result: engine.analyze(request.text, { ...request.options, questions: bank.lookup }) };
    } catch (error) {
      return { id: request.id, error: (error as Error).message ?? String(error) };
    }
  };
}
