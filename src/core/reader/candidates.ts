/**
 * Stage 1 of the reader: candidates. Every place a label could stand in a line, with its
 * form (word or letter, wrapper, separator), read without deciding yet which ones count.
 */
import type { LetterCase, SectionKind } from '../types';
import type { Vocabulary } from './vocabulary';

/** A label found at the start of a line. Indices are into the scanned string. */
export interface LabelMatch {
  /** Empty for a bold label that is not a STAR label (`**Tips:**`): it ends the current section. */
  kinds: SectionKind[];
  /** Index where the label (with its emphasis) starts, after leading space and decoration. */
  start: number;
  /** Index just past the label, its separator and its closing emphasis. */
  end: number;
  /** Index where the content on the same line starts. */
  contentStart: number;
  /** The label words as written, without emphasis or separator. */
  words: string;
  wrapper: string;
  separator: string;
  separatorInside: boolean;
  letter: '' | 'plain' | 'paren' | 'bracket';
  letterCase: LetterCase;
}

// Emoji and the bullet characters that Google Docs, Word and plain-text notes put before a line
// (• ● ○ ◦ · ▪ ■ □ ◆ ❖ ‣ ⁃ ∙ – — → ⇒ ➔ ➢ ➤ ✓ ►).
const EMOJI_PREFIX =
  /^(?:[\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}\u{1F1E6}-\u{1F1FF}\uFE0E\uFE0F\u200D\u20E3]|\d\uFE0F?\u20E3|[\u2022\u25CF\u25CB\u25E6\u00B7\u25AA\u25AB\u25A0\u25A1\u25C6\u2756\u2023\u2043\u2219\u2013\u2014\u2192\u21D2\u2794\u27A2\u27A4\u2713\u25B8\u25BA])+\s*/u;
// Also an opening quote (`"**Situation**: …`, a pasted answer) and a `+` (`**+Learning:**`).
const NUMBERING_PREFIX = /^(?:["\u201C\u201E\u00AB+]\s*|\d{1,2}[.)]\s+|:[a-z0-9_+-]{1,30}:\s*|\[[ xX]\]\s+|\[![a-z]+\][+-]?\s*|<(?:details|div|aside|p)\b[^>]*>\s*)/i;
// `[[Situation]]` is a Roam / Logseq / Obsidian page link used as a label.
// `<h3>Situation</h3>` inside a `<details>` block is a heading the parser keeps as raw HTML.
const OPENERS = ['<strong>', '<b>', '<u>', '<em>', '<i>', '<mark>', '<summary>', '<h1>', '<h2>', '<h3>', '<h4>', '<h5>', '<h6>', '[[', '***', '**', '__', '*', '_'];
const OPENING_CHARS = new Set(OPENERS.map((opener) => opener[0]));
/** The closing mark of each label wrapper; quick fixes write new labels with the same pair. */
export const CLOSERS: Readonly<Record<string, string>> = {
  '<strong>': '</strong>',
  '<b>': '</b>',
  '<u>': '</u>',
  '<em>': '</em>',
  '<i>': '</i>',
  '<mark>': '</mark>',
  '<summary>': '</summary>',
  '<h1>': '</h1>',
  '<h2>': '</h2>',
  '<h3>': '</h3>',
  '<h4>': '</h4>',
  '<h5>': '</h5>',
  '<h6>': '</h6>',
  '[[': ']]',
  '***': '***',
  '**': '**',
  '__': '__',
  '*': '*',
  '_': '_',
};
// Full-width brackets too: `Situation（情景）：` glosses the label as `Situation (情景):` does.
const PARENTHETICAL = /^\s*(?:\([^()\n]{0,80}\)|（[^（）\n]{0,80}）)/;
const COLON = /^\s*[:\uff1a]\s*/;
/** A dash or an arrow after a label: `Situation — …`, `S - …`, `S → …`, `Situation -> …`. */
const DASH = /^\s*(?:[\u2014\u2013\u2192\u21d2]|->|=>|\s-|-(?=\s|$))\s*/;
/** `(S)`, `[T]`, and combined letters in capitals: `(ST)` covers Situation and Task. */
const PAREN_LETTER = /^(?:\(([A-Za-z]|[A-Z]{2,3})\)|\[([A-Za-z]|[A-Z]{2,3})\])\s*/;
const MAX_LABEL_LENGTH = 48;

/** The wrapper that opens at `i` (HTML tags in any case), or ''. */
function openerAt(line: string, i: number): string {
  for (const opener of OPENERS) {
    if (opener[0] !== line[i]) continue;
    if (opener[0] === '<' ? line.slice(i, i + opener.length).toLowerCase() === opener : line.startsWith(opener, i)) return opener;
  }
  return '';
}

function letterCaseOf(text: string): LetterCase {
  const letters = text.replace(/[^\p{L}]/gu, '');
  if (letters.length > 1 && letters === letters.toUpperCase()) return 'upper';
  if (letters === letters.toLowerCase()) return 'lower';
  return 'title';
}

function skipDecoration(line: string, index: number): number {
  // Most lines start with a plain letter: nothing to skip, and no slice to make.
  const code = line.charCodeAt(index) | 0x20;
  if (code >= 0x61 && code <= 0x7a) return index;
  let rest = line.slice(index);
  for (;;) {
    const emoji = EMOJI_PREFIX.exec(rest) ?? NUMBERING_PREFIX.exec(rest);
    if (!emoji || emoji[0].length === 0) return line.length - rest.length;
    rest = rest.slice(emoji[0].length);
  }
}

/** Reads label words up to the first separator, closing emphasis or parenthesis. */
function readSegment(line: string, index: number, wrapper: string): number {
  const closer = wrapper ? CLOSERS[wrapper] : '';
  let i = index;
  const limit = Math.min(line.length, index + MAX_LABEL_LENGTH + 1);
  for (; i < limit; i++) {
    const ch = line[i];
    // "Action(s)": a plural in parentheses belongs to the word.
    if (ch === '(' && /\p{L}/u.test(line[i - 1] ?? '') && line.slice(i, i + 3).toLowerCase() === '(s)') {
      i += 2;
      continue;
    }
    if (ch === ':' || ch === '\uff1a' || ch === '(' || ch === '\uff08' || ch === '\u2014' || ch === '\u2013' || ch === '\u2192' || ch === '\u21d2' || ch === '<') return i;
    if ((ch === '-' || ch === '=') && line[i + 1] === '>') return i;
    if (ch === '-' && (line[i - 1] === ' ' || line[i - 1] === '\t') && (i + 1 >= line.length || line[i + 1] === ' ')) return i;
    if (closer && line.startsWith(closer, i)) return i;
    if (ch === '*' || ch === '`' || ch === '[' || ch === '!' || (ch >= '0' && ch <= '9')) return -1;
  }
  return i === line.length ? i : -1;
}

/**
 * The line with the backticks of the code span opening at `at` turned into spaces, so indices
 * stay those of the line; null when the span does not close within a label's length.
 */
function withoutCodeTicks(line: string, at: number): string | null {
  const close = line.indexOf('`', at + 1);
  if (close < 0 || close - at > MAX_LABEL_LENGTH + 1) return null;
  return `${line.slice(0, at)} ${line.slice(at + 1, close)} ${line.slice(close + 1)}`;
}

/** The separator of a letter glued to a hyphen (`S-For a new service`); its form is a scheme of its own. */
export const GLUED_HYPHEN = '-';

/**
 * `S-For a new service`, `A-I pointed out…`: a STAR letter glued to a hyphen at the line's
 * start, as quick notes write. Like a bracketed letter inside a line it is only a candidate:
 * it counts where the document marks three or more parts this way, never a lone `T-shirt`.
 */
function gluedLetter(line: string, i: number, start: number, vocabulary: Vocabulary): LabelMatch | null {
  if (line[i + 1] !== '-' || i + 2 >= line.length || line[i + 2] === '-') return null;
  const kind = /\p{L}/u.test(line[i] ?? '') ? vocabulary.kindOfLetter(line[i]) : null;
  if (!kind) return null;
  let contentStart = i + 2;
  while (contentStart < line.length && (line[contentStart] === ' ' || line[contentStart] === '\t')) contentStart++;
  return {
    kinds: [kind],
    start,
    end: i + 2,
    contentStart,
    words: line[i],
    wrapper: '',
    separator: GLUED_HYPHEN,
    separatorInside: false,
    letter: 'plain',
    letterCase: 'title',
  };
}

/** The separator at `i` (a colon, a dash or an arrow) and its length with the blanks around it. */
function separatorAt(line: string, i: number): { separator: string; length: number } | null {
  const rest = line.slice(i);
  const colon = COLON.exec(rest);
  const found = colon ?? DASH.exec(rest);
  if (!found) return null;
  return { separator: colon ? rest.trimStart()[0] : ` ${found[0].trim()}`, length: found[0].length };
}

/**
 * Recognizes a section label at the start of `line`: bold, emphasis, HTML or plain,
 * single letters, decorations and separators. Returns null when the line does not
 * start with a label. `standalone` says the text is a whole heading or table cell.
 */
export function scanLabel(line: string, vocabulary: Vocabulary, from = 0, standalone = false): LabelMatch | null {
  let i = from;
  while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
  if (i >= line.length) return null;
  i = skipDecoration(line, i);
  const start = i;

  const glued = gluedLetter(line, i, start, vocabulary);
  if (glued) return glued;

  let wrapper = OPENING_CHARS.has(line[i]) ? openerAt(line, i) : '';
  i = skipDecoration(line, i + wrapper.length);
  // `**`Situación`:**`: label words set as code inside the emphasis read as the words alone.
  const codeSpan = wrapper !== '' && line[i] === '`';
  if (codeSpan) {
    const unticked = withoutCodeTicks(line, i);
    if (!unticked) return null;
    line = unticked;
    i++;
  }

  let kinds: SectionKind[] | null = null;
  let letter: LabelMatch['letter'] = '';
  let labelWords = '';
  const paren = line[i] === '(' || line[i] === '[' ? PAREN_LETTER.exec(line.slice(i)) : null;
  if (paren) {
    const parenLetter = paren[1] ?? paren[2];
    const letterKinds = [...parenLetter].map((ch) => vocabulary.kindOfLetter(ch));
    if (letterKinds.some((kind) => !kind) || new Set(letterKinds).size !== letterKinds.length) return null;
    kinds = letterKinds as SectionKind[];
    const kind = kinds[0];
    letter = paren[1] ? 'paren' : 'bracket';
    labelWords = parenLetter;
    i += paren[0].length;
    // `(S) Situation:` also names the section in full; `(S)ituation` spells it out.
    const after = readSegment(line, i, wrapper);
    const joined = paren[0].length === 3 && /\p{L}/u.test(line[i] ?? '') && after > i ? parenLetter + line.slice(i, after) : '';
    if (joined && vocabulary.kindsOf(joined)?.[0] === kind) {
      i = after;
      letter = '';
      labelWords = joined.trim();
    } else if (after > i && vocabulary.kindsOf(line.slice(i, after))?.[0] === kind) i = after;
  } else {
    const end = readSegment(line, i, wrapper);
    if (end <= i) return null;
    labelWords = line.slice(i, end).trim();
    if (!labelWords) return null;
    i = end;
    if (labelWords.length === 1) {
      const kind = vocabulary.kindOfLetter(labelWords);
      if (kind) {
        kinds = [kind];
        letter = 'plain';
        // `S — Situation`: a letter, a dash, then the same section's word.
        const dash = DASH.exec(line.slice(i)) ?? COLON.exec(line.slice(i));
        if (dash) {
          const wordStart = i + dash[0].length;
          const wordEnd = readSegment(line, wordStart, wrapper);
          if (wordEnd > wordStart && vocabulary.kindsOf(line.slice(wordStart, wordEnd))?.[0] === kind) {
            i = wordEnd;
            letter = '';
            labelWords = line.slice(wordStart, wordEnd).trim();
          }
        }
      }
    } else {
      kinds = vocabulary.kindsOf(labelWords);
    }
  }

  // `**S**ituation:`: an emphasized first letter followed by the rest of the word.
  if (letter === 'plain' && wrapper && line.toLowerCase().startsWith(CLOSERS[wrapper], i) && /\p{L}/u.test(line[i + CLOSERS[wrapper].length] ?? '')) {
    const restStart = i + CLOSERS[wrapper].length;
    const restEnd = readSegment(line, restStart, '');
    const joined = restEnd > restStart ? labelWords + line.slice(restStart, restEnd) : '';
    const joinedKinds = joined ? vocabulary.kindsOf(joined) : null;
    if (joinedKinds) {
      kinds = joinedKinds;
      labelWords = joined.trim();
      letter = '';
      wrapper = '';
      i = restEnd;
    }
  }

  const parenthetical = PARENTHETICAL.exec(line.slice(i));
  if (parenthetical) {
    i += parenthetical[0].length;
    // "Situación (Situation):" glosses a label in another language with the English word.
    const gloss = kinds || letter ? null : parenthetical[0].trim().slice(1, -1);
    const glossKinds = gloss ? vocabulary.kindsOf(gloss) : null;
    if (glossKinds) {
      kinds = glossKinds;
      labelWords = `${labelWords} (${gloss})`;
    }
  }

  let separator = '';
  let separatorInside = false;
  const first = separatorAt(line, i);
  if (first) {
    separator = first.separator;
    i += first.length;
  }
  if (wrapper) {
    const closer = CLOSERS[wrapper];
    let closeAt = i;
    while (line[closeAt] === ' ') closeAt++;
    if (line.slice(closeAt, closeAt + closer.length).toLowerCase() === closer) {
      // `**Situation:**` keeps its separator inside the emphasis.
      separatorInside = separator !== '';
      i = closeAt + closer.length;
      const after = separatorInside ? null : separatorAt(line, i);
      if (after) {
        separator = after.separator;
        i += after.length;
      }
    } else if (separator && kinds && line.toLowerCase().includes(closer, i)) {
      // `**Situation: joining a failing team**`: the emphasis runs on past the label.
      separatorInside = true;
    } else {
      return null;
    }
  }
  const end = i;
  while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
  const atEnd = i >= line.length;

  if (kinds) {
    // A plain word needs a separator or a line of its own; a single letter needs a separator,
    // unless it is a whole heading or cell (`#### S`) or emphasized alone (`**S**`).
    if (letter === 'plain' && !separator && !((standalone || wrapper) && atEnd)) return null;
    if (!wrapper && !separator && !atEnd && letter !== 'paren' && letter !== 'bracket') return null;
  } else {
    // Not a STAR label: only an emphasized label with a colon (or alone) ends a section; code
    // (`**`npm ci`:**`) is a command named, not a label.
    if (codeSpan || !wrapper || (!separator && !atEnd) || labelWords.split(/\s+/).length > 5) return null;
    kinds = [];
  }
  return {
    kinds,
    start,
    end,
    contentStart: i,
    words: labelWords,
    wrapper,
    separator,
    separatorInside,
    letter,
    // A single letter says nothing about case: a fix in a `#### S` draft writes `#### Reflection`.
    letterCase: letter ? 'title' : letterCaseOf(labelWords),
  };
}

/** A label separator somewhere in a line: a colon, a spaced dash or an arrow. */
const SEPARATOR_AHEAD = /[:：—–→⇒]|\s-\s|->|=>/;
/** Where a sentence ends inside a line, and the next one starts. */
const SENTENCE_END = /[.;!?)]\s+(?=\S)/g;

/** `(S)` and `[S]` need no separator: the brackets set them apart. */
const bracketed = (match: LabelMatch): boolean => match.letter === 'paren' || match.letter === 'bracket';

/**
 * Labels after the first on one line, each at a sentence start: `S: outage at 2am. T:
 * restore. A: rolled back.` Only labels that look like the first (letters after a letter,
 * words after a word, the same emphasis), each with a separator, so prose that mentions
 * "…the result: …" mid-line is left alone.
 */
export function followingLabels(line: string, vocabulary: Vocabulary, first: LabelMatch): LabelMatch[] {
  if (!first.separator && !bracketed(first)) return [];
  // Most label lines are prose after one label: a second label would repeat the first one's
  // emphasis, or at least need a separator of its own.
  const noneAhead = bracketed(first)
    ? line.indexOf(first.letter === 'paren' ? '(' : '[', first.contentStart) < 0
    : first.wrapper
      ? line.indexOf(first.wrapper, first.contentStart) < 0
      : !SEPARATOR_AHEAD.test(line.slice(first.contentStart));
  if (noneAhead) return [];
  const found: LabelMatch[] = [];
  SENTENCE_END.lastIndex = first.contentStart;
  for (let end = SENTENCE_END.exec(line); end; end = SENTENCE_END.exec(line)) {
    const at = end.index + end[0].length;
    if (first.wrapper && !line.startsWith(first.wrapper, at)) continue;
    const next = scanLabel(line, vocabulary, at);
    if (!next || next.kinds.length === 0 || (!next.separator && !bracketed(next))) continue;
    if ((next.letter === '') !== (first.letter === '') || next.wrapper !== first.wrapper) continue;
    found.push(next);
    SENTENCE_END.lastIndex = next.contentStart;
  }
  return found;
}

/** Where a bracketed capital letter could stand inside a line: after a space or punctuation. */
const LETTER_IN_LINE = /(?<=^|[\s.;:!?,"“”'’)\]*_-])[(\[][A-Z]{1,3}[)\]]/g;

/**
 * Bracketed letters inside a line, wherever they stand (`…the review. (T)Before pushing…`,
 * a wrapped line that ends with `(R) Now I…`). Candidates only: the schemes stage keeps them
 * when the document writes its parts this way.
 */
export function letterLabelsInLine(line: string, vocabulary: Vocabulary, from: number): LabelMatch[] {
  if (line.indexOf('(', from) < 0 && line.indexOf('[', from) < 0) return [];
  const found: LabelMatch[] = [];
  LETTER_IN_LINE.lastIndex = from;
  for (let hit = LETTER_IN_LINE.exec(line); hit; hit = LETTER_IN_LINE.exec(line)) {
    const match = scanLabel(line, vocabulary, hit.index);
    if (match && match.kinds.length > 0 && (match.letter === 'paren' || match.letter === 'bracket')) {
      found.push(match);
      LETTER_IN_LINE.lastIndex = Math.max(match.contentStart, hit.index + 1);
    }
  }
  return found;
}

/**
 * Plain word labels with a colon that open a sentence inside a line: `… before customers
 * notice. Lesson: statistics go stale…`. Candidates only: segmentation keeps one where it
 * names a part that comes later than the section it stands in.
 */
export function wordLabelsInLine(line: string, vocabulary: Vocabulary, from: number): LabelMatch[] {
  if (line.indexOf(':', from) < 0 && line.indexOf('\uff1a', from) < 0) return [];
  const found: LabelMatch[] = [];
  SENTENCE_END.lastIndex = from;
  for (let end = SENTENCE_END.exec(line); end; end = SENTENCE_END.exec(line)) {
    const at = end.index + end[0].length;
    const match = scanLabel(line, vocabulary, at);
    if (match && match.kinds.length > 0 && match.letter === '' && match.wrapper === '' && (match.separator === ':' || match.separator === '\uff1a')) {
      found.push(match);
      SENTENCE_END.lastIndex = match.contentStart;
    }
  }
  return found;
}
