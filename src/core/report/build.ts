/**
 * The story bank: every answer of many analyzed drafts as a story, the competencies and
 * values each one covers, and the coverage matrix (target × stories) with its gaps and its
 * over-used stories. Pure functions over analysis results; the CLI's `report`, the Story
 * Bank view and the report webview all read this one builder.
 */
import { answerText, coversKeyPoint, keyPointCoverage, linkedQuestion } from '../../bank/coverage';
import { resolveTargets, tagKey, type TargetItem, type TargetSet, type TargetsOption } from '../../bank/targets';
import type { BankQuestion, KeyPoint, QuestionLookup } from '../../bank/types';
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

/** Runs of letters and digits: what the coverage matcher treats as words. */
const WORD_RUN = /[\p{L}\p{N}]+/gu;

/**
 * A signal as words. `plain` signals are ASCII words joined by spaces or hyphens, which the
 * coverage pattern reads as "these words in a row, separated by spaces or dashes, the last
 * one possibly cut short" (signals may end mid-word: "reversib"); those are decided from the
 * text's words alone. For the others (an apostrophe, a slash) the words are only a filter
 * and the pattern decides. Null: a word is not ASCII, so the pattern always runs.
 */
interface Needle {
  parts: Array<{ word: string; prefix: boolean }>;
  plain: boolean;
}
const needles = new WeakMap<KeyPoint, Array<Needle | null>>();

function needlesOf(point: KeyPoint): Array<Needle | null> {
  let list = needles.get(point);
  if (!list) {
    list = point.signals.map((signal) => {
      const lower = signal.trim().toLowerCase();
      const runs = [...lower.matchAll(WORD_RUN)];
      // Only ASCII words: case-insensitive matching folds just two other characters (K, ſ) onto them, handled in wordsOf.
      if (runs.length === 0 || runs.some((run) => !/^[a-z0-9]+$/.test(run[0]))) return null;
      return {
        parts: runs.map((run, index) => ({ word: run[0], prefix: index === runs.length - 1 && run.index + run[0].length === lower.length })),
        plain: /^[a-z0-9]+(?:[\s-]+[a-z0-9]+)*$/.test(lower),
      };
    });
    needles.set(point, list);
  }
  return list;
}

/** What the pattern puts between a signal's words: spaces and dashes. */
const SEPARATOR = /^[\s\u2010-\u2015-]+$/u;

/** The words of a text in order, where each one is, whether only spaces or dashes follow it, and every prefix of them. */
interface TextWords {
  words: Set<string>;
  prefixes: Set<string>;
  sequence: string[];
  /** True when the text between word i and word i + 1 is only spaces and dashes. */
  joined: boolean[];
  at: Map<string, number[]>;
}

function wordsOf(text: string): TextWords {
  // Lower case as case-insensitive matching folds: K (Kelvin) and ſ become k and s; İ matches
  // no ASCII letter (its lower case, i + a combining dot, would), so it becomes dotless ı.
  const lower = text.replace(/\u0130/g, '\u0131').toLowerCase().replace(/\u017f/g, 's');
  const sequence: string[] = [];
  const joined: boolean[] = [];
  const at = new Map<string, number[]>();
  let end = -1;
  for (const match of lower.matchAll(WORD_RUN)) {
    if (end >= 0) joined.push(SEPARATOR.test(lower.slice(end, match.index)));
    const word = match[0];
    let list = at.get(word);
    if (!list) at.set(word, (list = []));
    list.push(sequence.length);
    sequence.push(word);
    end = match.index + word.length;
  }
  const words = new Set(sequence);
  const prefixes = new Set<string>();
  for (const word of words) for (let cut = 1; cut <= word.length; cut++) prefixes.add(word.slice(0, cut));
  return { words, prefixes, sequence, joined, at };
}

/** Whether a plain signal's words stand in a row in the text, joined by spaces or dashes, the last one possibly cut short. */
function plainMatch(parts: Needle['parts'], words: TextWords): boolean {
  const last = parts.length - 1;
  if (last === 0) return words.prefixes.has(parts[0].word);
  for (const start of words.at.get(parts[0].word) ?? []) {
    let k = 1;
    for (; k <= last; k++) {
      const word = words.sequence[start + k];
      if (word === undefined || !words.joined[start + k - 1]) break;
      if (k < last ? word !== parts[k].word : !(parts[k].prefix ? word.startsWith(parts[k].word) : word === parts[k].word)) break;
    }
    if (k > last) return true;
  }
  return false;
}

/**
 * How many of a question's key points a text covers: the same answer as keyPointCoverage
 * (a test compares them), decided from the text's words for plain signals and by the
 * point's pattern only for the others whose words are all there, so checking an answer
 * against the whole bank costs set lookups, not thousands of regex scans.
 */
function coveredCount(question: BankQuestion, text: string, words: TextWords): number {
  let covered = 0;
  for (const point of question.keyPoints) {
    let possible = false;
    let found = false;
    for (const needle of needlesOf(point)) {
      if (needle === null) possible = true;
      else if (needle.parts.every((part) => (part.prefix ? words.prefixes : words.words).has(part.word))) {
        if (!needle.plain) possible = true;
        else if (plainMatch(needle.parts, words)) found = true;
      }
      if (found) break;
    }
    if (found || (possible && coversKeyPoint(text, point))) covered++;
  }
  return covered;
}

/**
 * The bank question an unlinked answer is most likely about: the one whose key points it
 * covers best (by share, then by count; bank order breaks ties), when that is at least
 * `likelyMinShare` of them and `likelyMinPoints` in number. Undefined otherwise.
 */
export function likelyQuestion(answer: Answer, questions: readonly BankQuestion[]): { question: BankQuestion; covered: number } | undefined {
  // Analysis results are not changed once made, so a story bank rebuilt after one file changed
  // reuses the others' answers (per bank: another bank may know other questions).
  let cache = likelyCache.get(questions);
  if (!cache) likelyCache.set(questions, (cache = new WeakMap()));
  if (cache.has(answer)) return cache.get(answer) ?? undefined;
  const found = findLikely(answer, questions);
  cache.set(answer, found ?? null);
  return found;
}

const likelyCache = new WeakMap<readonly BankQuestion[], WeakMap<Answer, { question: BankQuestion; covered: number } | null>>();

function findLikely(answer: Answer, questions: readonly BankQuestion[]): { question: BankQuestion; covered: number } | undefined {
  const text = answerText(answer);
  if (text.trim() === '') return undefined;
  const words = wordsOf(text);
  let best: { question: BankQuestion; covered: number; share: number } | undefined;
  for (const question of questions) {
    if (question.keyPoints.length === 0) continue;
    const covered = coveredCount(question, text, words);
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

const isTargetSet = (targets: StoryBankOptions['targets']): targets is TargetSet => typeof targets === 'object' && targets !== null && !Array.isArray(targets);

/** Builds the whole report from analyzed drafts. Documents that are not drafts add nothing. */
export function buildStoryBank(inputs: readonly StoryInput[], options: StoryBankOptions): StoryBankReport {
  const targets = isTargetSet(options.targets) ? options.targets : resolveTargets(options.targets);
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
