import type { Blockquote, Node, Paragraph, Parent, Root, RootContent } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';
import { pieces, type Pieces } from './markdown-blocks';
import type { Point } from './types';

// GFM and front matter extensions slow every parse down (GFM by about 70%), yet only
// change the tree when a document has a table delimiter row or starts with `---`.
// So each document is parsed by the cheapest processor that gives the same tree.
// One run of blanks before the optional pipe, one after it: two adjacent runs that could share
// the same blanks made a line of 10,000 spaces cost 50 million steps.
const TABLE_DELIMITER_ROW = /^[ \t>]*(?:\|[ \t]*)?:?-+:?[ \t]*\|[ \t:|-]*$/;
const LINE_BREAK = /[\r\n]/g;
const processors = new Map<string, Processor<Root>>();

/** Whether a text has a table delimiter row, so that it is parsed with GFM (tables, footnotes, task lists). */
export function hasTableDelimiterRow(text: string): boolean {
  // Only lines with a pipe are tried: a whole-text pattern tries every line start (0.15 ms at 5,000 words).
  for (let pipe = text.indexOf('|'); pipe >= 0; ) {
    const lineStart = Math.max(text.lastIndexOf('\n', pipe), text.lastIndexOf('\r', pipe)) + 1;
    LINE_BREAK.lastIndex = pipe;
    const lineEnd = LINE_BREAK.exec(text)?.index ?? text.length;
    if (TABLE_DELIMITER_ROW.test(text.slice(lineStart, lineEnd))) return true;
    pipe = text.indexOf('|', lineEnd);
  }
  return false;
}

/**
 * YAML front matter as the parser reads it: a `---` line first, and a closing `---` line.
 * Without the closing line there is none, and the front matter extension must stay off:
 * it reads what follows an unclosed `---` differently (`* Task -` became a paragraph).
 */
export const FRONT_MATTER = /^---[ \t]*(?:\r\n|\r|\n)(?:[^]*?(?:\r\n|\r|\n))?---[ \t]*(?:\r\n|\r|\n|$)/;

function processorFor(frontMatter: boolean, tables: boolean): Processor<Root> {
  const key = `${frontMatter}:${tables}`;
  let processor = processors.get(key);
  if (!processor) {
    const base = unified().use(remarkParse);
    const withTables = tables ? base.use(remarkGfm) : base;
    processor = (frontMatter ? withTables.use(remarkFrontmatter, ['yaml']) : withTables).freeze() as unknown as Processor<Root>;
    processors.set(key, processor);
  }
  return processor;
}

/**
 * Texts are parsed in pieces of at least this many characters where the parse provably starts
 * afresh (`freshStarts`): a parse costs about 0.1 ms however short the text, and a long one
 * grows faster than its text.
 */
const PIECE_CHARS = 8_000;
/**
 * A piece also ends after this many setext underlines: the parser's work on the headings of
 * one piece grows with their square (each underline walks and splices the piece's events).
 */
const UNDERLINES_PER_PIECE = 64;

/**
 * Parses markdown (CommonMark, GFM tables, YAML front matter) into an mdast tree: a long text
 * piece by piece, the pieces' trees joined into the one a whole parse gives (a unit test holds
 * them equal). `pieceChars`: the shortest piece (tests cut at every fresh start with 1, and
 * parse whole with Infinity). A shorter text is parsed in pieces too when it may hold setext
 * headings or quotes, which cost the parser far more than their size.
 */
export function parseMarkdown(source: string, pieceChars = PIECE_CHARS): Root {
  const text = boundListDepth(source);
  const frontMatter = text.startsWith('---') && FRONT_MATTER.test(text);
  const tables = hasTableDelimiterRow(text);
  const processor = processorFor(frontMatter, tables);
  if (pieceChars === Infinity || (text.length < 2 * pieceChars && !text.includes('\n---') && !text.includes('\n>'))) return processor.parse(text) as Root;
  return parseInPieces(text, processor, pieces(text, frontMatter, tables), pieceChars, tables);
}

/**
 * How many list items one line may open (`- - - … x`): the parser's work on such a line grows
 * with the square of their number (900 took 270 ms for 1.9 KB). Past it, the next marker is
 * read as text: the white space after it becomes a no-break space, so every offset stays.
 */
const MAX_LIST_ITEMS_ON_A_LINE = 32;
const CONTAINER_MARKER = String.raw`(?:>[ \t]?)*(?:[-*+]|\d{1,9}[.)])`;
// Each marker must be followed by white space and the next begins with a marker character, so no run can be split two ways.
const DEEP_LIST_LINE = new RegExp(String.raw`^[ \t]*(?:${CONTAINER_MARKER}[ \t]+){${MAX_LIST_ITEMS_ON_A_LINE}}${CONTAINER_MARKER}(?=[ \t])`, 'gm');
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;

function boundListDepth(text: string): string {
  DEEP_LIST_LINE.lastIndex = 0;
  const parts: string[] = [];
  let copied = 0;
  for (let match = DEEP_LIST_LINE.exec(text); match; match = DEEP_LIST_LINE.exec(text)) {
    const lineEnd = text.indexOf('\n', match.index);
    // `- - - -` with nothing after the markers is a rule, not a list.
    if (THEMATIC_BREAK.test(text.slice(match.index, lineEnd < 0 ? text.length : lineEnd).replace(/\r$/, ''))) continue;
    const at = match.index + match[0].length;
    parts.push(text.slice(copied, at), '\u00a0');
    copied = at + 1;
  }
  return parts.length === 0 ? text : parts.join('') + text.slice(copied);
}

/**
 * A tree made of the parses of `text` cut at some of `starts`: where a piece has `least`
 * characters, or many setext underlines. A piece that is one plain heading (`setextHeading`) or
 * quote (`quoteRun`) is made without the parser (not with GFM, whose autolinks plain text may
 * hold), and a comment never closed is the last node, unparsed.
 */
function parseInPieces(text: string, processor: Processor<Root>, { starts, unclosedComment }: Pieces, least: number, tables: boolean): Root {
  const end = unclosedComment >= 0 ? unclosedComment : text.length;
  let tree: Root | undefined;
  let linesBefore = 0;
  let counted = 0;
  const countLines = (to: number): void => {
    for (let at = text.indexOf('\n', counted); at >= 0 && at < to; at = text.indexOf('\n', at + 1)) linesBefore++;
    counted = to;
  };
  const parsePiece = (from: number, to: number): void => {
    if (from >= to) return;
    countLines(from);
    const piece = processor.parse(text.slice(from, to)) as Root;
    if (!tree) {
      tree = piece;
      return;
    }
    shiftPositions(piece, from, linesBefore);
    for (const child of piece.children) tree.children.push(child);
    if (tree.position && piece.position) tree.position.end = piece.position.end;
    // What the parse leaves on its root (a task list marker where no item takes it sets `checked` there).
    for (const key of Object.keys(piece)) if (key !== 'type' && key !== 'children' && key !== 'position') (tree as unknown as Record<string, unknown>)[key] = (piece as unknown as Record<string, unknown>)[key];
  };
  let pieceStart = 0;
  let underlines = 0;
  starts.forEach((start, index) => {
    underlines += start.underlines;
    const next = index + 1 < starts.length ? starts[index + 1].offset : end;
    // (The first piece, from 0 to the first start, is always parsed: it may hold front matter.)
    const heading = tables ? null : setextHeading(text, start.offset, next) ?? quoteRun(text, start.offset, next);
    if (heading) {
      parsePiece(pieceStart, start.offset);
      countLines(start.offset);
      shiftPositions({ type: 'root', children: [heading.node] }, 0, linesBefore);
      heading.end.line += linesBefore;
      tree!.children.push(heading.node);
      if (tree!.position) tree!.position.end = heading.end;
      pieceStart = next;
      underlines = 0;
      return;
    }
    if (start.offset - pieceStart < least && underlines < UNDERLINES_PER_PIECE) return;
    parsePiece(pieceStart, start.offset);
    pieceStart = start.offset;
    underlines = 0;
  });
  parsePiece(pieceStart, end);
  // Every start is past 0, and so is an unclosed comment: the first piece made the tree.
  tree = tree!;
  if (unclosedComment >= 0) {
    // An HTML block of the rest of the text, line endings and all (its end condition is never met).
    countLines(unclosedComment);
    const startLine = linesBefore + 1;
    countLines(text.length);
    const lastLine = text.lastIndexOf('\n') + 1;
    const position = {
      start: { line: startLine, column: 1, offset: unclosedComment },
      end: { line: linesBefore + 1, column: text.length - lastLine + 1, offset: text.length },
    };
    // The parser reads a NUL as U+FFFD, in raw HTML too.
    const value = text.slice(unclosedComment);
    tree.children.push({ type: 'html', value: value.includes('\0') ? value.replace(/\0/g, '\ufffd') : value, position });
    if (tree.position) tree.position.end = { ...position.end };
  }
  return tree;
}

/** Plain text as `PLAIN_SETEXT` has it: from a letter to no blank, nothing inline markup could start with. */
const PLAIN_LINE = /^[A-Za-z](?:[A-Za-z0-9 .,;:?!'"()/%$+=-]*[A-Za-z0-9.,;:?!'"()/%$+=-])?$/;

/**
 * The node of the piece `text.slice(from, to)` when it is one quote of plain lines, then blank
 * lines only: each line quote markers (`>`, each followed by at most one space) and plain text
 * (`PLAIN_LINE`). Where the piece ends, as `setextHeading` has it. The parser's work on a line
 * grows with its depth (a thousand lines of growing depth took it seconds); the tree is simple:
 * a line deeper than the open quotes opens quotes and a paragraph in the deepest, any other
 * continues the open paragraph (lazily when it is shallower), and every quote ends on the
 * last line, for nothing in such a run closes one.
 */
function quoteRun(text: string, from: number, to: number): { node: RootContent; end: Point } | null {
  if (text.charCodeAt(from) !== 0x3e) return null;
  const open: Blockquote[] = [];
  let paragraph: { node: Paragraph; lines: string[] } | null = null;
  let line = 0;
  let lastEnd: Point | null = null;
  let blankSince = -1;
  let lineEnding = '';
  // A paragraph's text, once its lines are known (a deeper line ends it): one text node.
  const finish = ({ node, lines }: { node: Paragraph; lines: string[] }): void => {
    const { start, end } = node.position!;
    node.children = [{ type: 'text', value: lines.join(''), position: { start: { ...start }, end: { ...end } } }];
  };
  for (let at = from; at < to; ) {
    line++;
    const newline = text.indexOf('\n', at);
    const next = newline < 0 || newline >= to ? to : newline + 1;
    let end = next === to && (newline < 0 || newline >= to) ? to : newline;
    if (text.charCodeAt(end - 1) === 13) end--;
    const lineStart = at;
    at = next;
    const ending = lineEnding;
    lineEnding = text.slice(end, next);
    if (blankSince >= 0 || /^[ \t]*$/.test(text.slice(lineStart, end))) {
      // Blank lines end the run; anything after them is not this piece's to make.
      if (!/^[ \t]*$/.test(text.slice(lineStart, end))) return null;
      if (blankSince < 0) blankSince = lineStart;
      continue;
    }
    const markers: number[] = [];
    let i = lineStart;
    while (i < end && text.charCodeAt(i) === 0x3e) {
      markers.push(i);
      i++;
      if (text.charCodeAt(i) === 0x20) i++;
    }
    const content = text.slice(i, end);
    if (markers.length === 0 || !PLAIN_LINE.test(content)) return null;
    const point = (offset: number): Point => ({ line, column: offset - lineStart + 1, offset });
    if (!paragraph || markers.length > open.length) {
      if (paragraph) finish(paragraph);
      for (let depth = open.length; depth < markers.length; depth++) {
        const quote: Blockquote = { type: 'blockquote', children: [], position: { start: point(markers[depth]), end: point(end) } };
        if (depth > 0) open[depth - 1].children.push(quote);
        open.push(quote);
      }
      const node: Paragraph = { type: 'paragraph', children: [], position: { start: point(i), end: point(end) } };
      open[open.length - 1].children.push(node);
      paragraph = { node, lines: [] };
    }
    // The text keeps the line endings between its lines as written.
    if (paragraph.lines.length > 0) paragraph.lines.push(ending);
    paragraph.lines.push(content);
    paragraph.node.position!.end = point(end);
    lastEnd = point(end);
  }
  if (!paragraph || !lastEnd) return null;
  finish(paragraph);
  for (const quote of open) quote.position!.end = { ...lastEnd };
  const piece = text.slice(from, to);
  const lastLine = piece.lastIndexOf('\n') + 1;
  return { node: open[0], end: { line: piece.split('\n').length, column: piece.length - lastLine + 1, offset: to } };
}

/**
 * A line of plain words over a setext underline, then blank lines only: a heading with one text
 * node, which the parser takes about 50 microseconds to find (a text of such labels is mostly
 * parser time). Plain: it starts with a letter, ends with no blank and holds nothing inline markup
 * or an autolink could start with (tables, and with them GFM's autolinks, cut no piece here).
 */
const PLAIN_SETEXT = /^[A-Za-z](?:[A-Za-z0-9 .,;:?!'"()/%$+=-]*[A-Za-z0-9.,;:?!'"()/%$+=-])?(\r?\n)(?:-{3,}|={3,})[ \t]*(?:\r?\n[ \t]*)*$/;

/**
 * The node of the piece `text.slice(from, to)` when it is a plain setext heading (`PLAIN_SETEXT`),
 * and where the piece ends: offsets are the text's, lines the piece's own (from 1).
 */
function setextHeading(text: string, from: number, to: number): { node: RootContent; end: Point } | null {
  const code = text.charCodeAt(from);
  // Most pieces start with something else than a letter, or are long: no regex for them.
  if (to - from > 400 || !((code >= 65 && code <= 90) || (code >= 97 && code <= 122))) return null;
  const piece = text.slice(from, to);
  const found = PLAIN_SETEXT.exec(piece);
  if (!found) return null;
  const line = 1;
  const length = piece.indexOf(found[1]);
  const underlineStart = length + found[1].length;
  const underlineEnd = piece.indexOf('\n', underlineStart);
  const underline = (underlineEnd < 0 ? piece.slice(underlineStart) : piece.slice(underlineStart, underlineEnd)).replace(/\r$/, '');
  const lineEnds = piece.split('\n').length - 1;
  const lastLine = piece.lastIndexOf('\n') + 1;
  const textEnd = { line, column: length + 1, offset: from + length };
  const node: RootContent = {
    type: 'heading',
    depth: underline[0] === '=' ? 1 : 2,
    children: [{ type: 'text', value: piece.slice(0, length), position: { start: { line, column: 1, offset: from }, end: textEnd } }],
    position: { start: { line, column: 1, offset: from }, end: { line: line + 1, column: underline.length + 1, offset: from + underlineStart + underline.length } },
  };
  return { node, end: { line: line + lineEnds, column: piece.length - lastLine + 1, offset: to } };
}

/** Moves every position in a tree by `offset` characters and `lines` lines (a piece starts a line: columns stay). */
function shiftPositions(tree: Root, offset: number, lines: number): void {
  const stack: Node[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const position = node.position;
    if (position) {
      position.start.line += lines;
      position.end.line += lines;
      if (position.start.offset !== undefined) position.start.offset += offset;
      if (position.end.offset !== undefined) position.end.offset += offset;
    }
    const children = (node as Parent).children;
    if (children) for (const child of children) stack.push(child);
  }
}

/** What decides, once per document tree, whether a slice of its text parses as it does in place. */
const sliceFacts = new WeakMap<Root, { references: boolean; tables: boolean }>();

/**
 * The top-level nodes of `tree`, the parse of `text`, inside `text.slice(from, to)` (whole
 * lines), when parsing that slice alone gives exactly these nodes, offsets moved by `from`:
 * no node of the document runs into the slice from either side (so the slice's first line
 * opens no block and nothing below it continues one), the document has no link or footnote
 * definitions (a reference is resolved against the whole document), and the slice is parsed
 * with the same extensions (tables, front matter) as the document. Nor may the node above end
 * in code: the parser looks past the blank lines after indented code for more of it, and the
 * line it finds there is read as interrupting (`2) …` is then a paragraph, not a list). Null
 * when that cannot be shown: the caller parses the slice instead.
 */
export function nodesParsedAlike(tree: Root, text: string, from: number, to: number): RootContent[] | null {
  let facts = sliceFacts.get(tree);
  if (!facts) {
    facts = { references: text.includes(']:'), tables: hasTableDelimiterRow(text) };
    sliceFacts.set(tree, facts);
  }
  if (facts.references || text.startsWith('---', from)) return null;
  if (facts.tables && !hasTableDelimiterRow(text.slice(from, to))) return null;
  const children = tree.children;
  // The first node that ends after `from` (nodes are in document order and do not overlap).
  let low = 0;
  let high = children.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((children[mid].position?.end.offset ?? 0) <= from) low = mid + 1;
    else high = mid;
  }
  for (let node: Node | undefined = children[low - 1]; node; node = (node as Parent).children?.at(-1)) {
    if (node.type === 'code') return null;
  }
  const nodes: RootContent[] = [];
  for (let i = low; i < children.length; i++) {
    const position = children[i].position;
    if (!position || position.start.offset === undefined || position.end.offset === undefined) return null;
    if (position.start.offset >= to) break;
    if (position.start.offset < from || position.end.offset > to) return null;
    nodes.push(children[i]);
  }
  return nodes;
}

/** Converts offsets to 1-based line/column points without re-scanning the text. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    if (!text.includes('\r')) {
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
      return;
    }
    // A lone CR (old Mac files) ends a line too, as it does for CommonMark.
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 10 || (ch === 13 && text.charCodeAt(i + 1) !== 10)) this.starts.push(i + 1);
    }
  }

  /** The line index (0-based) of the last point asked for: the reader asks in document order, mostly on that line or the next. */
  private recent = 0;

  /** The point at an offset. */
  pointAt(offset: number): Point {
    const starts = this.starts;
    let low = this.recent;
    if (!this.holds(low, offset) && !this.holds(++low, offset)) {
      low = 0;
      let high = starts.length - 1;
      while (low < high) {
        const mid = (low + high + 1) >> 1;
        if (starts[mid] <= offset) low = mid;
        else high = mid - 1;
      }
    }
    this.recent = low;
    return { line: low + 1, column: offset - starts[low] + 1, offset };
  }

  /** True when `offset` is on the 0-based line `line`. */
  private holds(line: number, offset: number): boolean {
    const starts = this.starts;
    return line < starts.length && starts[line] <= offset && (line + 1 === starts.length || starts[line + 1] > offset);
  }

  /** Offset of the first character of a 1-based line. */
  lineStart(line: number): number {
    return this.starts[Math.min(Math.max(line, 1), this.starts.length) - 1];
  }

  /** Offset just past the last character of a 1-based line, before its line ending. */
  lineEnd(line: number): number {
    const next = line < this.starts.length ? this.starts[line] : this.text.length + 1;
    let end = next - 1;
    if (end > 0 && this.text[end] === '\n' && this.text[end - 1] === '\r') end--;
    return Math.min(end, this.text.length);
  }

  get lineCount(): number {
    return this.starts.length;
  }
}

/** The line ending a document mostly uses, so inserted text matches it. */
export function detectEol(text: string): string {
  const lf = text.indexOf('\n');
  const cr = text.indexOf('\r');
  // Old Mac files end lines with a lone CR; inserted lines should too.
  if (cr >= 0 && (lf < 0 || cr < lf - 1)) return '\r';
  return lf > 0 && text[lf - 1] === '\r' ? '\r\n' : '\n';
}

const MARKUP = /<!--[\s\S]*?-->|<\/?[A-Za-z][^>]*>|\]\([^)]*\)|&(?:[a-z]+|#\d+);|[*_~`>|\\[\]]/gi;

/** A backslash escape (`\\.` in `$1\\.2M`, as Google Docs exports write): the character is text. */
const ESCAPE = /\\([!-/:-@[-`{-~])/g;

/** Text of a markdown source slice with inline markup removed, for word counts and metrics. */
export function plainText(source: string): string {
  const unescaped = source.includes('\\') ? source.replace(ESCAPE, '$1') : source;
  return unescaped.replace(MARKUP, ' ');
}

/** Collapses each run of whitespace to one space and trims the ends. */
export function collapseWhitespace(text: string): string {
  // Single spaces, the common case, are not matched, so they are not replaced one by one.
  return text.replace(/\s\s+|[^\S ]/g, ' ').trim();
}

/** Characters that carry a word on once it has started: `don't`, `1.8`, `$2,000`, `40%`, `p95-latency`. */
const WORD_JOINERS = "'\u2019.,%$\u20ac\u00a3-";
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const OTHER = 0;
const WORD_CHAR = 1;
const JOINER = 2;
/** The class of each ASCII character, looked up instead of tested. */
const ASCII_CLASS = new Uint8Array(128).map((_, code) => {
  const char = String.fromCharCode(code);
  return /[A-Za-z0-9]/.test(char) ? WORD_CHAR : WORD_JOINERS.includes(char) ? JOINER : OTHER;
});

function classOf(char: string): number {
  return LETTER_OR_DIGIT.test(char) ? WORD_CHAR : WORD_JOINERS.includes(char) ? JOINER : OTHER;
}

/**
 * Counts spoken words: runs of letters or digits, so `1.8 s` is two words and `—` none.
 * A word starts at a letter or digit and runs on through letters, digits and WORD_JOINERS.
 * (A table-driven character loop: the regex it replaced cost as much as the structure walk.)
 */
export function countWords(text: string): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let type: number;
    if (code < 0x80) {
      type = ASCII_CLASS[code];
    } else if (code >= 0x2000 && code <= 0x206f) {
      // General Punctuation (dashes, quotes, ellipsis, odd spaces) has no letters or digits.
      type = code === 0x2019 ? JOINER : OTHER;
    } else {
      const char = String.fromCodePoint(text.codePointAt(i)!);
      type = classOf(char);
      i += char.length - 1;
    }
    if (type === WORD_CHAR) {
      if (!inWord) count++;
      inWord = true;
    } else if (type === OTHER) {
      inWord = false;
    }
  }
  return count;
}
