import type { FileAccess } from '../config/file-access';
import { mergeBanks, QuestionBank, readBankFile, type BankFile, type BankFileRef } from './bank';
import type { BankQuestion } from './types';
import categories from './categories.json';
import ambiguity from './questions/ambiguity.json';
import communication from './questions/communication.json';
import conflict from './questions/conflict.json';
import customerFocus from './questions/customer-focus.json';
import dataDrivenDecisions from './questions/data-driven-decisions.json';
import failureAndLearning from './questions/failure-and-learning.json';
import innovation from './questions/innovation.json';
import integrityAndEthics from './questions/integrity-and-ethics.json';
import leadershipAndInfluence from './questions/leadership-and-influence.json';
import ownership from './questions/ownership.json';
import prioritization from './questions/prioritization.json';
import speedVsQuality from './questions/speed-vs-quality.json';
import teamwork from './questions/teamwork.json';

/**
 * The bundled question files. They are imported (not read at run time) so that esbuild
 * bundles them into the extension and the CLI; a test fails when a file in
 * `questions/` is missing here.
 */
export const BUNDLED_QUESTION_FILES: ReadonlyArray<{ name: string; data: unknown }> = [
  { name: 'ambiguity.json', data: ambiguity },
  { name: 'communication.json', data: communication },
  { name: 'conflict.json', data: conflict },
  { name: 'customer-focus.json', data: customerFocus },
  { name: 'data-driven-decisions.json', data: dataDrivenDecisions },
  { name: 'failure-and-learning.json', data: failureAndLearning },
  { name: 'innovation.json', data: innovation },
  { name: 'integrity-and-ethics.json', data: integrityAndEthics },
  { name: 'leadership-and-influence.json', data: leadershipAndInfluence },
  { name: 'ownership.json', data: ownership },
  { name: 'prioritization.json', data: prioritization },
  { name: 'speed-vs-quality.json', data: speedVsQuality },
  { name: 'teamwork.json', data: teamwork },
];

/** The bundled categories, in display order. */
export const BUNDLED_CATEGORIES: ReadonlyArray<{ id: string; label: string }> = categories;

let bundled: QuestionBank | undefined;

/**
 * The bundled bank, built once per process: the default lookup of the coverage rule and
 * the base custom banks merge onto. The unit tests validate the bundled files with the
 * schema (with ajv and with `checkBankData`), so they are not validated again at run time.
 */
export function bundledBank(): QuestionBank {
  bundled ??= new QuestionBank(
    BUNDLED_CATEGORIES,
    BUNDLED_QUESTION_FILES.flatMap((file) => (file.data as { questions: BankQuestion[] }).questions),
  );
  return bundled;
}

/** The result of loading the bundled bank plus custom bank files. */
export interface LoadedBank {
  bank: QuestionBank;
  /** Invalid files, questions or paths; each line names the file. */
  problems: string[];
  /** Things worth knowing that are not mistakes, such as a custom question replacing a bundled one. */
  notes: string[];
}

/**
 * Loads the bundled bank and merges the given custom bank files over it, in order.
 * `problems` found before loading (such as unusable paths) are passed through first.
 */
export async function loadQuestionBank(files: readonly BankFileRef[], access: FileAccess, problems: readonly string[] = []): Promise<LoadedBank> {
  const read = await Promise.all(files.map((file) => readBankFile(file, access)));
  const loaded = read.filter((file): file is BankFile => file !== null);
  const { bank, notes } = mergeBanks(bundledBank(), loaded);
  return { bank, problems: [...problems, ...loaded.flatMap((file) => file.problems)], notes };
}
