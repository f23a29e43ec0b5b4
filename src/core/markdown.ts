import type { Node, Parent, Root, RootContent } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';
import { freshStarts, type FreshStart } from './markdown-blocks';
import type { Point } from './types';

// GFM and front matter extensions slow every parse down (GFM by about 70%), yet only
// change the tree when a document has a table delimiter row or starts with `---`.
// So each document is parsed by the cheapest processor that gives the same tree.
// One run of blanks before the optional pipe, one after it: two adjacent runs that could share
// the same blanks made a line of 10,000 spaces cost 50 million steps.
const TABLE_DELIMITER_ROW = /^[ \t>]*(?:\|[ \t]*)?:?-+:?[ \t]*\|[ \t:|-]*$/m;
const processors = new Map<string, Processor<Root>>();

/** Whether a text has a table delimiter row, so that it is parsed with GFM (tables, footnotes, task lists). */
export function hasTableDelimiterRow(text: string): boolean {
  return TABLE_DELIMITER_ROW.test(text);
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
 * them equal). `pieceChars`: the shortest piece (tests cut at every fresh start with 1).
 */
export function parseMarkdown(text: string, pieceChars = PIECE_CHARS): Root {
  const frontMatter = text.startsWith('---') && FRONT_MATTER.test(text);
  const tables = hasTableDelimiterRow(text);
  const processor = processorFor(frontMatter, tables);
  if (text.length < 2 * pieceChars && !text.includes('\n---')) return processor.parse(text) as Root;
  return parseInPieces(text, processor, freshStarts(text, frontMatter, tables), pieceChars);
}

/** A tree made of the parses of `text` cut at some of `starts`: where a piece has `least` characters, or many setext underlines. */
function parseInPieces(text: string, processor: Processor<Root>, starts: FreshStart[], least: number): Root {
  const cuts: number[] = [];
  let last = 0;
  let underlines = 0;
  for (const start of starts) {
    underlines += start.underlines;
    if (start.offset - last < least && underlines < UNDERLINES_PER_PIECE) continue;
    cuts.push(start.offset);
    last = start.offset;
    underlines = 0;
  }
  const tree = processor.parse(cuts.length > 0 ? text.slice(0, cuts[0]) : text) as Root;
  let linesBefore = 0;
  let counted = 0;
  cuts.forEach((start, index) => {
    for (let at = text.indexOf('\n', counted); at >= 0 && at < start; at = text.indexOf('\n', at + 1)) linesBefore++;
    counted = start;
    const piece = processor.parse(text.slice(start, cuts[index + 1] ?? text.length)) as Root;
    shiftPositions(piece, start, linesBefore);
    for (const child of piece.children) tree.children.push(child);
    if (tree.position && piece.position) tree.position.end = piece.position.end;
    // What the parse leaves on its root (a task list marker where no item takes it sets `checked` there).
    for (const key of Object.keys(piece)) if (key !== 'type' && key !== 'children' && key !== 'position') (tree as unknown as Record<string, unknown>)[key] = (piece as unknown as Record<string, unknown>)[key];
  });
  return tree;
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

  /** The point at an offset. */
  pointAt(offset: number): Point {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - this.starts[low] + 1, offset };
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
