/**
 * One tree of sentences and words per answer, with offsets into the document, shared by
 * every rule that reads words (ownership, hypotheticals, hedging, risk arithmetic, vague
 * results) and by the score. Built from the raw markdown of each section, with markup
 * blanked out character for character, so every offset still points at the writer's text.
 *
 * Why not `retext-english`: measured on 5,000 words, parse-english took 17 ms (0.7x the
 * whole remark parse, where analyze() has 0.5x of headroom in all) and adds 32 KB minified;
 * these rules only need sentence and word boundaries, which the code below finds in ~1 ms.
 */
import type { Answer, SectionKind } from './types';

/** A word: offsets are relative to the answer's start (see `AnswerText.base`). */
export interface Word {
  start: number;
  end: number;
  /** Lower case, curly apostrophes made straight. */
  lower: string;
}

export interface Sentence {
  start: number;
  end: number;
  /** The sentence as plain text, markup blanked and whitespace collapsed, for messages. */
  text: string;
  words: Word[];
}

export interface SectionText {
  /** Index of the section in `answer.sections`. */
  index: number;
  kinds: SectionKind[];
  sentences: Sentence[];
}

/** An answer's sections as sentences and words. Offsets are relative: add `base` for the document's. */
export interface AnswerText {
  base: number;
  sections: SectionText[];
}

// Spans blanked before sentences are cut: fenced code, inline code, comments, tags, link
// targets, autolinks and bare URLs.
const BLANKED = /^ {0,3}(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:^ {0,3}\1[^\n]*$|(?![\s\S]))|`[^`\n]+`|<!--[\s\S]*?-->|<\/?[A-Za-z][^>\n]*>|\]\([^)\n]*\)|\bhttps?:\/\/\S+/gm;
// Markup characters that are not words: emphasis, quotes, table pipes, escapes, brackets, heading marks.
const MARKUP_CHARS = /[*_~>|\\[\]#]/g;
const WORD = /[\p{L}\p{N}]+(?:['\u2019.,\-][\p{L}\p{N}]+)*/gu;
/** Abbreviations whose period does not end a sentence. */
const ABBREVIATIONS = new Set(['e.g', 'i.e', 'etc', 'vs', 'mr', 'mrs', 'ms', 'dr', 'approx', 'no', 'inc', 'ltd', 'jr', 'sr', 'st', 'fig', 'cf']);
/** A line that starts a block of its own: a list item, a table row, a heading. */
const BLOCK_START = /^[ \t>]*(?:[-*+]|\d{1,9}[.)])[ \t]+|^[ \t>]*\||^[ \t>]*#{1,6}[ \t]/;

function blank(source: string): string {
  const spaces = (match: string): string => match.replace(/[^\n]/g, ' ');
  return source.replace(BLANKED, spaces).replace(MARKUP_CHARS, ' ');
}

/** `\s` as JavaScript regexes read it, by character code (the gap scan below runs per word). */
function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

const NEWLINE = 10;
const CR = 13;
const TAB = 9;
const SPACE = 32;
const QUOTE_MARK = 62; // '>', a block quote's marker (already blanked, kept for safety)

/** Whitespace runs as one space, trimmed; most sentences need no change, and a scan is cheaper than a replace. */
function collapsed(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isSpace(code) && (code !== SPACE || i === 0 || i === text.length - 1 || isSpace(text.charCodeAt(i + 1)))) return text.replace(/\s+/g, ' ').trim();
  }
  return text;
}

/** Sentences of one section's content, `from`..`to` in the answer's source. */
function sentencesOf(masked: string, from: number, to: number): Sentence[] {
  const sentences: Sentence[] = [];
  let words: Word[] = [];
  const close = (): void => {
    if (words.length === 0) return;
    const start = words[0].start;
    const end = words[words.length - 1].end;
    // Keep the closing punctuation in the sentence's range.
    let stop = end;
    while (stop < to && /[.!?)"'\u201d\u2019%]/.test(masked[stop])) stop++;
    sentences.push({ start, end: stop, text: collapsed(masked.slice(start, stop)), words });
    words = [];
  };
  WORD.lastIndex = from;
  let last = from;
  for (let match = WORD.exec(masked); match && match.index < to; match = WORD.exec(masked)) {
    const start = match.index;
    const end = Math.min(start + match[0].length, to);
    // A boundary: sentence punctuation, a blank line, a new list item, row or heading, or a
    // line ending in ; or :. One pass over the gap's characters, with no slice per word.
    if (words.length > 0 && start > last) {
      let stops = false;
      let newline = false;
      let blankLine = false;
      let colonBreak = false;
      let lineEmpty = false; // only [ \t>] since the last newline
      let afterColon = false; // only whitespace since a ; or :
      for (let i = last; i < start; i++) {
        const code = masked.charCodeAt(i);
        // A CR ends a line too: alone, or (before its LF) as nothing of its own.
        if (code === CR && masked.charCodeAt(i + 1) === NEWLINE) continue;
        if (code === NEWLINE || code === CR) {
          if (lineEmpty && newline) blankLine = true;
          if (afterColon) colonBreak = true;
          newline = true;
          lineEmpty = true;
          continue;
        }
        if (code !== SPACE && code !== TAB && code !== QUOTE_MARK) lineEmpty = false;
        if (code === 46 || code === 33 || code === 63) stops = true; // . ! ?
        if (code === 59 || code === 58) afterColon = true; // ; :
        else if (!isSpace(code)) afterColon = false;
      }
      if (stops && masked.slice(last, start).trimStart().startsWith('.') && ABBREVIATIONS.has(words[words.length - 1].lower)) stops = false;
      const newBlock = blankLine || (newline && BLOCK_START.test(masked.slice(Math.max(masked.lastIndexOf('\n', start - 1), masked.lastIndexOf('\r', start - 1)) + 1, start + 1)));
      if (stops || newBlock || colonBreak) close();
    }
    const raw = end - start === match[0].length ? match[0] : match[0].slice(0, end - start);
    const lower = raw.toLowerCase();
    words.push({ start, end, lower: lower.includes('\u2019') ? lower.replace(/\u2019/g, "'") : lower });
    last = end;
  }
  close();
  return sentences;
}

// Trees by answer source and section bounds: rules and the score share one per answer, and
// an unchanged answer keeps its tree across analyses (the editor re-analyzes on every pause).
// The cache holds up to CACHE_CHARS characters of answer text, not a count of answers: with
// a count (it was 256), a bank of more answers than that evicted every tree before its next
// use, and each analysis of a 50k-word bank built all of them again. The incremental engine
// re-analyzes only edited blocks, and a result keeps its own trees (byAnswer), so entries
// here are mostly old versions of edited answers: at 1,000,000 characters they grew the heap
// by about 7 MB over 1,000 edits of the 200k-word bank; at 200,000, by none after the first
// 250 (and a whole re-analysis of a document up to about 30k words still finds its trees).
const cache = new Map<string, SectionText[]>();
const CACHE_CHARS = 200_000;
let cachedChars = 0;
// The last document's trees by answer bounds: only for that exact text, cleared when it changes.
let lastText: string | undefined;
const byPosition = new Map<string, SectionText[]>();
// Within one analysis the same Answer object and text come back once per rule: a pointer check.
const byAnswer = new WeakMap<Answer, { text: string; base: number; end: number; sections: SectionText[] }>();

/**
 * The sentences and words of an answer's sections, built once per answer text and shared.
 * `text` is the analyzed document the answer's ranges point into.
 */
export function answerText(text: string, answer: Answer): AnswerText {
  const base = answer.range.start.offset;
  const seen = byAnswer.get(answer);
  if (seen && seen.text === text && seen.base === base && seen.end === answer.range.end.offset) return { base, sections: seen.sections };
  // The kinds are in the key too: the same text under another framework or synonyms reads its labels differently.
  const bounds = answer.sections.map((s) => `${s.labelRange.end.offset - base},${s.range.end.offset - base},${s.empty ? 1 : 0},${s.kinds.join('+')}`).join(' ');
  // The same document analyzed again (a re-analysis with no edit) finds its trees by position,
  // without slicing and hashing every answer's text for the content key below.
  if (text !== lastText) {
    lastText = text;
    byPosition.clear();
  }
  const positionKey = `${base},${answer.range.end.offset}\u0000${bounds}`;
  let sections = byPosition.get(positionKey);
  if (sections) {
    byAnswer.set(answer, { text, base, end: answer.range.end.offset, sections });
    return { base, sections };
  }
  const source = text.slice(base, Math.max(base, answer.range.end.offset));
  const key = `${bounds}\u0000${source}`;
  sections = cache.get(key);
  if (sections) {
    // Most recently used last.
    cache.delete(key);
    cache.set(key, sections);
    byPosition.set(positionKey, sections);
    byAnswer.set(answer, { text, base, end: answer.range.end.offset, sections });
    return { base, sections };
  }
  const masked = blank(source);
  sections = answer.sections.map((section, index) => {
    const from = Math.max(0, section.labelRange.end.offset - base);
    const to = Math.min(source.length, section.range.end.offset - base);
    return { index, kinds: section.kinds, sentences: section.empty || to <= from ? [] : sentencesOf(masked, from, to) };
  });
  cache.set(key, sections);
  cachedChars += key.length;
  while (cachedChars > CACHE_CHARS && cache.size > 1) {
    const oldest = cache.keys().next().value!;
    cache.delete(oldest);
    cachedChars -= oldest.length;
  }
  byPosition.set(positionKey, sections);
  byAnswer.set(answer, { text, base, end: answer.range.end.offset, sections });
  return { base, sections };
}

/**
 * The sentences of `source` between `from` and `to`, markup blanked, offsets into `source`:
 * the same cuts the rules see, for readers of text that has no sections yet (inference).
 */
export function splitSentences(source: string, from = 0, to = source.length): Sentence[] {
  return sentencesOf(blank(source), from, to);
}

/** The sections of an answer that cover a kind, with their sentences. */
export function sectionsOf(tree: AnswerText, kind: SectionKind): SectionText[] {
  return tree.sections.filter((section) => section.kinds.includes(kind));
}

/** Every sentence of the sections that cover a kind. */
export function sentencesOfKind(tree: AnswerText, kind: SectionKind): Sentence[] {
  return sectionsOf(tree, kind).flatMap((section) => section.sentences);
}

/** Splits a phrase into the lower-case words `Word.lower` holds. */
export function phraseWords(phrase: string): string[] {
  return (phrase.toLowerCase().replace(/\u2019/g, "'").match(WORD) ?? []);
}

/** The first place the phrase's words follow each other in these sentences, as relative offsets. */
export function findPhrase(sentences: readonly Sentence[], phrase: string): { start: number; end: number; sentence: Sentence } | null {
  const wanted = phraseWords(phrase);
  if (wanted.length === 0) return null;
  for (const sentence of sentences) {
    const { words } = sentence;
    for (let i = 0; i + wanted.length <= words.length; i++) {
      if (wanted.every((w, k) => words[i + k].lower === w)) return { start: words[i].start, end: words[i + wanted.length - 1].end, sentence };
    }
  }
  return null;
}

// Results of the detectors over a tree (relative offsets only), so rules and the score share them.
const memos = new WeakMap<readonly SectionText[], Map<string, unknown>>();

/** Computes `compute(tree)` once per tree and name: rules and the score read the same evidence. */
export function memo<T>(tree: AnswerText, name: string, compute: (tree: AnswerText) => T): T {
  let table = memos.get(tree.sections);
  if (!table) memos.set(tree.sections, (table = new Map()));
  if (!table.has(name)) table.set(name, compute(tree));
  return table.get(name) as T;
}
