/**
 * The story bank: every answer of many analyzed drafts as a story, the competencies and
 * values each one covers, and the coverage matrix (target × stories) with its gaps and its
 * over-used stories. Pure functions over analysis results; the CLI's `report`, the Story
 * Bank view and the report webview all read this one builder.
 */
import { answerText, keyPointCoverage, linkedQuestion } from '../../bank/coverage';
import { resolveTargets, tagKey, type TargetItem, type TargetSet, type TargetsOption } from '../../bank/targets';
import type { BankQuestion, QuestionLookup } from '../../bank/types';
import { lengthOf, LENGTH_LIMITS } from '../../rules/answer-length';
import type { AnalyzeResult, Answer } from '../types';

/** The thresholds the builder uses, as data (docs/story-bank.md explains them). */
export const STORY_BANK_THRESHOLDS = {
  /** A story scoring below this is weak: it does not close a gap on its own. */
  weakScore: 60,
  /** An unlinked answer is "likely" about a question when it covers at least this share of its key points… */
  likelyMinShare: 0.5,
  /** …and at least this many of them. */
  likelyMinPoints: 2,
  /** A story that covers more targets than this is used for too many. */
  maxTargetsPerStory: 3,
} as const;

/** The question bank as the builder needs it: lookups, every question, category labels. */
export interface StoryBankQuestions extends QuestionLookup {
  readonly questions: readonly BankQuestion[];
  categoryLabel?(id: string): string;
}

/** One analyzed draft. */
export interface StoryInput {
  /** The draft's path or URI, as the caller wants it back in links. */
  file: string;
  result: AnalyzeResult;
}

/** How a story relates to a bank question. */
export interface StoryQuestion {
  id: string;
  text: string;
  category: string;
  categoryLabel: string;
  /** True when inferred from key-point coverage rather than linked by front matter or title. */
  likely: boolean;
  /** Key points of the question the story covers, of all. */
  covered: number;
  keyPoints: number;
}

/** One answer in the workspace's drafts. */
export interface Story {
  /** `<file>#<answer index>`: stable while the file's answers keep their order. */
  id: string;
  file: string;
  answerIndex: number;
  /** 1-based line of the answer's start (its title, or first label). */
  line: number;
  title: string;
  /** 0-100, see docs/scoring.md. */
  score: number;
  /** Spoken time at the speaking rate, and the target (the question's or 2 minutes). */
  seconds: number;
  targetSeconds: number;
  words: number;
  question: StoryQuestion | null;
  /** The competencies and values of the (linked or likely) question. */
  competencies: string[];
  values: string[];
  /** Ids of the targets the story covers. */
  targets: string[];
  weak: boolean;
}

export type RowStatus = 'gap' | 'weak' | 'covered';

/** One row of the coverage matrix: a target and the stories that cover it. */
export interface MatrixRow {
  target: TargetItem;
  stories: Array<{ storyId: string; likely: boolean; weak: boolean }>;
  /** gap: no story; weak: only weak stories; covered: at least one story that is not weak. */
  status: RowStatus;
}

export interface StoryBankReport {
  targets: { name: string; title: string };
  stories: Story[];
  rows: MatrixRow[];
  /** Stories that cover more than `maxTargetsPerStory` targets, with how many they cover. */
  overused: Array<{ storyId: string; targets: number }>;
  summary: {
    stories: number;
    drafts: number;
    /** Average score of all stories, or null when there are none. */
    averageScore: number | null;
    lowest: { storyId: string; score: number } | null;
    gaps: number;
    weakOnly: number;
    covered: number;
  };
  thresholds: typeof STORY_BANK_THRESHOLDS;
}

export interface StoryBankOptions {
  questions: StoryBankQuestions;
  /** A target set, or the `targets` option to resolve (default: the competencies preset). */
  targets?: TargetSet | TargetsOption;
  wordsPerMinute?: number;
}

/**
 * The bank question an unlinked answer is most likely about: the one whose key points it
 * covers best (by share, then by count; bank order breaks ties), when that is at least
 * `likelyMinShare` of them and `likelyMinPoints` in number. Undefined otherwise.
 */
export function likelyQuestion(answer: Answer, questions: readonly BankQuestion[]): { question: BankQuestion; covered: number } | undefined {
  const text = answerText(answer);
  if (text.trim() === '') return undefined;
  let best: { question: BankQuestion; covered: number; share: number } | undefined;
  for (const question of questions) {
    if (question.keyPoints.length === 0) continue;
    const covered = keyPointCoverage(question, text).filter((point) => point.covered).length;
    const share = covered / question.keyPoints.length;
    if (!best || share > best.share || (share === best.share && covered > best.covered)) best = { question, covered, share };
  }
  if (!best || best.share < STORY_BANK_THRESHOLDS.likelyMinShare || best.covered < STORY_BANK_THRESHOLDS.likelyMinPoints) return undefined;
  return { question: best.question, covered: best.covered };
}

/** A readable name for an answer with no title: its first words. */
function titleOf(answer: Answer, question: BankQuestion | undefined): string {
  if (answer.title) return answer.title;
  if (question) return question.text;
  const first = answer.sections.find((section) => !section.empty)?.text.trim().split(/\s+/).slice(0, 8).join(' ');
  return first ? `${first}…` : `Answer at line ${answer.range.start.line}`;
}

/** The story of one answer, with the question it is linked to or likely about. */
export function storyOf(file: string, answer: Answer, answerIndex: number, options: StoryBankOptions): Omit<Story, 'targets'> {
  const { questions } = options;
  const linked = linkedQuestion(answer, questions);
  const likely = linked ? undefined : likelyQuestion(answer, questions.questions);
  const question = linked ?? likely?.question;
  const length = lengthOf(answer, questions, options.wordsPerMinute ?? LENGTH_LIMITS.wordsPerMinute);
  const score = answer.score?.total ?? 0;
  const covered = question ? (likely?.covered ?? keyPointCoverage(question, answerText(answer)).filter((point) => point.covered).length) : 0;
  return {
    id: `${file}#${answerIndex}`,
    file,
    answerIndex,
    line: answer.range.start.line,
    title: titleOf(answer, question),
    score,
    seconds: length.seconds,
    targetSeconds: likely ? likely.question.targetSeconds : length.target,
    words: answer.words,
    question: question
      ? {
          id: question.id,
          text: question.text,
          category: question.category,
          categoryLabel: questions.categoryLabel?.(question.category) ?? question.category,
          likely: likely !== undefined,
          covered,
          keyPoints: question.keyPoints.length,
        }
      : null,
    competencies: question ? [...question.competencies] : [],
    values: question ? [...(question.values ?? [])] : [],
    weak: score < STORY_BANK_THRESHOLDS.weakScore,
  };
}

/** The ids of the targets a story's question tags (category, competencies, values) match. */
export function matchTargets(story: Pick<Story, 'question' | 'competencies' | 'values'>, targets: TargetSet): string[] {
  if (!story.question) return [];
  const tags = new Set([story.question.category, ...story.competencies, ...story.values].map(tagKey));
  return targets.items.filter((item) => item.matches.some((tag) => tags.has(tagKey(tag)))).map((item) => item.id);
}

/** The coverage matrix: one row per target, in the target set's order. */
export function coverageMatrix(stories: readonly Story[], targets: TargetSet): MatrixRow[] {
  return targets.items.map((target) => {
    const covering = stories.filter((story) => story.targets.includes(target.id)).map((story) => ({ storyId: story.id, likely: story.question?.likely ?? false, weak: story.weak }));
    const status: RowStatus = covering.length === 0 ? 'gap' : covering.every((story) => story.weak) ? 'weak' : 'covered';
    return { target, stories: covering, status };
  });
}

/** Builds the whole report from analyzed drafts. Documents that are not drafts add nothing. */
export function buildStoryBank(inputs: readonly StoryInput[], options: StoryBankOptions): StoryBankReport {
  const targets = options.targets !== undefined && typeof options.targets === 'object' && !Array.isArray(options.targets) ? options.targets : resolveTargets(options.targets);
  const stories: Story[] = [];
  let drafts = 0;
  for (const input of inputs) {
    if (!input.result.isDraft) continue;
    drafts++;
    input.result.answers.forEach((answer, index) => {
      const story = storyOf(input.file, answer, index, options);
      stories.push({ ...story, targets: matchTargets(story, targets) });
    });
  }
  const rows = coverageMatrix(stories, targets);
  const overused = stories
    .filter((story) => story.targets.length > STORY_BANK_THRESHOLDS.maxTargetsPerStory)
    .map((story) => ({ storyId: story.id, targets: story.targets.length }));
  const lowest = stories.reduce<Story | null>((low, story) => (low === null || story.score < low.score ? story : low), null);
  return {
    targets: { name: targets.name, title: targets.title },
    stories,
    rows,
    overused,
    summary: {
      stories: stories.length,
      drafts,
      averageScore: stories.length === 0 ? null : stories.reduce((sum, story) => sum + story.score, 0) / stories.length,
      lowest: lowest ? { storyId: lowest.id, score: lowest.score } : null,
      gaps: rows.filter((row) => row.status === 'gap').length,
      weakOnly: rows.filter((row) => row.status === 'weak').length,
      covered: rows.filter((row) => row.status === 'covered').length,
    },
    thresholds: STORY_BANK_THRESHOLDS,
  };
}
