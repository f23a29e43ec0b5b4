/**
 * The question bank's data types. They describe what `bank.schema.json` allows; the
 * schema, not these types, is what files are checked against (a test keeps the two in step).
 */

/** What a strong answer covers, and the words that show an answer covers it. */
export interface KeyPoint {
  title: string;
  /** Lower-case words or phrases; any one of them in an answer counts as covering the point. */
  signals: string[];
}

export type Difficulty = 'easy' | 'medium' | 'hard';

/** One behavioral question with its coaching notes. */
export interface BankQuestion {
  /** Stable kebab-case id; drafts link to it with front matter `question: <id>`. */
  id: string;
  text: string;
  /** A category id such as `speed-vs-quality`. */
  category: string;
  competencies: string[];
  /** Company culture values the question probes. */
  values?: string[];
  difficulty: Difficulty;
  /** What the interviewer is assessing. */
  whyAsked: string;
  keyPoints: KeyPoint[];
  mistakes: string[];
  followUps: string[];
  /** How long a spoken answer should take. */
  targetSeconds: number;
  /** A strong answer, part by part, written for the bank (optional; see `modelAnswerDraft`). */
  modelAnswer?: ModelAnswer;
}

/** A model answer: what a strong answer to the question sounds like, one text per STAR part. */
export interface ModelAnswer {
  situation: string;
  task: string;
  action: string;
  result: string;
  reflection: string;
}

export interface BankCategory {
  id: string;
  label: string;
}

/** Finds bank questions for the coverage rule and the hover. */
export interface QuestionLookup {
  /** The question with this id, if any. */
  byId(id: string): BankQuestion | undefined;
  /** The question whose text (or first sentence) an answer title matches, ignoring case, markup and punctuation. */
  byTitle(title: string): BankQuestion | undefined;
}
