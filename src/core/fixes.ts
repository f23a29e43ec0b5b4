import { CLOSERS } from './reader/candidates';
import type { LineIndex } from './markdown';
import { SECTION_KINDS, SECTION_TITLES, type Answer, type LabelStyle, type LetterCase, type Section, type SectionKind, type TextEdit } from './types';
import labelData from './section-labels.json';
import { placeholderToken, SECTION_PLACEHOLDERS } from './placeholders';

export { SECTION_PLACEHOLDERS } from './placeholders';

function applyCase(word: string, letterCase: LetterCase): string {
  if (letterCase === 'upper') return word.toUpperCase();
  if (letterCase === 'lower') return word.toLowerCase();
  return word;
}

/** The label word for a section in a given style: `Result`, `RESULT`, `R`, `(R)`. */
function labelWord(kind: SectionKind, style: LabelStyle): string {
  // The Reflection has no STAR letter of its own. Where a word would not read back as a
  // label (`(S) …` has no colon; `S: … T: …` share a line), STAR-L's `L` stands in for it.
  const entry: { letter: string | null; aliasLetters?: string[] } = labelData.sections[kind];
  const needsLetter = style.kind === 'inline' && (style.letter === 'paren' || style.letter === 'bracket' || style.sameLine === true);
  const letter = entry.letter ?? (needsLetter ? entry.aliasLetters?.[0] : null) ?? null;
  if (style.kind === 'inline' && style.letter && letter) return style.letter === 'paren' ? `(${letter})` : style.letter === 'bracket' ? `[${letter}]` : letter;
  const letterCase = style.kind === 'table' ? 'title' : style.kind === 'inline' && style.letter ? 'title' : style.letterCase;
  return applyCase(SECTION_TITLES[kind], letterCase);
}

/** Container markers only (`> `), without list bullets, for blank and continuation lines. */
function quotePart(prefix: string): string {
  return /^[\s>]*>/.exec(prefix)?.[0] ?? '';
}

/** Next ordered-list number, so an inserted item after `2.` becomes `3.`. */
function nextPrefix(prefix: string, after: boolean): string {
  if (!after) return prefix;
  return prefix.replace(/(\d+)([.)]\s*)$/, (_, n: string, rest: string) => `${Number(n) + 1}${rest}`);
}

interface Rendered {
  text: string;
  placeholders: Array<{ start: number; end: number }>;
}

/** Renders one section (label and placeholder) in the given style, without surrounding line breaks. */
function renderSection(kind: SectionKind, style: LabelStyle, eol: string, after: boolean): Rendered {
  const word = labelWord(kind, style);
  const placeholder = SECTION_PLACEHOLDERS[kind];
  const build = (before: string, afterText = ''): Rendered => ({
    text: before + placeholder + afterText,
    placeholders: [{ start: before.length, end: before.length + placeholder.length }],
  });
  switch (style.kind) {
    case 'heading': {
      const label = style.setext ? `${word}${eol}${(style.depth === 1 ? '=' : '-').repeat(Math.max(3, word.length))}` : `${'#'.repeat(style.depth)} ${word}`;
      return build(`${label}${eol}${eol}`);
    }
    case 'table':
      return build(`| ${word} | `, ` |${' |'.repeat(Math.max(0, style.columns - 2))}`);
    case 'inline': {
      const close = CLOSERS[style.wrapper] ?? style.wrapper;
      // `(S) text` and `[S] text` need no colon; other labels without one are on their own line.
      const bracketed = style.letter === 'paren' || style.letter === 'bracket';
      const separator = style.separator || (style.ownLine || bracketed ? '' : ':');
      const label = style.separatorInside
        ? `${style.wrapper}${word}${separator}${close}`
        : `${style.wrapper}${word}${close}${separator}`;
      // Labels that share a line (`S: … T: …`) get no bullet or indentation of their own.
      const prefix = style.sameLine ? '' : nextPrefix(style.prefix, after);
      if (style.ownLine) return build(`${prefix}${label}${eol}${quotePart(style.prefix)}${eol}${quotePart(style.prefix)}`);
      return build(`${prefix}${label} `);
    }
  }
}

/** Line break(s) between two blocks in a style: a blank line unless the answer is tight. */
function blockBreak(style: LabelStyle, eol: string): string {
  if (style.kind === 'inline' && style.sameLine) return ' ';
  if (style.kind === 'table' || (style.kind === 'inline' && !style.blankLine)) return eol;
  const quote = style.kind === 'inline' ? quotePart(style.prefix) : '';
  return `${eol}${quote}${eol}`;
}

/** The present section latest in canonical order among those before `kind`; a new `kind` goes after it. */
function precedingSection(answer: Answer, kind: SectionKind): Section | null {
  const order = SECTION_KINDS.indexOf(kind);
  let anchor: Section | null = null;
  let best = -1;
  for (const section of answer.sections) {
    const rank = Math.max(...section.kinds.map((k) => SECTION_KINDS.indexOf(k)));
    if (rank < order && rank >= best) {
      best = rank;
      anchor = section;
    }
  }
  return anchor;
}

/**
 * Where a missing section belongs and how it will look: after `after` (or before the
 * answer's first section when null), in the label style of that neighbour.
 */
export function placementFor(answer: Answer, kind: SectionKind): { after: Section | null; style: LabelStyle } {
  const after = precedingSection(answer, kind);
  return { after, style: (after ?? answer.sections[0]).style };
}

/**
 * Edits that insert the given missing sections into an answer, each in canonical order
 * after the closest section that precedes it, in the style of that neighbour. Sections
 * that share a place come in one edit. Insertions only: existing text is never touched.
 */
export function insertSectionsEdits(lines: LineIndex, eol: string, answer: Answer, kinds: SectionKind[]): TextEdit[] {
  if (answer.sections.length === 0) return [];
  const wanted = SECTION_KINDS.filter((kind) => kinds.includes(kind));
  const groups = new Map<Section | null, SectionKind[]>();
  for (const kind of wanted) {
    const anchor = precedingSection(answer, kind);
    groups.set(anchor, [...(groups.get(anchor) ?? []), kind]);
  }

  const edits: TextEdit[] = [];
  for (const [anchor, group] of groups) {
    const neighbour = anchor ?? answer.sections[0];
    const style = neighbour.style;
    let insertText = '';
    const placeholders: TextEdit['placeholders'] = [];
    const add = (rendered: Rendered): void => {
      for (const p of rendered.placeholders) placeholders.push({ start: insertText.length + p.start, end: insertText.length + p.end });
      insertText += rendered.text;
    };
    if (anchor) {
      for (const kind of group) {
        insertText += blockBreak(style, eol);
        add(renderSection(kind, style, eol, true));
      }
      edits.push({ offset: anchor.range.end.offset, length: 0, text: insertText, placeholders });
    } else {
      for (const kind of group) {
        add(renderSection(kind, style, eol, false));
        insertText += blockBreak(style, eol);
      }
      const sameLine = style.kind === 'inline' && style.sameLine === true;
      const offset = sameLine ? neighbour.labelRange.start.offset : lines.lineStart(neighbour.labelRange.start.line);
      edits.push({ offset, length: 0, text: insertText, placeholders });
    }
  }
  return edits.sort((a, b) => a.offset - b.offset);
}

const METRICS_TEMPLATE = ['From ', 'X', ' to ', 'Y', ' in ', 'Z', '.'];

/** A line that ends a block a sentence cannot follow on the same line: a fence, a table row, raw HTML. */
const CLOSED_BLOCK_LINE = /^[\s>]*(?:`{3,}|~{3,}|\||<)/;

/**
 * Appends a "from X to Y in Z" sentence to a Result, with X, Y and Z as placeholders: on
 * the same line after prose, as a paragraph of its own after a code block, table or HTML.
 */
export function metricsTemplateEdit(text: string, lines: LineIndex, eol: string, section: Section): TextEdit {
  const offset = section.range.end.offset;
  const lastLine = text.slice(lines.lineStart(section.range.end.line), offset);
  const lead = CLOSED_BLOCK_LINE.test(lastLine) ? `${eol}${quotePart(lastLine)}${eol}${quotePart(lastLine)}` : /\s$/.test(text.slice(offset - 1, offset)) ? '' : ' ';
  let insert = lead;
  const placeholders: TextEdit['placeholders'] = [];
  METRICS_TEMPLATE.forEach((part, index) => {
    if (index % 2 === 1) placeholders.push({ start: insert.length, end: insert.length + part.length });
    insert += part;
  });
  return { offset, length: 0, text: insert, placeholders };
}

/**
 * Puts a prompt under (or after) an empty label. A writer's own placeholder (`TODO`) is
 * replaced by the prompt, token only: the rest of their note stays. A section that already
 * holds our prompt gets no edit.
 */
export function emptySectionEdit(text: string, lines: LineIndex, eol: string, section: Section): TextEdit | null {
  const placeholder = SECTION_PLACEHOLDERS[section.kind];
  const style = section.style;
  if (style.kind === 'table') return null;
  if (section.text) {
    const token = placeholderToken(section.text);
    const at = token ? text.indexOf(token, section.labelRange.end.offset) : -1;
    if (!token || at < 0 || at + token.length > section.range.end.offset) return null;
    return { offset: at, length: token.length, text: placeholder, placeholders: [{ start: 0, end: placeholder.length }] };
  }
  const labelLineEnd = lines.lineEnd(section.labelRange.end.line);
  if (style.kind === 'heading' || style.ownLine) {
    const quote = style.kind === 'inline' ? quotePart(style.prefix) : '';
    const before = `${eol}${quote}${eol}${quote}`;
    return { offset: labelLineEnd, length: 0, text: before + placeholder, placeholders: [{ start: before.length, end: before.length + placeholder.length }] };
  }
  const before = text[labelLineEnd - 1] === ' ' ? '' : ' ';
  return { offset: labelLineEnd, length: 0, text: before + placeholder, placeholders: [{ start: before.length, end: before.length + placeholder.length }] };
}
