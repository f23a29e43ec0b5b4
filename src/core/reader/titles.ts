/** What the reader takes for a story's title or an aside: question lines and headings, pasted feedback. */
import { collapseWhitespace, plainText } from '../markdown';
import { scanLabel } from './candidates';
import type { Vocabulary } from './vocabulary';

/** Interview-question phrasing; a bare "?" is not enough ("How do I reset my password?"). */
export const QUESTION_TITLE =
  /^\W*(?:q\d*[:.)]\s*)?(?:tell (?:me|us) about|describe|give (?:me |us )?(?:an|one) example|walk (?:me|us) through|share (?:an|a) (?:example|time|story)|talk (?:me |us )?(?:about|through) a time|what (?:is|was|'s) (?:a|the) time|have you ever|when (?:did|have) you|how (?:did|have|do|would) you|what (?:did|would) you do|can you (?:tell|describe|give|share|walk)|a time (?:when|you))/i;
/**
 * What note apps and converters add to a heading or question line: pandoc's bookmark spans
 * and attributes (`[]{#_Toc123 .anchor}`, `{#situation}`) and trailing tags (`#interview`).
 */
const HEADING_EXTRAS = /\[\]\{[^}\n]*\}|\s*\{[#.][^}\n]*\}\s*$|(?:\s+#(?:\[\[[^\]\n]*\]\]|[\p{L}\d_/-]+))+\s*$/gu;
export function withoutExtras(line: string): string {
  return line.includes('#') || line.includes('{') ? line.replace(HEADING_EXTRAS, '') : line;
}
/** Headings of what writers paste under a story: feedback, notes, scores, follow-ups. */
export const ASIDE_TITLE =
  /^\W*(?:(?:my|interviewer(?:'s)?|mock(?: interview)?|peer|coach(?:'s|ing)?|self|prep|extra|more|possible|likely)\s+)?(?:feedback|critique|notes?|comments?|self[- ]?check|checklist|rubric|score(?:card|s)?|follow[- ]?ups?(?: questions)?|questions to ask|tips|todo|to do)\b/i;
/** A one-line paragraph that introduces feedback or notes: "ChatGPT feedback (pasted 3 June):". */
export const ASIDE_LINE = /^[^\p{L}\n]*(?:[\p{L}'’-]+\s+){0,3}(?:feedback|critique|notes|comments)\b[^:\n]{0,40}:[\s*_]*$/iu;
/** "**Answer:**", "Me:", "A:" before a label, in interview transcripts and Q&A drafts. */
export const SPEAKER_PREFIX = /^\s*(?:\*\*|__)?(?:a|answer|my answer|me|candidate|response)\s*(?:[:：]\s*(?:\*\*|__)|(?:\*\*|__)\s*[:：]|[:：])\s*/i;
/** A line in bold or italics, as question lists set their questions apart. */
const EMPHASIZED_LINE = /^\s*(\*\*|__|\*|_)(?![\s*_])(.+?)\1\s*$/;
/** `Q:`, `**Q2.**`, `**Q**:`, `Question 3)` before a question, in Q&A drafts and banks without headings (not a `Question::` property). */
export const QUESTION_PREFIX = /^[\s>*_]{0,4}q(?:uestion)?\s*\d{0,3}(?:\*\*|__)?\s*[:：.)](?!:)\s*(?:\*\*|__)?\s*/i;
const STORY_QUESTION_START = /^[\s*_>]*(?:tell|describe|give|walk|share|talk|have|can)\b/i;
/** How a question asking for a story opens: enough to title an answer from a plain line. */
const STORY_QUESTION =
  /^(?:tell (?:me|us) about|describe (?:a|an|one|the) |give (?:me |us )?(?:an|one|a specific) example|walk (?:me|us) through|share (?:an|a) (?:example|time|story)|talk (?:me |us )?(?:about|through) a time|have you ever|can you (?:tell|describe|give|share|walk))/i;

/** Longest `Q:` paragraph read as one wrapped question. */
const WRAPPED_QUESTION_LINES = 3;

/**
 * A paragraph of two or three lines, none of them a STAR label, that is one question wrapped:
 * a `Q:` line, or a question asking for a story that ends with its question mark
 * (`*Tell me about a time when … What was the outcome?*` in a numbered list).
 */
export function isWrappedQuestion(source: string, vocabulary: Vocabulary): boolean {
  const asked = QUESTION_PREFIX.test(source) || (STORY_QUESTION_START.test(source) && /[?？][\s*_]*$/.test(source));
  if (!asked) return false;
  const rest = source.split('\n').slice(1);
  return rest.length < WRAPPED_QUESTION_LINES && rest.every((line) => !scanLabel(line.replace(/^[\s>]*/, ''), vocabulary)?.kinds.length);
}

/**
 * The question a one-line paragraph announces, or null: `**Tell me about a time…**`, `*When did you…?*`,
 * `Q2. Describe…`, `**Q:** What is your biggest weakness?`, or a plain line that asks for a
 * story (`Tell me about a time you failed.`), as banks without headings separate stories.
 */
export function paragraphTitle(paragraphSource: string): string | null {
  // Trailing tags (`#interview`, `#[[Interview Prep]]`) are not part of the question.
  const source = withoutExtras(paragraphSource);
  const prefix = QUESTION_PREFIX.exec(source);
  if (prefix) {
    // "Q3: revenue up 12%" is a quarter, not a question.
    const question = collapseWhitespace(plainText(source.slice(prefix[0].length)));
    return QUESTION_TITLE.test(question) || question.endsWith('?') ? question : null;
  }
  // Most paragraphs do not end in emphasis: skip the (unanchored, lazy) emphasized-line match for them.
  const trimmed = source.trimEnd();
  const bold = trimmed.endsWith('*') || trimmed.endsWith('_') ? EMPHASIZED_LINE.exec(source)?.[2] : undefined;
  if (bold) {
    const title = collapseWhitespace(plainText(bold));
    return QUESTION_TITLE.test(title) ? title : null;
  }
  // Cheap first look at the raw line: most one-line paragraphs are labels, not questions.
  if (!STORY_QUESTION_START.test(source)) return null;
  const line = collapseWhitespace(plainText(source));
  return STORY_QUESTION.test(line) ? line : null;
}
