import type { Root } from 'mdast';
import type { EditSource } from '../core/lazy-edit';
import type { LineIndex } from '../core/markdown';
import type { Answer, LabelStyle, Range, SectionKind, Severity } from '../core/types';
import type { QuestionLookup } from '../bank/types';
import { repository, version } from '../../package.json';

/** What a rule sees: one answer and the document around it. */
export interface RuleContext {
  text: string;
  lines: LineIndex;
  eol: string;
  answer: Answer;
  answerIndex: number;
  requiredSections: readonly SectionKind[];
  /** The question bank, for rules about answers linked to a bank question. */
  questions: QuestionLookup;
  /** Speaking rate for spoken-length rules (words per minute). */
  wordsPerMinute: number;
  /** The markdown tree of `text`, for fixes that need to know its blocks (parsing again is slow). */
  tree?: Root;
  /** The tree for a fix worked out later; undefined once a cache has let it go (engine/analyze releaseTree). */
  laterTree?: () => Root | undefined;
}

/** One finding of a rule, before severity and suppressions are applied. */
export interface Finding {
  message: string;
  range: Range;
  sections: SectionKind[];
  /** The fix, or a function that works it out when the fix is first asked for (see core/lazy-edit). */
  edit: EditSource;
  /** The label style a fix writes in, when the fix adds a label. */
  style?: LabelStyle | null;
}

/** A rule: a stable code, a readable alias, docs, and a check over one answer. */
export interface Rule {
  id: string;
  alias: string;
  description: string;
  defaultSeverity: Severity;
  check(context: RuleContext): Finding[];
}

/** Versioned link to a rule's docs page, so old releases keep pointing at matching docs. */
export function docsUrl(alias: string): string {
  return `${repository.url.replace(/\.git$/, '')}/blob/v${version}/docs/rules/${alias}.md`;
}

/** Where a diagnostic about a whole answer goes: its title, or else its first label. */
export function answerAnchor(answer: Answer): Range {
  return answer.titleRange ?? answer.sections[0].labelRange;
}

/** The range between two offsets of the analyzed text. */
export function offsetRange(lines: LineIndex, start: number, end: number): Range {
  return { start: lines.pointAt(start), end: lines.pointAt(end) };
}

/** A sentence quoted in a message, shortened when long. */
export function quote(text: string, max = 60): string {
  return `"${text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`}"`;
}
