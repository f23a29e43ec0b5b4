/**
 * Shared data types of the STAR Coach core. Everything here is plain data so that
 * the CLI, the VS Code glue and tests can all pass it around without the editor API.
 */

/** The five parts of a STAR(+R) answer, in canonical order. */
export const SECTION_KINDS = ['situation', 'task', 'action', 'result', 'reflection'] as const;
export type SectionKind = (typeof SECTION_KINDS)[number];

/** Display names used in messages and inserted labels. */
export const SECTION_TITLES: Readonly<Record<SectionKind, string>> = {
  situation: 'Situation',
  task: 'Task',
  action: 'Action',
  result: 'Result',
  reflection: 'Reflection',
};

/** A 1-based line and column, as editors and the CLI show them; offset is 0-based into the text. */
export interface Point {
  line: number;
  column: number;
  offset: number;
}

export interface Range {
  start: Point;
  end: Point;
}

/**
 * How a writer marks their section labels. Quick fixes use it to insert a missing
 * section that looks like the ones already there.
 */
export type LabelStyle =
  | { kind: 'heading'; depth: number; setext: boolean; letterCase: LetterCase }
  | {
      kind: 'inline';
      /** Emphasis around the label: '**', '__', '*', '_', '<b>', '<strong>' or '' for a plain label. */
      wrapper: string;
      /** Separator after the label, e.g. ':' or ' —'; '' when the label stands alone on its line. */
      separator: string;
      /** True when the separator sits inside the emphasis (`**Result:**`). */
      separatorInside: boolean;
      /** What precedes the label on its line: indentation, `> `, a list bullet such as `- ` or `1. `. */
      prefix: string;
      /** A blank line separates this label's block from the previous one (false in tight lists and one-paragraph answers). */
      blankLine: boolean;
      /** The label stands alone on its line and the content follows on the next lines. */
      ownLine: boolean;
      /** The answer's labels follow each other on one line (`S: … T: … A: …`). */
      sameLine?: true;
      /** Single-letter labels (`S:`), `(S)` or `[S]`. */
      letter: '' | 'plain' | 'paren' | 'bracket';
      letterCase: LetterCase;
    }
  | { kind: 'table'; columns: number };

export type LetterCase = 'title' | 'upper' | 'lower';

/** One STAR section of an answer. */
export interface Section {
  kind: SectionKind;
  /** Every kind this label covers; a combined label (`Situation / Task`) covers two. */
  kinds: SectionKind[];
  /** The label as written, e.g. `**Outcome:**`. */
  labelText: string;
  labelRange: Range;
  /** From the label to the end of the section's last content. */
  range: Range;
  style: LabelStyle;
  words: number;
  /** Plain text of the section's content, markup removed. */
  text: string;
  /** True when the label has no content: no words, code, table or image, or only a placeholder (`TODO`, `TBD`, `...`). */
  empty: boolean;
  /**
   * True when no label marks the part: it was inferred from the sentences of prose (see
   * src/core/inference). `labelText` is then '' and `labelRange` is empty, at the part's start.
   */
  inferred?: true;
}

/** One interview answer: an optional title and its sections. */
export interface Answer {
  /** The heading text that introduced the answer, or null. */
  title: string | null;
  titleRange: Range | null;
  range: Range;
  /** Sections in document order. */
  sections: Section[];
  /** Content words in the answer, labels and title excluded. */
  words: number;
  /** Measurable outcomes found in the Result section. */
  metrics: string[];
  /** Front matter `question:` value or null. */
  questionId: string | null;
  /** The coaching score (see docs/scoring.md), set by analyze(). */
  score?: AnswerScore;
  /** Likely follow-up questions: from the answer's gaps, then its bank question's (src/engine/follow-ups.ts), set by analyze(). */
  followUps?: Array<{ question: string; reason: string }>;
}

/** An answer's score: 0-100 in all, and the points of each dimension that applies. */
export interface AnswerScore {
  total: number;
  dimensions: Record<string, { points: number; max: number }>;
}

/**
 * How loud a finding is. `hint` is the quietest: VS Code shows it as faint dots under the
 * text (no squiggle) and leaves it out of the Problems view; the CLI prints it as `hint`.
 */
export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';

/** A text edit in offsets of the analyzed text. */
export interface TextEdit {
  offset: number;
  /** Characters to replace; insertions use 0. */
  length: number;
  text: string;
  /** Offsets, relative to `text`, of placeholders the editor should select. */
  placeholders: Array<{ start: number; end: number }>;
}

/** What a quick fix needs to know, carried on the diagnostic itself. */
export interface FixData {
  /** Index of the answer in `AnalyzeResult.answers`. */
  answerIndex: number;
  /** The sections this fix would insert (missing-section rules), or [] for others. */
  sections: SectionKind[];
  /** The edit that fixes this one finding (worked out when first read: core/lazy-edit). */
  edit: TextEdit | null;
  /** For a missing section: the label style it is written in (its neighbour's), else null. */
  style: LabelStyle | null;
}

export interface Diagnostic {
  ruleId: string;
  alias: string;
  severity: Severity;
  message: string;
  range: Range;
  /** Docs page of the rule. */
  url: string;
  data: FixData;
}

export interface AnalyzeResult {
  /** True when the document is an answer draft; other documents get no answers and no diagnostics. */
  isDraft: boolean;
  answers: Answer[];
  diagnostics: Diagnostic[];
}
