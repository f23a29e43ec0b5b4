import { FRONT_MATTER } from './markdown';
import type { Comment } from './reader';
import type { Diagnostic, TextEdit } from './types';

/** The comment prefix writers (and the "Disable" quick fixes) use to silence rules. */
export const DIRECTIVE_PREFIX = 'star-coach-';

interface Directive {
  kind: 'disable' | 'enable' | 'disable-line' | 'disable-next-line';
  /** Lower-case rule ids or aliases; empty means every rule. */
  rules: string[];
  line: number;
  endLine: number;
}

const DIRECTIVE = /^star-coach-(disable-next-line|disable-line|disable|enable)\b([^]*)$/i;

function parseDirectives(comments: Comment[]): Directive[] {
  const directives: Directive[] = [];
  for (const comment of comments) {
    const match = DIRECTIVE.exec(comment.text);
    if (!match) continue;
    directives.push({
      kind: match[1].toLowerCase() as Directive['kind'],
      rules: match[2].split(/[\s,]+/).filter(Boolean).map((rule) => rule.toLowerCase()),
      line: comment.range.start.line,
      endLine: comment.range.end.line,
    });
  }
  return directives.sort((a, b) => a.line - b.line);
}

/**
 * Drops diagnostics silenced by `<!-- star-coach-disable[-next-line|-line] [rules] -->`
 * comments. `nextContentLine` maps a line to the next non-blank line, so a blank line
 * between the comment and its target does not break the directive.
 */
export function applySuppressions(diagnostics: Diagnostic[], comments: Comment[], nextContentLine: (line: number) => number): Diagnostic[] {
  const directives = parseDirectives(comments);
  if (directives.length === 0) return diagnostics;
  const names = (d: Diagnostic): string[] => [d.ruleId.toLowerCase(), d.alias.toLowerCase()];
  const covers = (directive: Directive, d: Diagnostic): boolean =>
    directive.rules.length === 0 || names(d).some((name) => directive.rules.includes(name));

  return diagnostics.filter((diagnostic) => {
    const line = diagnostic.range.start.line;
    let disabled = false;
    for (const directive of directives) {
      if (!covers(directive, diagnostic)) continue;
      if (directive.kind === 'disable-line' && directive.line <= line && line <= directive.endLine) return false;
      if (directive.kind === 'disable-next-line' && nextContentLine(directive.endLine + 1) === line) return false;
      if (directive.line > line) continue;
      if (directive.kind === 'disable') disabled = true;
      if (directive.kind === 'enable') disabled = false;
    }
    return !disabled;
  });
}

const TABLE_DELIMITER_ROW = /^[ \t>]*\|?[ \t]*:?-+:?[ \t]*\|[ \t:|-]*$/;

/** The lines of the pipe table a line belongs to (start of its first line, end of its last), or null. */
function tableAround(text: string, lineStartOffset: number): { start: number; end: number } | null {
  const { lineAt, previousStart, nextStart } = lineWalker(text);
  const isRow = (from: number): boolean => {
    const line = lineAt(from);
    return line.includes('|') && line.trim() !== '';
  };
  if (!isRow(lineStartOffset)) return null;
  let start = lineStartOffset;
  let delimiter = false;
  // Walk up, then down, over the neighbouring rows; a table has a delimiter row.
  for (;;) {
    delimiter ||= TABLE_DELIMITER_ROW.test(lineAt(start));
    const previous = previousStart(start);
    if (previous < 0 || !isRow(previous)) break;
    start = previous;
  }
  let last = lineStartOffset;
  for (let down = nextStart(last); down >= 0 && isRow(down); down = nextStart(down)) {
    last = down;
    delimiter ||= TABLE_DELIMITER_ROW.test(lineAt(down));
  }
  return delimiter ? { start, end: last + lineAt(last).length } : null;
}

/** Line-by-line steps through a text whose lines may end in LF, CRLF or a lone CR. */
function lineWalker(text: string): { lineAt: (from: number) => string; previousStart: (from: number) => number; nextStart: (from: number) => number } {
  const lineAt = (from: number): string => {
    const rest = text.slice(from);
    return rest.slice(0, rest.search(/\r\n|\r|\n|$/));
  };
  const previousStart = (from: number): number => {
    if (from === 0) return -1;
    const before = text.slice(0, from).replace(/(?:\r\n|\r|\n)$/, '');
    return Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + 1;
  };
  const nextStart = (from: number): number => {
    const end = from + lineAt(from).length;
    if (end >= text.length) return -1;
    return end + (text.startsWith('\r\n', end) ? 2 : 1);
  };
  return { lineAt, previousStart, nextStart };
}

const FILE_DIRECTIVE = /^(<!--\s*star-coach-disable\s+[^>]*?[^\s>])\s*-->/;

/**
 * Raw HTML that starts a block of its own even under a paragraph line (CommonMark's HTML
 * blocks 1 to 6). Other tags (`<img …>`, `<span>`) on a line of their own go on with the paragraph.
 */
// The tags that open a raw HTML block a blank line ends (CommonMark's type 6).
const BLOCK_TAG = String.raw`\/?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul)(?:[\s>]|\/>|$)`;
const HTML_BLOCK_START = new RegExp(String.raw`<(?:(?:script|pre|style|textarea)(?:[\s>]|$)|!--|\?|![A-Za-z]|!\[CDATA\[|${BLOCK_TAG})`, 'i');
const BLOCK_TAG_LINE = new RegExp(String.raw`^[ \t>]*<${BLOCK_TAG}`, 'i');
/** A line that opens a raw HTML block of any kind. */
const BLOCK_START_LINE = new RegExp(String.raw`^[ \t>]*${HTML_BLOCK_START.source}`, 'i');

/** A line of paragraph text: what a comment line inserted above or below would split from its neighbours. */
const PARAGRAPH_LINE = new RegExp(`^[ \\t>]*(?![ \\t>]*(?:#{1,6}(?:[ \\t]|$)|[-=*_]{3,}[ \\t]*$|\`{3,}|~{3,}|${HTML_BLOCK_START.source}|\\|))\\S`, 'i');

/**
 * The run of paragraph lines around a line that is not the first of its paragraph, or null.
 * A comment line between two of them would split the paragraph, and the line above it would
 * then read as something else (a title, a lone label).
 */
function paragraphAround(text: string, lineStartOffset: number): { start: number; end: number; html: boolean } | null {
  const { lineAt, previousStart, nextStart } = lineWalker(text);
  const above = previousStart(lineStartOffset);
  if (above < 0 || !PARAGRAPH_LINE.test(lineAt(above)) || !PARAGRAPH_LINE.test(lineAt(lineStartOffset))) return null;
  let start = above;
  for (let up = previousStart(start); up >= 0 && PARAGRAPH_LINE.test(lineAt(up)); up = previousStart(up)) start = up;
  let last = lineStartOffset;
  for (let down = nextStart(last); down >= 0 && PARAGRAPH_LINE.test(lineAt(down)); down = nextStart(down)) last = down;
  // A setext underline right below belongs to the paragraph: it makes it a heading.
  const under = nextStart(last);
  if (under >= 0 && /^[ \t>]*(?:=+|-+)[ \t]*$/.test(lineAt(under))) last = under;
  // Lines indented past the paragraph's first line go on inside its list item (`- Action: …`
  // then `  <div>…`): a comment at the item's margin above them would end the item.
  const margin = indentOf(lineAt(start));
  let html = false;
  for (let down = nextStart(last); down >= 0 && /[^\s>]/.test(lineAt(down)) && indentOf(lineAt(down)) > margin; down = nextStart(down)) {
    last = down;
    html ||= BLOCK_START_LINE.test(lineAt(down));
  }
  return { start, end: last + lineAt(last).length, html };
}

/** How many blanks a line starts with, after its quote markers. */
function indentOf(line: string): number {
  return /^[ \t>]*/.exec(line)![0].replace(/^[\s>]*>/, '').length;
}

/**
 * The lines of a raw HTML block that a blank line ends (`<div>`, `<details>`) when a line
 * below its opening tag line is inside it: a comment there would be part of the block's HTML,
 * not a directive. From the opening line to the last line before a blank one; null otherwise.
 */
function htmlBlockAround(text: string, lineStartOffset: number): { start: number; end: number } | null {
  const { lineAt, previousStart, nextStart } = lineWalker(text);
  const hasText = (from: number): boolean => /[^\s>]/.test(lineAt(from));
  let start = lineStartOffset;
  for (let up = previousStart(start); up >= 0 && hasText(up); up = previousStart(up)) start = up;
  if (start === lineStartOffset || !BLOCK_TAG_LINE.test(lineAt(start))) return null;
  let last = lineStartOffset;
  for (let down = nextStart(last); down >= 0 && hasText(down); down = nextStart(down)) last = down;
  return { start, end: last + lineAt(last).length };
}

const ENABLE_DIRECTIVE = /<!--\s*star-coach-enable\b([^]*?)-->/gi;

/** Whether an enable directive in `text` turns any of these rule names back on (all rules when it names none). */
function reEnabled(text: string, names: string[]): boolean {
  for (const match of text.matchAll(ENABLE_DIRECTIVE)) {
    const rules = match[1].split(/[\s,]+/).filter(Boolean).map((rule) => rule.toLowerCase());
    if (rules.length === 0 || names.some((name) => rules.includes(name.toLowerCase()))) return true;
  }
  return false;
}

/**
 * The edit behind "Disable <rule> for this line / file": a directive comment above the
 * line (indented like it), or at the top of the file after any front matter. A file
 * directive that is already there gains the rule instead of a second comment. Null for the
 * file where an enable directive turns the rule back on below the top: no comment there
 * would silence it in the whole file (`ruleId`, the rule's code, is a name it may use too).
 */
export function disableDirectiveEdit(text: string, lineStartOffset: number, alias: string, scope: 'line', eol: string, ruleId?: string): TextEdit;
export function disableDirectiveEdit(text: string, lineStartOffset: number, alias: string, scope: 'line' | 'file', eol: string, ruleId?: string): TextEdit | null;
export function disableDirectiveEdit(text: string, lineStartOffset: number, alias: string, scope: 'line' | 'file', eol: string, ruleId?: string): TextEdit | null {
  if (scope === 'line') {
    if (lineStartOffset === 0 && text.charCodeAt(0) === 0xfeff) lineStartOffset = 1;
    const indent = /^[ \t>]*/.exec(text.slice(lineStartOffset))![0];
    const html = tableAround(text, lineStartOffset) ? null : htmlBlockAround(text, lineStartOffset);
    const block = html ?? tableAround(text, lineStartOffset) ?? paragraphAround(text, lineStartOffset);
    if (block) {
      // A comment between two rows or two lines of a paragraph would split it, and one inside
      // an HTML block would be its HTML: silence the rule around the block instead. The block
      // itself comes back unchanged; below an HTML block a blank line ends it first.
      const quote = (at: number): string => /^[ \t>]*/.exec(text.slice(at))![0];
      const endLine = Math.max(text.lastIndexOf('\n', block.end - 1), text.lastIndexOf('\r', block.end - 1)) + 1;
      const body = text.slice(block.start, block.end);
      // Below an HTML block, also one inside a list item the paragraph opens, a blank line ends it first.
      const blank = html || ('html' in block && block.html) ? `${/^[ \t>]*>/.exec(quote(endLine))?.[0] ?? ''}${eol}` : '';
      const around = `${quote(block.start)}<!-- ${DIRECTIVE_PREFIX}disable ${alias} -->${eol}${body}${eol}${blank}${quote(endLine)}<!-- ${DIRECTIVE_PREFIX}enable ${alias} -->`;
      return { offset: block.start, length: body.length, text: around, placeholders: [] };
    }
    return { offset: lineStartOffset, length: 0, text: `${indent}<!-- ${DIRECTIVE_PREFIX}disable-next-line ${alias} -->${eol}`, placeholders: [] };
  }
  // After a byte-order mark, which must stay the file's first character.
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const top = bom + (FRONT_MATTER.exec(text.slice(bom))?.[0].length ?? 0);
  if (reEnabled(text.slice(top), ruleId ? [alias, ruleId] : [alias])) return null;
  const existing = FILE_DIRECTIVE.exec(text.slice(top));
  if (existing) {
    // The rule joins the list as written (spacing, tabs, commas and all).
    return { offset: top + existing[1].length, length: 0, text: ` ${alias}`, placeholders: [] };
  }
  return { offset: top, length: 0, text: `<!-- ${DIRECTIVE_PREFIX}disable ${alias} -->${eol}${eol}`, placeholders: [] };
}
