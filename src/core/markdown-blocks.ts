/**
 * Where the markdown parse of a text starts afresh, so that the text can be parsed in pieces
 * and the pieces' trees joined into the tree of the whole: a whole-document parse grows
 * faster than the text (at 50,000 words it takes about 1.3x the sum of its pieces' parses)
 * and holds every token of the document at once.
 *
 * A piece starts at an ATX heading at the very start of a line (`# …`), which ends every
 * open paragraph, list and quote above it, and is never a line of one, after a `---` line
 * at column 0 (a setext underline or a rule, which end them too), or at a quote marker at
 * column 0 where no quote is open: the line is not inside
 * front matter, a fence, an HTML block or a comment. Anything that could leave one of
 * those open in a way a line-by-line look cannot tell (a fence that is not at column 0, a
 * fence line next to HTML) ends the search: the rest is one piece. Definitions are resolved
 * across the whole document, so a text with `]:` in it is never cut.
 *
 * A comment opened at column 0 of such a line and never closed is an HTML block that runs to
 * the end of the document (CommonMark): its node is made without parsing what it holds.
 */

const ATX_AT_LINE_START = /^#{1,6}(?:[ \t]|$)/;
const RULE_OR_UNDERLINE = /^-{3,}[ \t]*$/;
const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/;
/** A fence at column 0: always the document's own, not a list item's or a quote's. */
const TOP_FENCE = /^(`{3,}|~{3,})(.*)$/;
/**
 * A fence marker after blanks or container marks: a fence of the document or of a list item or
 * quote, whose end (and so where the item ends) depends on the lines after it.
 */
const NESTED_FENCE = /^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+[ \t>]*)*(?:`{3,}|~{3,})/;
/** HTML blocks that run past blank lines until an end marker (CommonMark kinds 1 to 5). */
const RAW_HTML: Array<[RegExp, RegExp]> = [
  [/<(?:script|pre|style|textarea)(?:[\s>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/<!--/, /-->/],
  [/<\?/, /\?>/],
  [/<!\[CDATA\[/, /\]\]>/],
  [/<![A-Za-z]/, />/],
];

/** A line where the parse starts afresh, and the setext underlines between it and the one before. */
export interface FreshStart {
  offset: number;
  underlines: number;
}

/** Where a text's parse starts afresh, and where an HTML comment that is never closed starts a line there (-1 for none). */
export interface Pieces {
  starts: FreshStart[];
  unclosedComment: number;
}

/**
 * The lines where a parse of the text can start afresh (see above): each is a line start, past
 * the front matter when the text is parsed with it, and none is 0. Empty when the text cannot
 * be cut. With `tables` (GFM), a `---` line could be a table's: no cut after one.
 */
export function freshStarts(text: string, frontMatter: boolean, tables: boolean): FreshStart[] {
  return pieces(text, frontMatter, tables).starts;
}

/** The fresh starts of a text (before an unclosed comment's line, if any) and that line. */
export function pieces(text: string, frontMatter: boolean, tables: boolean): Pieces {
  const none: Pieces = { starts: [], unclosedComment: -1 };
  // A byte-order mark is left out of the parser's offsets; a lone CR ends lines the split below does not see.
  if (text.charCodeAt(0) === 0xfeff || text.includes(']:') || /\r(?!\n)/.test(text)) return none;
  // The parser's front matter ends at the first `---` line after the first line.
  const closing = frontMatter ? /^---[ \t]*\r?$/m.exec(text.slice(text.indexOf('\n') + 1)) : null;
  if (frontMatter && !closing) return none;
  const from = closing ? text.indexOf('\n') + 1 + closing.index + closing[0].length : 0;
  const starts: FreshStart[] = [];
  let underlines = 0;
  let afterRule = false;
  let afterBlank = false;
  // A line with `>` since the last blank line: a quote may be open (lazy lines keep it so).
  let quoteSinceBlank = false;
  let fence: { char: string; length: number } | null = null;
  let rawEnd: RegExp | null = null;
  // A line with `<` since the last blank line: an HTML block may be open (it ends at a blank line).
  let htmlRun = false;
  // The line of a comment opened where a block starts (column 0, nothing open), while it stays open.
  let comment = -1;
  for (let start = from; start < text.length; ) {
    const newline = text.indexOf('\n', start);
    const next = newline < 0 ? text.length : newline + 1;
    const end = newline > 0 && text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline < 0 ? text.length : newline;
    const line = text.slice(start, end);
    const lineStart = start;
    start = next;
    if (fence) {
      const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
      if (close && close[1][0] === fence.char && close[1].length >= fence.length) fence = null;
      continue;
    }
    if (comment >= 0) {
      // In a comment that opened a block, every line is the comment's until one holds its end.
      if (rawEnd!.test(line)) {
        rawEnd = null;
        comment = -1;
      }
      continue;
    }
    const topFence = TOP_FENCE.exec(line);
    if (!topFence && NESTED_FENCE.test(line)) return { starts, unclosedComment: -1 };
    // A backtick fence's info string has no backtick; with one, the line is text.
    const opensFence = topFence !== null && !(topFence[1][0] === '`' && topFence[2].includes('`'));
    const opened = line.includes('<')
      ? RAW_HTML.filter(([opener, closer]) => {
          const open = opener.exec(line);
          return open !== null && !closer.test(line.slice(open.index + 2));
        })
      : [];
    if (rawEnd || htmlRun) {
      // Inside HTML it is text, after inline HTML a fence: which one, only the parser knows.
      if (opensFence) return { starts, unclosedComment: -1 };
      if (rawEnd) {
        // Another kind opened inside: if the first was inline, this one is the block, with its own end.
        if (opened.some(([, closer]) => closer !== rawEnd)) return { starts, unclosedComment: -1 };
        if (rawEnd.test(line)) rawEnd = null;
        continue;
      }
    }
    // Blank to the parser: spaces and tabs only (JavaScript's trim() also takes no-break spaces and U+FEFF).
    if (/^[ \t]*$/.test(line)) {
      htmlRun = false;
      afterBlank = true;
      quoteSinceBlank = false;
      continue;
    }
    // (The parser drops a byte-order mark at the start of what it is given, and reads `---` there as front matter: a piece starts with neither.)
    // A quote marker at column 0 opens a quote unless one is open: after a blank line, or after
    // lines without `>` (a quote interrupts a paragraph, and a list item needs indentation; a GFM
    // table row could take the line).
    const code = line.charCodeAt(0);
    const opensQuote = code === 0x3e && (afterBlank || (!quoteSinceBlank && !tables));
    const fresh = !htmlRun && lineStart > 0 && (code === 0x23 ? ATX_AT_LINE_START.test(line) : opensQuote || (afterRule && code !== 0xfeff && !line.startsWith('---')));
    afterBlank = false;
    if (line.includes('>')) quoteSinceBlank = true;
    if (fresh) {
      starts.push({ offset: lineStart, underlines });
      underlines = 0;
    }
    // `---` at column 0 closes every container: it underlines the paragraph above, or is a rule.
    afterRule = !htmlRun && !tables && RULE_OR_UNDERLINE.test(line);
    if (SETEXT_UNDERLINE.test(line)) underlines++;
    if (opensFence) {
      fence = { char: topFence![1][0], length: topFence![1].length };
      continue;
    }
    if (line.includes('<')) {
      // At column 0 and outside HTML, `<!--` ends every open paragraph, list and quote and opens
      // an HTML block (a GFM table could take the line as a row: not with tables).
      if (!htmlRun && !tables && lineStart > 0 && line.startsWith('<!--') && opened.length === 1 && opened[0] === RAW_HTML[1]) comment = lineStart;
      htmlRun = true;
      // Two kinds left open on one line: which one the block is depends on where the line starts.
      if (opened.length > 1) return { starts, unclosedComment: -1 };
      if (opened.length === 1) rawEnd = opened[0][1];
    }
  }
  return { starts, unclosedComment: rawEnd === RAW_HTML[1][1] ? comment : -1 };
}
