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
import type { AnalyzeResult, Answer } from '../../core/types';

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
  /** Every prefix of the words, made when first asked for (prefixesOf). */
  prefixes?: Set<string>;
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
  return { words: new Set(sequence), sequence, joined, at };
}

function prefixesOf(words: TextWords): Set<string> {
  if (!words.prefixes) {
    words.prefixes = new Set();
    for (const word of words.words) for (let cut = 1; cut <= word.length; cut++) words.prefixes.add(word.slice(0, cut));
  }
  return words.prefixes;
}

/** Whether a plain signal's words stand in a row in the text, joined by spaces or dashes, the last one possibly cut short. */
function plainMatch(parts: Needle['parts'], words: TextWords): boolean {
  const last = parts.length - 1;
  if (last === 0) return parts[0].prefix ? prefixesOf(words).has(parts[0].word) : words.words.has(parts[0].word);
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
 * The bank's signals indexed by their first word, built once per question list: checking an
 * answer looks up its own words (and their prefixes, for signals that end mid-word) instead
 * of trying each of the bank's thousands of signals against it.
 */
interface BankIndex {
  /** Plain or filtered needles by their first word, which must be a whole word of the text. */
  byWord: Map<string, Array<{ point: KeyPoint; needle: Needle }>>;
  /** One-word needles that may be cut short, by that word: a prefix of a word of the text. */
  byPrefix: Map<string, Array<{ point: KeyPoint; needle: Needle }>>;
  /** The lengths of byPrefix's keys, so only those prefixes of the text's words are looked up. */
  prefixLengths: number[];
  /** Points with a signal that is not ASCII words: the pattern always decides them. */
  patternOnly: Set<KeyPoint>;
}
const bankIndexes = new WeakMap<readonly BankQuestion[], BankIndex>();

function bankIndexOf(questions: readonly BankQuestion[]): BankIndex {
  let index = bankIndexes.get(questions);
  if (index) return index;
  index = { byWord: new Map(), byPrefix: new Map(), prefixLengths: [], patternOnly: new Set() };
  for (const question of questions) {
    for (const point of question.keyPoints) {
      for (const needle of needlesOf(point)) {
        if (needle === null) {
          index.patternOnly.add(point);
          continue;
        }
        const first = needle.parts[0];
        const map = first.prefix ? index.byPrefix : index.byWord;
        let list = map.get(first.word);
        if (!list) map.set(first.word, (list = []));
        list.push({ point, needle });
      }
    }
  }
  index.prefixLengths = [...new Set([...index.byPrefix.keys()].map((word) => word.length))].sort((a, b) => a - b);
  bankIndexes.set(questions, index);
  return index;
}

/**
 * What the text's words say about each key point of the bank: `found` (a plain signal
 * stands in the text) or `possible` (the point's pattern must decide). Points missing from
 * the map have no signal whose words are all in the text.
 */
function pointEvidence(index: BankIndex, words: TextWords): Map<KeyPoint, 'found' | 'possible'> {
  const evidence = new Map<KeyPoint, 'found' | 'possible'>();
  const consider = (candidates: Array<{ point: KeyPoint; needle: Needle }> | undefined): void => {
    if (!candidates) return;
    for (const { point, needle } of candidates) {
      if (evidence.get(point) === 'found') continue;
      // A one-word signal is decided by the lookup that found it.
      if (needle.parts.length === 1) evidence.set(point, needle.plain ? 'found' : 'possible');
      else if (needle.plain) {
        // A plain signal's words in a row are the match itself (and imply every word is there).
        if (plainMatch(needle.parts, words)) evidence.set(point, 'found');
      } else if (needle.parts.every((part) => (part.prefix ? prefixesOf(words) : words.words).has(part.word))) {
        evidence.set(point, 'possible');
      }
    }
  };
  for (const word of words.words) {
    consider(index.byWord.get(word));
    for (const length of index.prefixLengths) {
      if (length > word.length) break;
      consider(index.byPrefix.get(length === word.length ? word : word.slice(0, length)));
    }
  }
  return evidence;
}

/**
 * How many of a question's key points a text covers: the same answer as keyPointCoverage
 * (a test compares them), decided from the text's words for plain signals and by the
 * point's pattern only for the others whose words are all there, so checking an answer
 * against the whole bank costs set lookups, not thousands of regex scans.
 */
function coveredCount(question: BankQuestion, text: string, evidence: Map<KeyPoint, 'found' | 'possible'>, index: BankIndex): number {
  let covered = 0;
  for (const point of question.keyPoints) {
    const seen = evidence.get(point);
    if (seen === 'found' || ((seen === 'possible' || index.patternOnly.has(point)) && coversKeyPoint(text, point))) covered++;
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
  const index = bankIndexOf(questions);
  const evidence = pointEvidence(index, wordsOf(text));
  let best: { question: BankQuestion; covered: number; share: number } | undefined;
  for (const question of questions) {
    if (question.keyPoints.length === 0) continue;
    const covered = coveredCount(question, text, evidence, index);
    const share = covered / question.keyPoints.length;
    if (!best || share > best.share || (share === best.share && covered > best.covered)) best = { question, covered, share };
  }
  if (!best || best.share < STORY_BANK_THRESHOLDS.likelyMinShare || best.covered < STORY_BANK_THRESHOLDS.likelyMinPoints) return undefined;
  return { question: best.question, covered: best.covered };
}

/**
 * An answer's likely question as plain data, for a scan worker to send beside its analysis:
 * the question's index in the bank's list and the key points covered; null for none;
 * 'linked' for an answer linked to its question, which needs no guess.
 */
export type LikelyNote = [questionIndex: number, covered: number] | null | 'linked';

/** The likely question of each answer of a file, worked out where it was analyzed (a scan worker), so the host's main thread does not. */
export function likelyNotes(result: AnalyzeResult, questions: StoryBankQuestions): LikelyNote[] {
  if (!result.isDraft) return [];
  return result.answers.map((answer) => {
    if (linkedQuestion(answer, questions)) return 'linked';
    const found = likelyQuestion(answer, questions.questions);
    return found ? [questions.questions.indexOf(found.question), found.covered] : null;
  });
}

/**
 * Takes the notes a worker sent for a result it analyzed with the same bank as if the likely
 * questions had been found here: storyOf() then reads them from the cache. A note that does
 * not fit the bank (another bank's list) is ignored, and that answer is worked out here.
 */
export function takeLikelyNotes(result: AnalyzeResult, questions: readonly BankQuestion[], notes: readonly LikelyNote[]): void {
  if (notes.length !== result.answers.length) return;
  let cache = likelyCache.get(questions);
  if (!cache) likelyCache.set(questions, (cache = new WeakMap()));
  for (let i = 0; i < notes.length; i++) {
    const note = notes[i];
    if (note === 'linked') continue;
    const question = note ? questions[note[0]] : undefined;
    if (note && !question) continue;
    cache.set(result.answers[i], question && note ? { question, covered: note[1] } : null);
  }
}

/**
 * Finds, ahead of the report, the likely question of each unlinked answer in a file (the
 * slow part of a story, cached per answer), so a scan can do it file by file as results come
 * in and the report at its end only assembles. From answer `from` until the clock passes
 * `deadline` (ms since the epoch), so a caller can spread a large file over several turns:
 * returns the index of the first answer not done, the number of answers when all are.
 */
export function prepareStories(result: AnalyzeResult, options: StoryBankOptions, from = 0, deadline = Infinity): number {
  if (!result.isDraft) return result.answers.length;
  let next = from;
  while (next < result.answers.length) {
    const answer = result.answers[next++];
    if (!linkedQuestion(answer, options.questions)) likelyQuestion(answer, options.questions.questions);
    if (Date.now() > deadline) break;
  }
  return next;
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

// Each target's tags as compared, once per target set: a bank of 1,500 stories matched every
// story against every target's tags, normalizing each tag again (160 ms per Story Bank update).
const targetKeys = new WeakMap<TargetSet, Array<{ id: string; keys: string[] }>>();

/** The ids of the targets a story's question tags (category, competencies, values) match. */
export function matchTargets(story: Pick<Story, 'question' | 'competencies' | 'values'>, targets: TargetSet): string[] {
  if (!story.question) return [];
  let keyed = targetKeys.get(targets);
  if (!keyed) targetKeys.set(targets, (keyed = targets.items.map((item) => ({ id: item.id, keys: item.matches.map(tagKey) }))));
  const tags = new Set([story.question.category, ...story.competencies, ...story.values].map(tagKey));
  return keyed.filter((item) => item.keys.some((key) => tags.has(key))).map((item) => item.id);
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
