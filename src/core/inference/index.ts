/**
 * Inference: reads the STAR parts of an answer written as plain prose, with no labels.
 * A reader stage beside `src/core/reader/` (which finds labelled parts), in three steps:
 *   sentences (the shared sentence layer, `src/core/sentences.ts`, with positions) ->
 *   features (cue scores from `cues.json` and the metrics detector) ->
 *   decode (dynamic programming under the STAR order: each part one run, any may be absent).
 */
import { splitSentences } from '../sentences';
import { SECTION_KINDS, type SectionKind } from '../types';
import { decode, DEFAULT_PARAMS, type DecodeParams } from './decode';
import { cueScores, type CueScores } from './features';

export { DEFAULT_PARAMS, type DecodeParams } from './decode';

/** A span of the source that is one paragraph of the answer (a block, list item or line group). */
export interface Span {
  start: number;
  end: number;
}

/** One sentence of the prose, offsets into the source. */
export interface ProseSentence {
  start: number;
  end: number;
  text: string;
  /** Index of its paragraph in the spans given. */
  paragraph: number;
  scores: CueScores;
}

/** One inferred part: a run of sentences. */
export interface InferredPart {
  kind: SectionKind;
  /** Offsets of the first sentence's start and the last sentence's end. */
  start: number;
  end: number;
  /** Indices into `Inference.sentences`. */
  first: number;
  last: number;
  /** The part starts inside a paragraph, not at its start. */
  midParagraph: boolean;
}

export interface Inference {
  sentences: ProseSentence[];
  /** The part of each sentence. */
  kinds: SectionKind[];
  parts: InferredPart[];
  /**
   * True when the prose reads as a story with STAR parts: at least two sentences, told in the
   * first person, and cues for at least two parts. False for one sentence or a list of notes.
   */
  readable: boolean;
}

/** The sentences of the spans, in order, each tagged with its paragraph and cue scores. */
export function proseSentences(source: string, spans: readonly Span[]): ProseSentence[] {
  const sentences: ProseSentence[] = [];
  spans.forEach((span, paragraph) => {
    // One paragraph at a time: the splitter blanks the markup of the text it is given.
    for (const sentence of splitSentences(source.slice(span.start, span.end))) {
      sentences.push({ start: span.start + sentence.start, end: span.start + sentence.end, text: sentence.text, paragraph, scores: cueScores(sentence.text) });
    }
  });
  return sentences;
}

/** Parts (result, reflection) that need a cue of their own unless nothing says otherwise. */
const EVIDENCE_NEEDED = new Set([3, 4]);
const MIN_EVIDENCE = 0.5;

const FIRST_PERSON = /\b(?:I|me|my|myself|we|our|us)\b/i;

/** Infers the STAR parts of prose given as paragraph spans of `source`. */
export function inferParts(source: string, spans: readonly Span[], params: DecodeParams = DEFAULT_PARAMS, maxPart = 4, minPart = 0): Inference {
  const sentences = proseSentences(source, spans);
  const path = decode(sentences, params, maxPart, minPart);
  // A Result or Reflection that only its place supports, whose every sentence has no cue of
  // its own and reads as the part before (an Action's "I …ed"), is not there: so a missing
  // Result can still be told ("the last sentences read as Action").
  for (let i = 0; i < path.length; ) {
    let j = i;
    while (j + 1 < path.length && path[j + 1] === path[i]) j++;
    const state = path[i];
    const previous = i > 0 ? path[i - 1] : -1;
    const run = sentences.slice(i, j + 1);
    if (previous >= 0 && EVIDENCE_NEEDED.has(state) && run.every((s) => s.scores[state] < MIN_EVIDENCE && s.scores[previous] >= 1)) {
      for (let k = i; k <= j; k++) path[k] = path[i - 1];
    }
    i = j + 1;
  }
  const kinds = path.map((state) => SECTION_KINDS[state]);
  const parts: InferredPart[] = [];
  path.forEach((state, i) => {
    const last = parts[parts.length - 1];
    if (last && last.kind === SECTION_KINDS[state]) {
      last.last = i;
      last.end = sentences[i].end;
    } else {
      const midParagraph = i > 0 && sentences[i - 1].paragraph === sentences[i].paragraph;
      parts.push({ kind: SECTION_KINDS[state], start: sentences[i].start, end: sentences[i].end, first: i, last: i, midParagraph });
    }
  });
  return { sentences, kinds, parts, readable: isReadable(sentences) };
}

/** Enough of a story to read parts from: two or more sentences, first person, cues for two parts. */
function isReadable(sentences: readonly ProseSentence[]): boolean {
  if (sentences.length < 2) return false;
  if (!sentences.some((s) => FIRST_PERSON.test(s.text))) return false;
  // Notes are fragments: a story's sentences average several words.
  const words = sentences.reduce((sum, s) => sum + s.text.split(/\s+/).length, 0);
  if (words / sentences.length < 6) return false;
  const cued = new Set<number>();
  for (const sentence of sentences) sentence.scores.forEach((score, k) => score >= 1 && cued.add(k));
  return cued.size >= 2 && (cued.has(2) || cued.has(3));
}
