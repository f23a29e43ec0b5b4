import { CLOSERS } from './reader/candidates';
import { QUESTION_PREFIX } from './reader/titles';
import type { Root } from 'mdast';
import { nodesParsedAlike, parseMarkdown, type LineIndex } from './markdown';
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

/** Columns of leading whitespace, with tabs to the next multiple of 4, as CommonMark counts them. */
function indentColumns(whitespace: string): number {
  let columns = 0;
  for (const ch of whitespace) columns = ch === '\t' ? columns + 4 - (columns % 4) : columns + 1;
  return columns;
}

/**
 * The prefix a block in a label's style starts with. A label on a continuation line of a
 * paragraph may be indented further than a block there can be (`e` then a tab and `*S*`):
 * a new block with that indentation would be code, so it takes the indentation of the
 * paragraph's first line instead (a list bullet as spaces).
 */
function blockPrefix(text: string, lines: LineIndex, section: Section): string {
  const style = section.style;
  if (style.kind !== 'inline') return '';
  const quote = quotePart(style.prefix);
  // Leading whitespace, then any decoration the writer puts before labels (`💡`), which the
  // new block keeps; a list bullet there is a block of its own and keeps its place.
  const indent = /^[ \t]*/.exec(style.prefix.slice(quote.length))![0];
  const decoration = style.prefix.slice(quote.length + indent.length);
  if (/^(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/.test(decoration) || indentColumns(indent) < 4) return style.prefix;
  // The paragraph starts after the last blank line above the label (a paragraph has none inside).
  const labelLine = section.labelRange.start.line;
  let first = labelLine;
  while (first > 1 && /[^\s>]/.test(text.slice(lines.lineStart(first - 1), lines.lineEnd(first - 1)))) first--;
  const windowStart = lines.lineStart(first);
  const root = parseMarkdown(text.slice(windowStart, lines.lineEnd(labelLine))) as unknown as BlockNode;
  const at = section.labelRange.start.offset - windowStart;
  let paragraph: BlockNode | null = null;
  const visit = (node: BlockNode): void => {
    for (const child of node.children ?? []) {
      if ((child.position?.start.offset ?? 0) > at || (child.position?.end.offset ?? 0) < at) continue;
      // A raw HTML block's lines are read for labels too, and a block after it ends has the same bound.
      if (child.type === 'paragraph' || child.type === 'html') paragraph = child;
      else visit(child);
    }
  };
  visit(root);
  const start = (paragraph as BlockNode | null)?.position?.start.offset;
  if (start === undefined || windowStart + start >= lines.lineStart(labelLine)) return style.prefix;
  const firstLine = lines.pointAt(windowStart + start).line;
  const firstPrefix = text.slice(lines.lineStart(firstLine), windowStart + start);
  // Where the paragraph's container puts its content: after a list bullet's spaces, or after a
  // quote marker and its one space; a paragraph's own 1-3 spaces of indentation are not part of it.
  const quoted = quotePart(firstPrefix);
  const rest = firstPrefix.slice(quoted.length);
  const content = /^[ \t]*$/.test(rest) ? quoted + (quoted && /^[ \t]/.test(rest) ? ' ' : '') : continuationOf(firstPrefix);
  return indentColumns(indent) >= indentColumns(content.slice(quotePart(content).length)) + 4 ? content + decoration : style.prefix;
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
function renderSection(kind: SectionKind, style: LabelStyle, eol: string, after: boolean, tight = false): Rendered {
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
      // A `<summary>` is the heading of a `<details>` block: text after it on its line reads as part of the title.
      const ownLine = style.ownLine || style.wrapper.toLowerCase() === '<summary>';
      const separator = style.separator || (ownLine || bracketed ? '' : ':');
      const label = style.separatorInside
        ? `${style.wrapper}${word}${separator}${close}`
        : `${style.wrapper}${word}${close}${separator}`;
      // Labels that share a line (`S: … T: …`) get no bullet or indentation of their own.
      const prefix = style.sameLine ? '' : nextPrefix(style.prefix, after);
      // A bare letter's story is in nested bullets (`- S`, then `  - …`): so is the prompt.
      if (ownLine && isBareLetter(style)) return build(`${prefix}${label}${eol}${continuationOf(prefix)}- `);
      if (ownLine) return build(`${prefix}${label}${eol}${quotePart(style.prefix)}${tight ? '' : `${eol}${quotePart(style.prefix)}`}`);
      return build(`${prefix}${label} `);
    }
  }
}

/**
 * The style for a section after a fence the insert closes: the blocks after it are at the
 * fence's level, so a label indented on a lazy line above it (`2. x`, then `    Action`, then
 * a fence at the margin) would be code there; it takes the fence's indentation instead.
 */
function afterFence(style: LabelStyle, closeFence: string): LabelStyle {
  if (style.kind !== 'inline') return style;
  const quote = quotePart(style.prefix);
  const rest = style.prefix.slice(quote.length);
  const fenceLead = /^[\s>]*/.exec(closeFence)![0];
  const fenceIndent = fenceLead.slice(quotePart(fenceLead).length);
  if (!/^[ \t]*$/.test(rest) || indentColumns(rest) < indentColumns(fenceIndent) + 4) return style;
  return { ...style, prefix: fenceLead };
}

/** A line that is only a code fence (`` ``` `` or `~~~`), with its container marks and indentation. */
const FENCE_LINE = /^[ \t>]*(?:`{3,}|~{3,})[ \t]*$/;
/** Text that ends in a fence, perhaps then blank lines: a quick test before `FENCE_LINE` reads the line. */
const FENCE_END = /(?:```|~~~)\s*$/;

/** The last line with text on it that ends at or before `offset`, or '' at the top. */
function lineAbove(text: string, offset: number): string {
  const before = text.slice(Math.max(0, offset - 2_000), offset).trimEnd();
  return before.slice(Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + 1);
}

/**
 * The style a section inserted at `offset` is written in: `A:` right under a `Q:` line is
 * read as the answer to it, not as an Action, so there an Action in plain letters is the word.
 */
function styleAt(text: string, offset: number, kind: SectionKind, style: LabelStyle): LabelStyle {
  if (kind !== 'action' || style.kind !== 'inline' || style.letter !== 'plain' || style.sameLine) return style;
  return QUESTION_PREFIX.test(lineAbove(text, offset)) ? { ...style, letter: '', letterCase: 'title' } : style;
}

/** Most lines looked at on each side of an insert to tell whether it lands inside a block. */
const BLOCK_WINDOW_LINES = 200;

/**
 * True when `offset` falls inside a paragraph, a setext heading's text or a raw HTML block
 * that started on an earlier line and goes on after it: a label on a paragraph's
 * continuation line (`.` then `3) <i>Result</i>`, which no list can start), the last line
 * of `r` / `Action` / `=`, or the lines of `<div>` … `</div>`. A blank
 * line there would end the block and turn the rest of it into other markdown (a list item,
 * a paragraph), so inserts there keep to single line breaks, as the block's own lines do.
 */
function insideBlock(text: string, lines: LineIndex, offset: number, tree?: Root): boolean {
  const line = lines.pointAt(offset).line;
  const hasText = (n: number): boolean => /[^\s>]/.test(text.slice(lines.lineStart(n), lines.lineEnd(n)));
  let first = line;
  while (first > 1 && line - first < BLOCK_WINDOW_LINES && hasText(first - 1)) first--;
  let last = line;
  while (last < lines.lineCount && last - line < BLOCK_WINDOW_LINES && hasText(last + 1)) last++;
  if (first === line && offset === lines.lineStart(line)) return false;
  const from = lines.lineStart(first);
  const to = lines.lineEnd(last);
  if (!/[^\s>]/.test(text.slice(offset, to))) return false;
  // The document's own tree answers when it holds what a parse of the window would (offsets
  // there are the document's, so `base` is 0); a window is parsed only where it may differ.
  const alike = tree ? nodesParsedAlike(tree, text, from, to) : null;
  const root = (alike ? { type: 'root', children: alike } : parseMarkdown(text.slice(from, to))) as unknown as BlockNode;
  const base = alike ? 0 : from;
  let inside = false;
  const visit = (node: BlockNode): void => {
    for (const child of node.children ?? []) {
      const start = base + (child.position?.start.offset ?? 0);
      const end = base + (child.position?.end.offset ?? 0);
      if (start >= offset || end <= offset) continue;
      if (child.type === 'html' || child.type === 'paragraph' || child.type === 'heading') inside = /[^\s>]/.test(text.slice(offset, end));
      else visit(child);
    }
  };
  visit(root);
  return inside;
}

/** A list item that is a single letter and nothing else (`- S`), as the reader reads it only in lists. */
function isBareLetter(style: LabelStyle): boolean {
  return style.kind === 'inline' && style.ownLine && style.letter === 'plain' && !style.wrapper && !style.separator && /[-*+][ \t]*$/.test(style.prefix);
}

/** Line break(s) between two blocks in a style: a blank line unless the answer is tight. */
function blockBreak(style: LabelStyle, eol: string): string {
  if (style.kind === 'inline' && style.sameLine) return ' ';
  if (isBareLetter(style)) return eol;
  // An own-line label has a blank line between it and its prompt, so the prompt is a paragraph
  // of its own, which would take in a label on the very next line: blocks are kept apart.
  if (style.kind === 'table' || (style.kind === 'inline' && !style.blankLine && !style.ownLine)) return eol;
  const quote = style.kind === 'inline' ? quotePart(style.prefix) : '';
  return `${eol}${quote}${eol}`;
}

/** Constructs an insertion can land inside: raw HTML, a fence, a setext underline. Anything else is read line by line. */
const RISKY_WINDOW = /<|`{3,}|~{3,}|^[ \t>]*(?:=+|-+)[ \t]*$/m;
const FENCE_OPENER = /^([ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*[ \t]*)(`{3,}|~{3,})/;

/** Where an insertion after the end of a block really goes, and what it needs to be read as blocks of its own. */
interface Landing {
  offset: number;
  /** The text before it is raw HTML, which runs on to the next blank line: start with one. */
  blank: boolean;
  /** The text before it is an unclosed fence, which would swallow it: this line closes it first. */
  closeFence: string | null;
}

type BlockNode = { type: string; position?: { start: { offset?: number }; end: { offset?: number } }; children?: BlockNode[] };

/**
 * Where an insertion meant for `offset` (the end of a section's last line) lands in the
 * markdown block structure. A line that is the text of a setext heading goes with its
 * underline, so the insertion moves past it. Text after a line of raw HTML would join the
 * HTML block, and text after an unclosed fence would be code, so the landing says so.
 * Only a few lines around the section are parsed, and only when they hold such syntax.
 */
function landing(text: string, lines: LineIndex, fromLine: number, offset: number): Landing {
  const plain: Landing = { offset, blank: false, closeFence: null };
  const line = lines.pointAt(offset).line;
  const start = lines.lineStart(Math.min(fromLine, line));
  const end = lines.lineEnd(Math.min(line + 1, lines.lineCount));
  const window = text.slice(start, end);
  if (!RISKY_WINDOW.test(window) || !mayNeedLanding(window, offset - start)) return plain;
  // Front matter is only front matter at the top of the file.
  const lead = start > 0 && window.startsWith('---') ? '\n' : '';
  const root = parseMarkdown(lead + window) as unknown as BlockNode;
  const at = offset - start + lead.length;
  // The innermost leaf block holding the last character before the insertion.
  let leaf: BlockNode | null = null;
  const visit = (node: BlockNode): void => {
    for (const child of node.children ?? []) {
      const from = child.position?.start.offset ?? 0;
      const to = child.position?.end.offset ?? 0;
      if (from >= at || to < at) continue;
      if (child.type === 'list' || child.type === 'listItem' || child.type === 'blockquote') visit(child);
      else if (child.type !== 'text') leaf = child;
    }
  };
  visit(root);
  const found = leaf as BlockNode | null;
  if (!found?.position) return plain;
  const leafEnd = found.position.end.offset ?? at;
  if (found.type === 'heading' && leafEnd > at) return { ...plain, offset: start + leafEnd - lead.length };
  if (found.type === 'html') return { ...plain, blank: true };
  if (found.type === 'code' && leafEnd >= at) {
    const source = lead + window;
    const from = found.position.start.offset ?? 0;
    const lineFrom = Math.max(source.lastIndexOf('\n', from - 1), source.lastIndexOf('\r', from - 1)) + 1;
    const codeLines = source.slice(lineFrom, leafEnd).split(/\r\n|\r|\n/);
    const opener = FENCE_OPENER.exec(codeLines[0]);
    if (!opener) return plain;
    const closer = new RegExp(`^[ \\t>]*\\${opener[2][0]}{${opener[2].length},}[ \\t]*$`);
    if (codeLines.length > 1 && closer.test(codeLines[codeLines.length - 1])) return plain;
    // Under the opener, with its container marks and indentation but not its list bullet.
    return { ...plain, closeFence: opener[1].replace(/[^\s>]/g, ' ') + opener[2] };
  }
  return plain;
}

const CONTAINER_PREFIX = /^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*[ \t]*/;

/**
 * A cheap line-by-line look for what `landing` handles, so that the parse runs only where
 * it may matter: a fence still open at `at`, a line of raw HTML since the last blank line,
 * or a setext underline on the next line. Inline HTML (`<b>`, a comment at a line's end) and
 * closed fences need no parse.
 */
function mayNeedLanding(window: string, at: number): boolean {
  const before = window.slice(0, at).split(/\r\n|\r|\n/);
  const next = window.slice(at).split(/\r\n|\r|\n/)[1];
  if (next !== undefined && /^[ \t>]*(?:=+|-+)[ \t]*$/.test(next) && /\S/.test(before[before.length - 1])) return true;
  let open: string | null = null;
  let html = false;
  for (const line of before) {
    const body = line.replace(CONTAINER_PREFIX, '');
    const fence = /^(`{3,}|~{3,})(.*)$/.exec(body);
    if (open) {
      if (fence && fence[1][0] === open[0] && fence[1].length >= open.length && fence[2].trim() === '') open = null;
      continue;
    }
    if (fence) open = fence[1];
    else if (!/[^\s>]/.test(line)) html = false;
    else if (/^<[A-Za-z/!?]/.test(body)) html = true;
  }
  return open !== null || html;
}

/**
 * The end of the line when only marks and symbols follow `offset` on it (the `*` of emphasis
 * that never closed, a `|` or `)` after the last sentence of a part read as prose): an insert
 * before them would split the line and carry them under the new part. A closing backslash
 * stays after the insert, where it breaks no line into the new part.
 */
function afterTrailingMarks(text: string, lines: LineIndex, offset: number): number {
  const lineEnd = lines.lineEnd(lines.pointAt(offset).line);
  const rest = text.slice(offset, lineEnd);
  return rest.trim() !== '' && /^[^\p{L}\p{N}\\]+$/u.test(rest) ? lineEnd : offset;
}

/** True when the line after `offset` holds text, which an inserted block must keep apart from. */
function textFollows(text: string, offset: number): boolean {
  const rest = /^[ \t]*(?:\r\n|\r|\n)([^\r\n]*)/.exec(text.slice(offset, offset + 400));
  return rest !== null && /[^\s>]/.test(rest[1]);
}

/**
 * The line ending to insert at `offset`: the document's, unless the document mixes them, then
 * the first one after `offset` (or the last before it, at the end).
 */
export function eolAt(text: string, offset: number, eol: string): string {
  if (!mixesLineEndings(text)) return eol;
  const after = /\r\n|\r|\n/.exec(text.slice(offset, offset + 100_000));
  if (after) return after[0];
  const before = text.slice(0, offset).match(/(\r\n|\r|\n)[^\r\n]*$/);
  return before ? before[1] : eol;
}

let mixedFor: { text: string; mixed: boolean } | null = null;

/** Whether a text has more than one kind of line ending (remembered for the last text: every fix of a document asks). */
function mixesLineEndings(text: string): boolean {
  if (mixedFor?.text !== text) {
    const crlf = text.includes('\r\n');
    const lf = /(?<!\r)\n/.test(text);
    const cr = /\r(?!\n)/.test(text);
    mixedFor = { text, mixed: Number(crlf) + Number(lf) + Number(cr) > 1 };
  }
  return mixedFor.mixed;
}

/** Where a sentence can start after it: the text so far ends a sentence. */
const SENTENCE_END = /[.!?\u2026\u3002\uff01\uff1f][)"'\u201d\u2019*_]*\s*$/;

/** A container prefix as it continues on the next line: `> ` stays, a list bullet becomes indentation. */
function continuationOf(prefix: string): string {
  return prefix.replace(/[^\s>]/g, ' ');
}

const TABLE_DELIMITER = /^[ \t>]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-*:?[ \t]*)*\|?[ \t]*$/;

/** The end of a table row, or of the delimiter row when the row is the header. */
function tableRowEnd(text: string, lines: LineIndex, line: number): number {
  if (line < lines.lineCount && TABLE_DELIMITER.test(text.slice(lines.lineStart(line + 1), lines.lineEnd(line + 1)))) return lines.lineEnd(line + 1);
  return lines.lineEnd(line);
}

/**
 * The last section, in document order, of those that come before `kind` in STAR order; a new
 * `kind` goes after it. (After the one latest in STAR order instead, a Reflection would land
 * between a combined `Actions & Results` and a `Task + Action` written below it.)
 */
function precedingSection(answer: Answer, kind: SectionKind): Section | null {
  const order = SECTION_KINDS.indexOf(kind);
  let anchor: Section | null = null;
  for (const section of answer.sections) if (rankOf(section) < order) anchor = section;
  return anchor;
}

const rankOf = (section: Section): number => Math.max(...section.kinds.map((k) => SECTION_KINDS.indexOf(k)));

/**
 * Where a missing section goes: after the present section latest in canonical order before
 * it, or before `before`. In an answer written out of order (a later part stands above that
 * section) it goes before the first later part instead: the reader opens a new story at a
 * part that comes earlier in STAR order than one above it.
 */
function placement(answer: Answer, kind: SectionKind, lines?: LineIndex): { after: Section | null; before: Section } | null {
  const order = SECTION_KINDS.indexOf(kind);
  // A combined label that skips this part (`Situation and Result` without a Task): any
  // place for it is after a later part or before an earlier one, which opens a new story.
  const skipping = (section: Section): boolean => section.kinds.some((k) => SECTION_KINDS.indexOf(k) < order) && rankOf(section) > order;
  if (answer.sections.some(skipping)) return null;
  const anchor = precedingSection(answer, kind);
  const later = answer.sections.find((section) => rankOf(section) > order);
  if (anchor && later && answer.sections.indexOf(later) < answer.sections.indexOf(anchor)) return { after: null, before: later };
  const first = answer.sections[0];
  // A table's first row may be its header: nothing can go above it and stay in the table, and
  // below it the part would be out of order.
  if (!anchor && lines && first.style.kind === 'table' && tableRowEnd(lines.text, lines, first.labelRange.start.line) !== lines.lineEnd(first.labelRange.start.line)) return null;
  return { after: anchor, before: first };
}

/**
 * Where a missing section belongs and how it will look: after `after` (or before the
 * answer's first section when null), in the label style of that neighbour.
 */
export function placementFor(answer: Answer, kind: SectionKind): { after: Section | null; style: LabelStyle } {
  const place = placement(answer, kind);
  if (!place) return { after: null, style: answer.sections[0].style };
  return { after: place.after, style: (place.after ?? place.before).style };
}

/**
 * Edits that insert the given missing sections into an answer, each in canonical order
 * after the closest section that precedes it, in the style of that neighbour. Sections
 * that share a place come in one edit. Insertions only: existing text is never touched.
 * `tree`, the parse of `lines.text` when the caller has it, spares parsing the text again.
 */
export function insertSectionsEdits(lines: LineIndex, eol: string, answer: Answer, kinds: SectionKind[], tree?: Root): TextEdit[] {
  if (answer.sections.length === 0) return [];
  const wanted = SECTION_KINDS.filter((kind) => kinds.includes(kind));
  const groups = new Map<string, { anchor: Section | null; neighbour: Section; kinds: SectionKind[] }>();
  for (const kind of wanted) {
    const place = placement(answer, kind, lines);
    if (!place) continue;
    const { after, before } = place;
    const key = after ? `after ${answer.sections.indexOf(after)}` : `before ${answer.sections.indexOf(before)}`;
    const group = groups.get(key) ?? { anchor: after, neighbour: after ?? before, kinds: [] };
    group.kinds.push(kind);
    groups.set(key, group);
  }

  const text = lines.text;
  const edits: TextEdit[] = [];
  for (const { anchor, neighbour, kinds: group } of groups.values()) {
    const prefix = blockPrefix(lines.text, lines, neighbour);
    const style = neighbour.style.kind === 'inline' && prefix !== neighbour.style.prefix ? { ...neighbour.style, prefix } : neighbour.style;
    // In a file that mixes line endings, the one around the insertion: an inserted CR before
    // an LF, or LF after a CR, would join them into one CRLF and lose a line break.
    const e = eolAt(text, anchor ? anchor.range.end.offset : lines.lineStart(neighbour.labelRange.start.line), eol);
    const sameLine = style.kind === 'inline' && style.sameLine === true;
    const quote = style.kind === 'inline' ? quotePart(style.prefix) : '';
    let insertText = '';
    const placeholders: TextEdit['placeholders'] = [];
    const add = (rendered: Rendered): void => {
      for (const p of rendered.placeholders) placeholders.push({ start: insertText.length + p.start, end: insertText.length + p.end });
      insertText += rendered.text;
    };
    if (style.kind === 'table' && anchor) {
      // A row goes under its neighbour's row, and never between the header and the delimiter row.
      for (const kind of group) {
        insertText += e;
        add(renderSection(kind, style, e, true));
      }
      // After the section's last row (the reader may read two rows with one label as one
      // section), but not after a block below the table that the section's range takes in.
      let last = anchor.labelRange.start.line;
      const lineText = (n: number): string => text.slice(lines.lineStart(n), lines.lineEnd(n));
      // A line indented four columns or more is code, not a row, whatever pipes it holds.
      const isRow = (line: string): boolean => /\|/.test(line) && !TABLE_DELIMITER.test(line) && indentColumns(/^[ \t]*/.exec(line)![0]) < 4;
      while (last < anchor.range.end.line && isRow(lineText(last + 1))) last++;
      // Text below the table that the section takes in (`    Act`, code to CommonMark, or a
      // paragraph) would go with a row added under it: no place keeps both, so no edit.
      if (last < anchor.range.end.line && /[\p{L}\p{N}]/u.test(text.slice(lines.lineEnd(last), anchor.range.end.offset))) continue;
      edits.push({ offset: tableRowEnd(text, lines, last), length: 0, text: insertText, placeholders });
      continue;
    }
    if (anchor) {
      const after = afterTrailingMarks(text, lines, anchor.range.end.offset);
      // A part read from prose that ends inside a line: a label put there would take in the
      // rest of the line, the next part's sentences. Labelling the parts is the fix there.
      if (anchor.inferred && /[\p{L}\p{N}]/u.test(text.slice(after, lines.lineEnd(lines.pointAt(after).line)))) continue;
      const land = sameLine ? { offset: anchor.range.end.offset, blank: false, closeFence: null } : landing(text, lines, anchor.labelRange.start.line, after);
      if (land.closeFence !== null) insertText += `${e}${land.closeFence}`;
      const inBlock = !sameLine && land.closeFence === null && insideBlock(text, lines, land.offset, tree);
      // After a fence, closed here or by the writer, a line indented past the fence's container is code.
      const fenceAbove = land.closeFence ?? (sameLine || !FENCE_END.test(text.slice(Math.max(0, land.offset - 200), land.offset)) ? null : FENCE_LINE.exec(lineAbove(text, land.offset))?.[0] ?? null);
      const placed = fenceAbove === null ? style : afterFence(style, fenceAbove);
      group.forEach((kind, index) => {
        const own = index === 0 ? styleAt(text, land.offset, kind, placed) : placed;
        if (inBlock) {
          insertText += e;
          add(renderSection(kind, own, e, true, true));
          return;
        }
        if (index === 0 && (land.blank || land.closeFence !== null)) insertText += `${e}${quote}${e}`;
        // A label inside a line is read only where a sentence starts, on a line led by a label:
        // after unfinished text, or on a later line of the section, it starts a line.
        else if (index === 0 && sameLine && (!SENTENCE_END.test(text.slice(Math.max(0, land.offset - 200), land.offset)) || lines.pointAt(land.offset).line !== anchor.labelRange.start.line)) {
          insertText += `${e}${continuationOf((style as { prefix: string }).prefix)}`;
        }
        else insertText += blockBreak(style, e);
        add(renderSection(kind, own, e, true));
      });
      // A block that ended by itself (a heading, a fence) may have text on the very next
      // line; after the inserted paragraph that text would join it.
      if (!sameLine && !inBlock && (blockBreak(style, e) !== e || land.blank || land.closeFence !== null) && textFollows(text, land.offset)) insertText += `${e}${quote}`;
      edits.push({ offset: land.offset, length: 0, text: insertText, placeholders });
    } else {
      const offset = sameLine ? neighbour.labelRange.start.offset : lines.lineStart(neighbour.labelRange.start.line);
      const inBlock = !sameLine && insideBlock(text, lines, offset, tree);
      group.forEach((kind, index) => {
        add(renderSection(kind, index === 0 ? styleAt(text, offset, kind, style) : style, e, false, inBlock));
        insertText += inBlock ? e : blockBreak(style, e);
      });
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
export function metricsTemplateEdit(text: string, lines: LineIndex, documentEol: string, section: Section): TextEdit {
  const eol = eolAt(text, section.range.end.offset, documentEol);
  let offset = section.range.end.offset;
  const lastLine = text.slice(lines.lineStart(section.range.end.line), offset);
  // Inside a raw HTML block that goes on below (`<div` … `<` … `>Situation`), a blank line
  // would end the block and turn its next lines into other markdown: the sentence is one of its lines.
  const closed = CLOSED_BLOCK_LINE.test(lastLine);
  const inBlock = closed && insideBlock(text, lines, offset);
  let lead = inBlock ? `${eol}${quotePart(lastLine)}` : closed ? `${eol}${quotePart(lastLine)}${eol}${quotePart(lastLine)}` : /\s$/.test(text.slice(offset - 1, offset)) ? '' : ' ';
  if (section.style.kind === 'table') {
    // In a table answer the Result is a row: the sentence goes at the end of the cell after the label's.
    const rowStart = lines.lineStart(section.labelRange.start.line);
    const row = text.slice(rowStart, lines.lineEnd(section.labelRange.start.line));
    const pipes = [...row.matchAll(/(?<!\\)\|/g)].map((m) => m.index ?? 0);
    // The label is the row's first cell with text in it.
    const labelEnd = row.search(/[^\s>|]/);
    const open = pipes.find((at) => at > labelEnd);
    if (open === undefined) {
      offset = rowStart + row.length;
      lead = ' | ';
    } else {
      const close = pipes.find((at) => at > open) ?? row.length;
      const cell = row.slice(open + 1, close);
      offset = rowStart + open + 1 + cell.trimEnd().length;
      lead = cell.trim() === '' && cell.length > 0 ? '' : ' ';
      if (cell.trim() === '' && cell.length > 0) offset = rowStart + open + 2;
    }
  }
  let insert = lead;
  const placeholders: TextEdit['placeholders'] = [];
  METRICS_TEMPLATE.forEach((part, index) => {
    if (index % 2 === 1) placeholders.push({ start: insert.length, end: insert.length + part.length });
    insert += part;
  });
  // A paragraph of its own is kept apart from text on the next line, which would join it
  // (and a setext underline under that text would make them one heading).
  if (closed && !inBlock && textFollows(text, offset)) insert += `${eol}${quotePart(lastLine)}`;
  return { offset, length: 0, text: insert, placeholders };
}

/**
 * Puts a prompt under (or after) an empty label. A writer's own placeholder (`TODO`) is
 * replaced by the prompt, token only: the rest of their note stays. A section that already
 * holds our prompt gets no edit. `tree`: the parse of `text`, when the caller has it.
 */
export function emptySectionEdit(text: string, lines: LineIndex, documentEol: string, section: Section, tree?: Root): TextEdit | null {
  const eol = eolAt(text, section.labelRange.end.offset, documentEol);
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
    // Under a setext underline, not above it; apart from text right below the label.
    const land = landing(text, lines, section.labelRange.start.line, labelLineEnd);
    const inBlock = style.kind === 'inline' && insideBlock(text, lines, land.offset, tree);
    const before = inBlock ? `${eol}${quote}` : `${eol}${quote}${eol}${quote}`;
    const after = !inBlock && textFollows(text, land.offset) ? `${eol}${quote}` : '';
    return { offset: land.offset, length: 0, text: before + placeholder + after, placeholders: [{ start: before.length, end: before.length + placeholder.length }] };
  }
  // A label that shares its line (`S: … A: …`) gets the prompt before the next label, not in the next part.
  const offset = style.sameLine ? Math.min(section.range.end.offset, labelLineEnd) : labelLineEnd;
  const before = text[offset - 1] === ' ' ? '' : ' ';
  return { offset, length: 0, text: before + placeholder, placeholders: [{ start: before.length, end: before.length + placeholder.length }] };
}
