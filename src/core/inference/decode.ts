/**
 * Inference, stage 2: the most likely parts for a run of sentences under the STAR order.
 * Parts appear in order (Situation, Task, Action, Result, Reflection), each as one run of
 * sentences, and any may be absent: a monotone path through five states, found by dynamic
 * programming (Viterbi) over per-sentence emissions and per-boundary transition costs.
 */
import type { CueScores } from './features';

/**
 * The decoder's weights. The defaults are the ones `npm run eval:inference` reports on: found by
 * its `--tune` search on the tuning files, except `acrossParagraph`, set by hand so that prose
 * whose paragraphs do not line up with its parts still reads (see docs/inference.md).
 */
export interface DecodeParams {
  /** Weight of a sentence's own cues. */
  cue: number;
  /** Weight of the neighbours' cues (the sentences before and after, in the same paragraph). */
  neighbour: number;
  /** Weight of the other sentences' cues in the same paragraph (their mean). */
  paragraph: number;
  /** Weight of the position prior: the squared distance to each part's usual place. */
  position: number;
  /** Usual place of each part, 0 (first sentence) to 1 (last). */
  centers: [number, number, number, number, number];
  /** Per-part bias added to every sentence. */
  bias: [number, number, number, number, number];
  /** Cost of a part starting inside a paragraph rather than at its start. */
  midParagraph: number;
  /** Cost of a part going on across a paragraph break, when the answer has several paragraphs. */
  acrossParagraph: number;
  /** Cost of each part skipped (absent) between two present ones, or before the first. */
  skip: number;
}

export const DEFAULT_PARAMS: DecodeParams = {
  cue: 1,
  neighbour: 0,
  paragraph: 0,
  position: 4.05,
  centers: [0, 0.18, 0.46, 0.98, 1],
  bias: [0.4, 0.2, 0.4, 0.6, -0.9],
  midParagraph: 0.4,
  acrossParagraph: 1,
  skip: 3.27,
};

/** One sentence as the decoder sees it. */
export interface DecodeInput {
  scores: CueScores;
  /** Index of the sentence's paragraph (sentences of a paragraph are consecutive). */
  paragraph: number;
}

const PARTS = 5;

/** Per-sentence, per-part emission scores: own cues, neighbours', the paragraph's, position. */
export function emissions(input: readonly DecodeInput[], params: DecodeParams = DEFAULT_PARAMS): number[][] {
  const n = input.length;
  const paragraphSums = new Map<number, { sum: number[]; count: number }>();
  for (const sentence of input) {
    const entry = paragraphSums.get(sentence.paragraph) ?? { sum: [0, 0, 0, 0, 0], count: 0 };
    sentence.scores.forEach((score, k) => (entry.sum[k] += score));
    entry.count++;
    paragraphSums.set(sentence.paragraph, entry);
  }
  return input.map((sentence, i) => {
    const r = n === 1 ? 0 : i / (n - 1);
    const before = i > 0 && input[i - 1].paragraph === sentence.paragraph ? input[i - 1].scores : null;
    const after = i + 1 < n && input[i + 1].paragraph === sentence.paragraph ? input[i + 1].scores : null;
    const own = paragraphSums.get(sentence.paragraph)!;
    return Array.from({ length: PARTS }, (_, k) => {
      const neighbours = ((before?.[k] ?? 0) + (after?.[k] ?? 0)) / 2;
      const others = own.count > 1 ? (own.sum[k] - sentence.scores[k]) / (own.count - 1) : 0;
      const distance = r - params.centers[k];
      return params.cue * sentence.scores[k] + params.neighbour * neighbours + params.paragraph * others - params.position * distance * distance + params.bias[k];
    });
  });
}

/**
 * The best part (0-4) for each sentence, non-decreasing: each part one run, any may be absent.
 * `maxPart` and `minPart` bound the parts (prose above a labelled Action holds at most a
 * Task; prose below a lone labelled Situation starts at the Task at the earliest).
 */
export function decode(input: readonly DecodeInput[], params: DecodeParams = DEFAULT_PARAMS, maxPart = PARTS - 1, minPart = 0): number[] {
  const n = input.length;
  if (n === 0) return [];
  const emit = emissions(input, params).map((row) => row.map((e, k) => (k > maxPart || k < minPart ? -Infinity : e)));
  const paragraphs = new Set(input.map((s) => s.paragraph)).size;
  const best: number[][] = [];
  const from: number[][] = [];
  best.push(emit[0].map((e, k) => e - params.skip * Math.max(0, k - minPart)));
  from.push([0, 0, 0, 0, 0]);
  for (let i = 1; i < n; i++) {
    const paragraphStart = input[i].paragraph !== input[i - 1].paragraph;
    const row: number[] = [];
    const back: number[] = [];
    for (let k = 0; k < PARTS; k++) {
      let top = -Infinity;
      let arg = k;
      for (let j = 0; j <= k; j++) {
        let score = best[i - 1][j];
        if (j === k) {
          if (paragraphStart && paragraphs > 1) score -= params.acrossParagraph;
        } else {
          score -= params.skip * (k - j - 1);
          if (!paragraphStart) score -= params.midParagraph;
        }
        if (score > top) {
          top = score;
          arg = j;
        }
      }
      row.push(top + emit[i][k]);
      back.push(arg);
    }
    best.push(row);
    from.push(back);
  }
  const path = new Array<number>(n);
  let state = 0;
  for (let k = 1; k < PARTS; k++) if (best[n - 1][k] > best[n - 1][state]) state = k;
  for (let i = n - 1; i >= 0; i--) {
    path[i] = state;
    state = from[i][state];
  }
  return path;
}

/** The "quarters" baseline: the sentences cut into four equal runs, Situation to Result. */
export function quarters(n: number): number[] {
  return Array.from({ length: n }, (_, i) => Math.min(3, Math.floor((i * 4) / n)));
}
