/**
 * What the Question Bank view shows, without the editor API: categories and their
 * questions, the filter, and the coaching notes used by tooltips and the hover.
 */
import type { QuestionBank } from './bank';
import { wordStartMatcher } from './coverage';
import type { BankCategory, BankQuestion, KeyPoint } from './types';

/** A category with the questions shown under it. */
export interface CategoryGroup {
  category: BankCategory;
  questions: BankQuestion[];
}

/** Groups questions under their categories, in the bank's category order; empty categories are left out. */
export function groupByCategory(bank: QuestionBank, questions: readonly BankQuestion[] = bank.questions): CategoryGroup[] {
  const byCategory = new Map<string, BankQuestion[]>();
  for (const question of questions) byCategory.set(question.category, [...(byCategory.get(question.category) ?? []), question]);
  return bank.categories.filter((category) => byCategory.has(category.id)).map((category) => ({ category, questions: byCategory.get(category.id)! }));
}

/** The filter's terms: lower-case words, split at spaces and commas. */
export function filterTerms(query: string): string[] {
  return query.toLowerCase().split(/[\s,]+/).filter(Boolean);
}

/** Everything a filter term can match: the question, its id, category, value tags and competencies. */
function searchableText(bank: QuestionBank, question: BankQuestion): string {
  return [question.text, question.id, question.category, bank.categoryLabel(question.category), ...(question.values ?? []), ...question.competencies].join('\n');
}

/**
 * The questions that match every term of a filter where a word starts, so `conflict`,
 * `ownership` (a value tag) and `manager disagree` all work. An empty filter matches all.
 */
export function filterQuestions(bank: QuestionBank, query: string): BankQuestion[] {
  const matchers = filterTerms(query).map((term) => wordStartMatcher([term]));
  if (matchers.length === 0) return [...bank.questions];
  return bank.questions.filter((question) => {
    const text = searchableText(bank, question);
    return matchers.every((matcher) => matcher.test(text));
  });
}

/** One item picked at random, or undefined from an empty list. */
export function pickRandom<T>(items: readonly T[], random: () => number = Math.random): T | undefined {
  return items.length === 0 ? undefined : items[Math.min(items.length - 1, Math.floor(random() * items.length))];
}

/** Backslash-escapes markdown syntax so bank text shows as written. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|~<>]/g, '\\$&');
}

/** "2 min", "1 min 30 s" or "45 s". */
export function formatTargetTime(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  if (minutes === 0) return `${rest} s`;
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}

export interface CoachingNotesOptions {
  categoryLabel: string;
  /** Which key points an answer covers; when given, each point is ticked or crossed. */
  coverage?: ReadonlyArray<{ point: KeyPoint; covered: boolean }>;
  /** The custom bank file the question came from, shown at the end. */
  source?: string;
}

/**
 * A question's coaching notes as markdown: why it is asked, the key points (ticked
 * against an answer when coverage is given), common mistakes, likely follow-ups and
 * the target length. The tree's tooltip and the title hover both show it.
 */
export function coachingNotesMarkdown(question: BankQuestion, options: CoachingNotesOptions): string {
  const list = (items: readonly string[]): string => items.map((item) => `- ${escapeMarkdown(item)}`).join('\n');
  const covered = options.coverage?.filter((entry) => entry.covered).length;
  const keyPoints = options.coverage
    ? options.coverage.map(({ point, covered: done }) => `- ${done ? '✓' : '✗'} ${escapeMarkdown(point.title)}`).join('\n')
    : list(question.keyPoints.map((point) => point.title));
  const sections = [
    `**${escapeMarkdown(question.text)}**`,
    `${escapeMarkdown(options.categoryLabel)} · ${question.difficulty} · aim for about ${formatTargetTime(question.targetSeconds)} spoken`,
    `**Why it is asked:** ${escapeMarkdown(question.whyAsked)}`,
    `**Key points${covered === undefined ? '' : ` (${covered} of ${question.keyPoints.length} covered)`}**\n\n${keyPoints}`,
    `**Common mistakes**\n\n${list(question.mistakes)}`,
    `**Likely follow-ups**\n\n${list(question.followUps)}`,
  ];
  if (question.values && question.values.length > 0) sections.push(`Values: ${question.values.map(escapeMarkdown).join(', ')}`);
  if (options.source) sections.push(`From ${escapeMarkdown(options.source)}`);
  return sections.join('\n\n');
}
