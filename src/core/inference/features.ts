/**
 * Inference, stage 1: what each sentence says about the part it belongs to. Cue scores come
 * from `cues.json` (data, not code) and from the metrics detector (numbers, from/to changes);
 * position and neighbour features are added by the decoder's emission (see decode.ts).
 */
import { findMetricDetails, type MetricKind } from '../metrics';
import { SECTION_KINDS, type SectionKind } from '../types';
import cues from './cues.json';

interface Cue {
  pattern: RegExp;
  weight: number;
}

/** What may stand before a cue that opens a sentence: blanks, quotes, brackets, emphasis, punctuation. */
const OPENING = `^[\\s"'“‘(\\[*_.,;:!?-]*`;
const sourceOf = (cue: { pattern: string; start?: boolean }): string => (cue.start ? `${OPENING}(?:${cue.pattern})` : cue.pattern);
const WORD_START = '\\b';

/** A part's cues, and one pattern that matches where any of them does. */
interface PartCues {
  any: RegExp;
  cues: Cue[];
}

/**
 * One pattern that matches where any of the cues does: the sentence-opening cues under one
 * anchor, the cues that start at a word boundary under one `\b` (`\b(?:A|\bB)` is `\bA|\bB`),
 * the rest as they are. The cues have no backreferences, so the alternation means the same.
 */
function anyOf(list: ReadonlyArray<{ pattern: string; start?: boolean }>): RegExp {
  const opening = list.filter((cue) => cue.start).map((cue) => cue.pattern);
  const atWord = list.filter((cue) => !cue.start && cue.pattern.startsWith(WORD_START)).map((cue) => cue.pattern.slice(WORD_START.length));
  const others = list.filter((cue) => !cue.start && !cue.pattern.startsWith(WORD_START)).map((cue) => cue.pattern);
  const alternatives = [...(opening.length > 0 ? [`${OPENING}(?:${opening.join('|')})`] : []), ...(atWord.length > 0 ? [`${WORD_START}(?:${atWord.join('|')})`] : []), ...others];
  return new RegExp(alternatives.map((alternative) => `(?:${alternative})`).join('|'));
}

// Patterns run on lower-cased text without the `i` and `u` flags: V8 runs a case-insensitive
// Unicode alternation of a few hundred verbs several times slower (measured on the bench bank).
// Most sentences match no cue of most parts: one test of the alternation of all of a part's
// cues (about four times as fast as testing them in turn) rules the part out before its
// cues are tested one by one.
const compile = (list: ReadonlyArray<{ pattern: string; weight: number; start?: boolean }>): PartCues => ({
  any: anyOf(list),
  cues: list.map((cue) => ({ pattern: new RegExp(sourceOf(cue)), weight: cue.weight })),
});

const CUES: Record<SectionKind, PartCues> = {
  situation: compile(cues.situation),
  task: compile(cues.task),
  action: compile(cues.action),
  result: compile(cues.result),
  reflection: compile(cues.reflection),
};
const METRIC_WEIGHTS = cues.metricWeights as Record<MetricKind, number>;
const CAP = cues.cap;

/** Scores of one sentence for each part, in `SECTION_KINDS` order, each 0..cap. */
export type CueScores = [number, number, number, number, number];

/** The cue scores of one sentence's plain text. */
export function cueScores(sentence: string): CueScores {
  const lower = sentence.toLowerCase().replace(/\u2019/g, "'");
  const scores = SECTION_KINDS.map((kind) => {
    const part = CUES[kind];
    if (!part.any.test(lower)) return 0;
    let sum = 0;
    for (const cue of part.cues) if (cue.pattern.test(lower)) sum += cue.weight;
    return sum;
  });
  // Outcomes in numbers: the strongest metric counts, a second one adds half.
  const metrics = findMetricDetails(sentence)
    .map((metric) => METRIC_WEIGHTS[metric.kind] ?? 0)
    .sort((a, b) => b - a);
  if (metrics.length > 0) scores[3] += metrics[0] + (metrics[1] ?? 0) / 2;
  return scores.map((score) => Math.min(CAP, score)) as CueScores;
}

/**
 * The naive tagger the evaluation compares against: each sentence takes the part whose cue
 * matched most strongly, with no order, position or neighbours; a sentence with no cue takes
 * the part before it (the first takes Situation).
 */
export function naiveCueTags(sentences: readonly string[]): SectionKind[] {
  let previous: SectionKind = 'situation';
  return sentences.map((sentence) => {
    const scores = cueScores(sentence);
    const best = scores.indexOf(Math.max(...scores));
    if (scores[best] > 0) previous = SECTION_KINDS[best];
    return previous;
  });
}
