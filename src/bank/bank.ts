import { FileReadError, type FileAccess } from '../config/file-access';
import schema from './bank.schema.json';
import { compileSchema, formatPath, type JsonSchema } from './schema-validator';
import type { BankCategory, BankQuestion, QuestionLookup } from './types';

/** The workspace file that holds a folder's own questions, relative to the folder. */
export const WORKSPACE_BANK_FILE = '.star-coach/questions.json';

const validateBankData = compileSchema(schema as JsonSchema);

/** The questions one bank file contributes, and what was wrong with it. */
export interface BankFile {
  /** The file's path, or a name for the bundled files; every problem starts with it. */
  source: string;
  /** The questions that passed validation, in file order. */
  questions: BankQuestion[];
  /** One line per problem: `<source>: <path>: <what is wrong>`. */
  problems: string[];
}

/**
 * Validates parsed bank data against `bank.schema.json`. A question with a problem is
 * skipped and the others are kept, so one typo does not hide a whole file.
 */
export function checkBankData(data: unknown, source: string): BankFile {
  const problems: string[] = [];
  const badQuestions = new Set<number>();
  for (const error of validateBankData(data)) {
    const [first, index] = error.path;
    if (first === 'questions' && typeof index === 'number') badQuestions.add(index);
    const path = formatPath(error.path);
    problems.push(`${source}: ${path ? `${path}: ` : ''}${error.message}`);
  }
  const listed = (data as { questions?: unknown })?.questions;
  if (!Array.isArray(listed)) return { source, questions: [], problems };

  const questions: BankQuestion[] = [];
  const firstIndexOf = new Map<string, number>();
  listed.forEach((question: BankQuestion, index) => {
    if (badQuestions.has(index)) return;
    // Uniqueness across items is beyond what the schema can say.
    const earlier = firstIndexOf.get(question.id);
    if (earlier !== undefined) {
      problems.push(`${source}: questions[${index}].id: "${question.id}" is already used by questions[${earlier}]; this one is skipped`);
      badQuestions.add(index);
      return;
    }
    firstIndexOf.set(question.id, index);
    questions.push(question);
  });
  if (badQuestions.size > 0) {
    problems.push(`${source}: ${badQuestions.size} of ${listed.length} questions skipped because of the problems above; the other ${questions.length} loaded`);
  }
  return { source, questions, problems };
}

/** Parses and validates the text of a bank file. Bank files are data: parsed, never run. */
export function parseBankText(text: string, source: string): BankFile {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { source, questions: [], problems: [`${source}: invalid JSON: ${(error as Error).message}`] };
  }
  return checkBankData(data, source);
}

/** A bank file to load (a location of the FileAccess in use); optional files (the workspace file) may be absent without a problem. */
export interface BankFileRef {
  path: string;
  optional: boolean;
}

/** Reads one bank file. Returns null for an optional file that does not exist. */
export async function readBankFile(file: BankFileRef, access: FileAccess): Promise<BankFile | null> {
  const source = access.display(file.path);
  let text: string | undefined;
  try {
    text = await access.readText(file.path);
  } catch (error) {
    if (!(error instanceof FileReadError)) throw error;
    const reason = error.kind === 'directory' ? 'is a folder, not a bank file' : `cannot read the file (${error.detail})`;
    return { source, questions: [], problems: [`${source}: ${reason}`] };
  }
  if (text === undefined) return file.optional ? null : { source, questions: [], problems: [`${source}: file not found`] };
  return parseBankText(text, source);
}

/**
 * The bank files a workspace folder asks for: the `starCoach.questionBanks` entries
 * (absolute, or relative to the folder) and then `<folder>/.star-coach/questions.json`.
 * `folder` is a location of `access` (a path in the CLI, a URI string in the editor).
 */
export function customBankFiles(settingPaths: readonly unknown[], folder: string | undefined, access: FileAccess, settingName = 'starCoach.questionBanks'): { files: BankFileRef[]; problems: string[] } {
  const files: BankFileRef[] = [];
  const problems: string[] = [];
  for (const entry of settingPaths) {
    if (typeof entry !== 'string' || entry.trim() === '') {
      problems.push(`${settingName}: ${JSON.stringify(entry)} is not a file path`);
    } else if (folder) {
      files.push({ path: access.resolve(folder, entry), optional: false });
    } else if (access.isAbsolute(entry)) {
      files.push({ path: access.resolve(undefined, entry), optional: false });
    } else {
      problems.push(`${settingName}: "${entry}" is a relative path, but no workspace folder is open to resolve it against`);
    }
  }
  if (folder) files.push({ path: access.resolve(folder, WORKSPACE_BANK_FILE), optional: true });
  return { files, problems };
}

/** Plain words of a question or title: lower case, no markup or punctuation. */
export function normalizeQuestionText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/^\W*q(?:uestion)?\s*\d*\s*[:.)]\s*/, '')
    .replace(/[^\p{L}\p{N}']+/gu, ' ')
    .trim();
}

/** The question up to its first sentence end, for titles that quote only that part. */
function firstSentence(text: string): string {
  const end = /[.?!](?=\s|$)/.exec(text);
  return end ? text.slice(0, end.index + 1) : text;
}

/** "site-reliability" → "Site reliability": a label for a category no file names. */
export function categoryLabelFromId(id: string): string {
  const words = id.split('-').filter(Boolean).join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** How many titles a bank remembers looking up: a large story bank's, with room for edits. */
const TITLES_REMEMBERED = 4096;

/** A loaded question bank: its categories and questions, with lookups by id and by title. */
export class QuestionBank implements QuestionLookup {
  private readonly ids = new Map<string, BankQuestion>();
  private readonly titles = new Map<string, BankQuestion>();
  /** What `byTitle` found for titles as written, up to TITLES_REMEMBERED of them. */
  private readonly lookedUp = new Map<string, BankQuestion | undefined>();
  private readonly labels: Map<string, string>;
  /** Every category in display order, including those only custom questions use. */
  readonly categories: readonly BankCategory[];

  /**
   * @param categories every category, in display order; questions in unknown categories get one.
   * @param questions the questions, in display order; ids must be unique.
   * @param customSources file path per id of the questions that came from custom banks.
   */
  constructor(
    categories: readonly BankCategory[],
    readonly questions: readonly BankQuestion[],
    private readonly customSources: ReadonlyMap<string, string> = new Map(),
  ) {
    const all = [...categories];
    this.labels = new Map(categories.map((category) => [category.id, category.label]));
    for (const question of questions) {
      if (!this.labels.has(question.category)) {
        const label = categoryLabelFromId(question.category);
        this.labels.set(question.category, label);
        all.push({ id: question.category, label });
      }
      this.ids.set(question.id, question);
    }
    this.categories = all;

    // Full texts win over first sentences; a first sentence two questions share links neither.
    for (const question of questions) this.titles.set(normalizeQuestionText(question.text), question);
    const sentences = new Map<string, BankQuestion | null>();
    for (const question of questions) {
      const key = normalizeQuestionText(firstSentence(question.text));
      if (!this.titles.has(key)) sentences.set(key, sentences.has(key) ? null : question);
    }
    for (const [key, question] of sentences) if (question) this.titles.set(key, question);
  }

  byId(id: string): BankQuestion | undefined {
    return this.ids.get(id);
  }

  byTitle(title: string): BankQuestion | undefined {
    // Each answer's title is looked up by several rules and the score, and again on every analysis.
    if (this.lookedUp.has(title)) return this.lookedUp.get(title);
    const question = this.titles.get(normalizeQuestionText(title));
    if (this.lookedUp.size >= TITLES_REMEMBERED) this.lookedUp.clear();
    this.lookedUp.set(title, question);
    return question;
  }

  /** The display label of a category id. */
  categoryLabel(id: string): string {
    return this.labels.get(id) ?? categoryLabelFromId(id);
  }

  /** The custom bank file a question came from, or undefined for a bundled question. */
  customSource(id: string): string | undefined {
    return this.customSources.get(id);
  }
}

/**
 * Merges custom bank files over a base bank, in order. A question whose id is already
 * there replaces it in place (a custom bank can rewrite a bundled question's notes);
 * each replacement is reported as a note. Unknown categories become new categories.
 */
export function mergeBanks(base: QuestionBank, files: readonly BankFile[]): { bank: QuestionBank; notes: string[] } {
  const notes: string[] = [];
  const byId = new Map(base.questions.map((question) => [question.id, question]));
  const customSources = new Map<string, string>();
  for (const file of files) {
    for (const question of file.questions) {
      if (byId.has(question.id)) {
        const previous = customSources.get(question.id);
        notes.push(`${file.source}: "${question.id}" replaces the ${previous ? `question with the same id from ${previous}` : 'bundled question with the same id'}`);
      }
      byId.set(question.id, question);
      customSources.set(question.id, file.source);
    }
  }
  return { bank: new QuestionBank(base.categories, [...byId.values()], customSources), notes };
}
