import { SECTION_PLACEHOLDERS } from '../core/fixes';
import type { Answer } from '../core/types';
import type { BankQuestion, KeyPoint, QuestionLookup } from './types';

/**
 * The bank question an answer is about: the front matter `question:` id when the bank
 * knows it, otherwise a title that matches a question's text.
 */
export function linkedQuestion(answer: Answer, questions: QuestionLookup): BankQuestion | undefined {
  const byId = answer.questionId ? questions.byId(answer.questionId) : undefined;
  return byId ?? (answer.title ? questions.byTitle(answer.title) : undefined);
}

const PLACEHOLDERS = Object.values(SECTION_PLACEHOLDERS);

/**
 * The words of an answer that count towards coverage: its sections' text, without the
 * title (which repeats the question) and without prompts a draft skeleton left in place.
 */
export function answerText(answer: Answer): string {
  let text = answer.sections.map((section) => section.text).join('\n');
  for (const placeholder of PLACEHOLDERS) text = text.split(placeholder).join(' ');
  return text;
}

/** One phrase as a pattern: spaces and hyphens are interchangeable, so are ' and ’. */
function phrasePattern(phrase: string): string {
  return phrase
    .trim()
    .split(/[\s-]+/)
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, "['\u2019]"))
    .join('[\\s\\u2010-\\u2015-]+');
}

/**
 * A case-insensitive pattern that finds any of the phrases where a word starts ("cut" is
 * not found in "execute"); a phrase may end mid-word, so "reversib" finds "reversible".
 */
export function wordStartMatcher(phrases: readonly string[]): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${phrases.map(phrasePattern).join('|')})`, 'iu');
}

// Compiled once per key point object; bank questions are not changed once loaded.
const matchers = new WeakMap<KeyPoint, RegExp>();

function matcherFor(point: KeyPoint): RegExp {
  let matcher = matchers.get(point);
  if (!matcher) matchers.set(point, (matcher = wordStartMatcher(point.signals)));
  return matcher;
}

/** Whether a text covers a key point: one of its signals starts a word, ignoring case. */
export function coversKeyPoint(text: string, point: KeyPoint): boolean {
  return matcherFor(point).test(text);
}

/** Each key point of a question, and whether the text covers it. */
export function keyPointCoverage(question: BankQuestion, text: string): Array<{ point: KeyPoint; covered: boolean }> {
  return question.keyPoints.map((point) => ({ point, covered: coversKeyPoint(text, point) }));
}
