/**
 * Incremental analysis: the document is cut into blocks at answer boundaries, each block is
 * analyzed on its own (cached by its text), and the results are shifted into place and
 * merged. The merged result equals a whole-document `analyze()`; a property test over random
 * edits of the bench corpus holds it to that.
 *
 * It builds on `analyze()`'s public behaviour only, so that the reader can change under it.
 * A cut is made only where the document provably starts afresh (see `splitBlocks`); where
 * that cannot be shown the blocks stay together, down to one block (a whole analysis).
 */
import { analyze, releaseTree } from './analyze';
import { detectEol, hasTableDelimiterRow } from '../core/markdown';
import { copyFixData, shiftEdit } from '../core/lazy-edit';
import { paragraphTitle } from '../core/reader/titles';
import type { AnalyzeOptions } from './options';
import { SECTION_KINDS, type Answer, type AnalyzeResult, type Diagnostic, type Point, type Range, type SectionKind } from '../core/types';
import { ownCopy } from '../core/own-copy';

/** A span of the document, in offsets and 1-based lines of the whole text. */
export interface Block {
  start: number;
  end: number;
  /** 1-based line of `start`. */
  line: number;
  /** The boundary heading's line (text without its line ending); '' for the first block. */
  heading: string;
}

/** Disable/enable directives on lines of their own, replayed in front of the blocks after them. */
interface ScannedBlock extends Block {
  directives: string[];
  /** Depth of the boundary heading (0 for the first block). */
  depth: number;
  /** Smallest depth of the ATX headings at line starts in the block (7 for none). */
  shallowest: number;
}

const ATX = /^(#{1,6})(?:[ \t]|$)/;
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;
/** A fence in a list item or quote, or indented four or more: its extent depends on the container. */
const NESTED_FENCE = /^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+[ \t>]*)*(?:`{3,}|~{3,})/;
/** HTML blocks that run past blank lines until an end marker (CommonMark kinds 1, 3, 4 and 5). */
const RAW_HTML_OPEN: Array<[RegExp, RegExp]> = [
  [/<(?:script|pre|style|textarea)(?:[\s>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/<\?/, /\?>/],
  [/<!\[CDATA\[/, /\]\]>/],
  [/<![A-Za-z]/, />/],
];
/** A directive comment alone on its line, outside code: the reader always sees it as a comment. */
const DIRECTIVE_LINE = /^ {0,3}<!--((?:(?!-->|<!--)[\s\S])*)-->[ \t]*$/;
const CROSS_BLOCK_DIRECTIVE = /^star-coach-(disable-next-line|disable-line|disable|enable)\b/i;
/**
 * Words of headings that start an aside (pasted feedback, notes) rather than an answer: an
 * aside keeps the answer above it open, so no cut is made there. A superset of the reader's.
 */
const ASIDE_WORDS = /feedback|critique|note|comment|check|rubric|score|follow|question|tip|todo|to do/i;
/**
 * Headings that most likely name a part (`### Situation`, `## Result:`): no cut is tried before
 * them, where the analyzer would only learn, after analyzing both blocks, that the heading is a
 * label and join them again. Only a hint: a cut left out merely joins two blocks.
 */
const LABEL_HEADING = /^#{1,6}[ \t]+(?:[*_]{1,2})?(?:[STARL](?:[ \t]*[-:–—.)][ \t]*|[ \t]*$)|(?:situation|task|action|result|reflection|learning|lesson|challenge|outcome|context|background|approach|obstacle)s?\b)/i;
/** A speaker (`A:`, `Answer:`, `Me:`) may answer a `Q:` line of the block above: no cut before one. */
const SPEAKER_START = /^[\s>*_]*(?:a|answer|my|me|candidate|response)\b/i;

/**
 * Cuts a document into blocks that analyze alone as they do in place. A cut goes before an
 * ATX heading at the start of a line, of the smallest depth any heading in the document could
 * have (so it closes whatever answer is open and no later heading is a sub-step of one above),
 * outside front matter, fenced code, HTML blocks and comments, Obsidian `%%` comments; not
 * right after a line of HTML or a comment's end (a `disable-next-line`), not before an aside
 * heading or a speaker line. In a document without headings, a cut goes before a question
 * line under a `---` rule (see `questionLine`). Once anything makes the rest uncertain (a
 * fence inside a list or quote, a directive written inline), the rest stays one block.
 * Returns one block when no cut is safe.
 */
export function splitBlocks(text: string): ScannedBlock[] {
  return blocksOf(scanText(text));
}

/**
 * What one scan of a text found: the cut candidates, directives and headings in document
 * order, where the rest became uncertain, and whether the text ended inside a fence or front
 * matter. The analyzer keeps it, so that the next version is scanned again only around the edit.
 */
interface Scan {
  text: string;
  candidates: Candidate[];
  directives: Array<{ offset: number; text: string }>;
  headings: Array<{ offset: number; depth: number }>;
  obsidian: Array<[number, number]>;
  /** Offset from which no cut is made (text.length for none). */
  uncertainFrom: number;
  /** A fence or front matter still open at the end: where it ends depends on the whole document. */
  unclosed: boolean;
  /** A lone CR somewhere: the document is analyzed whole. */
  loneCR: boolean;
  /** Offset of a line that is a table delimiter row, or -1. */
  tableRow: number;
}

interface Candidate {
  start: number;
  line: number;
  /** The heading's depth; 0 for a question line. */
  depth: number;
  heading: string;
  /** A question line's cut also depends on the line after it: where that line ends. */
  reads?: number;
  /** Whether a speaker line follows the heading, and where the lines that told end (kept while they are unchanged). */
  speaker?: { is: boolean; end: number };
}

/** Where two versions of a text differ: they are equal before `start` and from `oldEnd` / `newEnd` on. */
interface Change {
  start: number;
  oldEnd: number;
  newEnd: number;
}

const LONE_CR = /\r(?!\n)/;
/** A line that may hold a link reference definition, in a list item or a quote too. */
const DEFINITION_LINE = /^[ \t>*+\-\d.)]*\[[^\]\n]+\]:/m;
const TABLE_ROW_LINE = /^[ \t>]*(?:\|[ \t]*)?:?-+:?[ \t]*\|[ \t:|-]*$/m;

/** Where `a` and `b` differ, comparing in chunks (string comparison runs natively) before single characters. */
export function changeBetween(a: string, b: string): Change {
  const limit = Math.min(a.length, b.length);
  let start = 0;
  for (let chunk = 4096; chunk >= 1; chunk >>= 4) {
    while (start + chunk <= limit && a.slice(start, start + chunk) === b.slice(start, start + chunk)) start += chunk;
  }
  let tail = 0;
  const tailLimit = limit - start;
  for (let chunk = 4096; chunk >= 1; chunk >>= 4) {
    while (tail + chunk <= tailLimit && a.slice(a.length - tail - chunk, a.length - tail) === b.slice(b.length - tail - chunk, b.length - tail)) tail += chunk;
  }
  return { start, oldEnd: a.length - tail, newEnd: b.length - tail };
}

/** Offset of some table delimiter row in `text`, or -1. */
function findTableRow(text: string, from = 0, to = text.length): number {
  const slice = from === 0 && to === text.length ? text : text.slice(from, to);
  const found = TABLE_ROW_LINE.exec(slice);
  return found ? from + found.index : -1;
}

/** A full scan of `text`. */
function scanText(text: string): Scan {
  const obsidian = obsidianRanges(text);
  const loneCR = LONE_CR.test(text);
  const scan: Scan = { text, candidates: [], directives: [], headings: [], obsidian, uncertainFrom: text.length, unclosed: false, loneCR, tableRow: findTableRow(text) };
  if (loneCR) return scan;
  const end = scanLines(text, obsidian, 0, 0, true, scan, () => false);
  scan.uncertainFrom = end.uncertainFrom;
  scan.unclosed = end.unclosed;
  return scan;
}

/**
 * The scan of `text`, a new version of `previous.text` changed only in `change`: lines are
 * scanned again from the last cut candidate above the change, until a candidate below it
 * where the old scan had one too (in the same state: a candidate line is only ever reached
 * outside every open construct); from there the old scan's findings are shifted into place.
 */
function rescan(previous: Scan, text: string, change: Change): Scan {
  const delta = change.newEnd - change.oldEnd;
  const obsidian = obsidianRanges(text);
  // A lone CR can only appear where the text changed (or next to it, by a deleted LF).
  const loneCR = previous.loneCR ? LONE_CR.test(text) : LONE_CR.test(text.slice(Math.max(0, change.start - 1), change.newEnd + 1));
  const tableRow = rescanTableRow(previous, text, change, delta);
  const scan: Scan = { text, candidates: [], directives: [], headings: [], obsidian, uncertainFrom: text.length, unclosed: false, loneCR, tableRow };
  if (loneCR) return scan;
  if (previous.loneCR) return scanText(text);

  // Resume at the last candidate whose line ends before the change (its line and the lines above are unchanged).
  let resume = -1;
  for (let i = previous.candidates.length - 1; i >= 0; i--) {
    const candidate = previous.candidates[i];
    if ((candidate.reads ?? candidate.start + candidate.heading.length + 1) < change.start) {
      resume = i;
      break;
    }
  }
  const from = resume >= 0 ? previous.candidates[resume].start : 0;
  const fromLine = resume >= 0 ? previous.candidates[resume].line - 1 : 0;
  for (let i = 0; i < (resume >= 0 ? resume : 0); i++) {
    const candidate = previous.candidates[i];
    // Its speaker check read lines up to the change: read them again.
    scan.candidates.push(candidate.speaker && candidate.speaker.end >= change.start ? { ...candidate, speaker: undefined } : candidate);
  }
  for (const directive of previous.directives) if (directive.offset < from) scan.directives.push(directive);
  else break;
  for (const heading of previous.headings) if (heading.offset < from) scan.headings.push(heading);
  else break;

  // Old candidates by offset, to recognise one below the change.
  let lineDelta = 0;
  for (let at = text.indexOf('\n', change.start); at >= 0 && at < change.newEnd; at = text.indexOf('\n', at + 1)) lineDelta++;
  for (let at = previous.text.indexOf('\n', change.start); at >= 0 && at < change.oldEnd; at = previous.text.indexOf('\n', at + 1)) lineDelta--;
  let oldIndex = Math.max(0, resume);
  const resync = (candidate: Candidate): boolean => {
    // Past the change by a full line, where the old text had a candidate at the same place.
    if (candidate.start <= change.newEnd) return false;
    const oldStart = candidate.start - delta;
    while (oldIndex < previous.candidates.length && previous.candidates[oldIndex].start < oldStart) oldIndex++;
    if (oldIndex >= previous.candidates.length || previous.candidates[oldIndex].start !== oldStart) return false;
    return sameTail(previous.obsidian, oldStart, obsidian, candidate.start);
  };
  const end = scanLines(text, obsidian, from, fromLine, resume < 0, scan, resync);
  if (!end.resynced) {
    scan.uncertainFrom = end.uncertainFrom;
    scan.unclosed = end.unclosed;
    return scan;
  }
  // The candidate scanned last is old candidate `oldIndex`: take the old findings after it.
  const oldStart = previous.candidates[oldIndex].start;
  for (let i = oldIndex + 1; i < previous.candidates.length; i++) {
    const c = previous.candidates[i];
    scan.candidates.push({ start: c.start + delta, line: c.line + lineDelta, depth: c.depth, heading: c.heading, reads: c.reads === undefined ? undefined : c.reads + delta, speaker: c.speaker && { is: c.speaker.is, end: c.speaker.end + delta } });
  }
  for (const directive of previous.directives) if (directive.offset > oldStart) scan.directives.push({ offset: directive.offset + delta, text: directive.text });
  for (const heading of previous.headings) if (heading.offset > oldStart) scan.headings.push({ offset: heading.offset + delta, depth: heading.depth });
  scan.uncertainFrom = previous.uncertainFrom === previous.text.length ? text.length : previous.uncertainFrom + delta;
  scan.unclosed = previous.unclosed;
  return scan;
}

/** Whether the `%%` ranges from `oldAt` on in the old text are those from `newAt` on in the new one. */
function sameTail(old: Array<[number, number]>, oldAt: number, now: Array<[number, number]>, newAt: number): boolean {
  let i = 0;
  let j = 0;
  while (i < old.length && old[i][0] < oldAt) i++;
  while (j < now.length && now[j][0] < newAt) j++;
  if (old.length - i !== now.length - j) return false;
  for (; i < old.length; i++, j++) if (old[i][0] - oldAt !== now[j][0] - newAt || old[i][1] - oldAt !== now[j][1] - newAt) return false;
  return true;
}

/** A table delimiter row of the new text, looking again only at the changed lines when it can. */
function rescanTableRow(previous: Scan, text: string, change: Change, delta: number): number {
  const lineStart = text.lastIndexOf('\n', change.start - 1) + 1;
  const lineEndAt = text.indexOf('\n', change.newEnd);
  const changed = findTableRow(text, lineStart, lineEndAt < 0 ? text.length : lineEndAt);
  if (changed >= 0) return changed;
  const row = previous.tableRow;
  if (row < 0) return -1;
  const rowEnd = previous.text.indexOf('\n', row);
  if (rowEnd >= 0 && rowEnd < change.start) return row;
  if (row > change.oldEnd && previous.text[row - 1] === '\n') return row + delta;
  return findTableRow(text);
}

/**
 * Scans lines from `from` (a line start: 0, or a cut candidate's line, where no construct is
 * open), adding what it finds to `into`. After each cut candidate it asks `resync` whether to
 * stop there.
 */
function scanLines(
  text: string,
  obsidian: Array<[number, number]>,
  from: number,
  linesBefore: number,
  atStart: boolean,
  into: Pick<Scan, 'candidates' | 'directives' | 'headings'>,
  resync: (candidate: Candidate) => boolean,
): { uncertainFrom: number; unclosed: boolean; resynced: boolean } {
  const { candidates, directives: directivesBefore, headings } = into;
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let fence: { char: string; length: number } | null = null;
  let comment = false;
  let rawHtmlEnd: RegExp | null = null;
  let frontMatter = atStart && text.startsWith('---', bom);
  let htmlInRun = false;
  let lastNonBlank = '';
  let uncertainFrom = text.length;
  let obsidianIndex = 0;
  let lineNumber = linesBefore;

  for (let start = from; start < text.length && uncertainFrom === text.length; ) {
    lineNumber++;
    const newline = text.indexOf('\n', start);
    const next = newline < 0 ? text.length : newline + 1;
    let line = text.slice(start, newline < 0 ? text.length : newline);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (lineNumber === 1 && bom) line = line.slice(1);
    const lineStart = start;
    start = next;

    while (obsidianIndex < obsidian.length && obsidian[obsidianIndex][1] <= lineStart) obsidianIndex++;
    const inObsidian = obsidianIndex < obsidian.length && obsidian[obsidianIndex][0] < lineStart;
    const touchesObsidian = obsidianIndex < obsidian.length && obsidian[obsidianIndex][0] < next;
    if (touchesObsidian) {
      // Blanked text the reader never sees: no cut here, and nothing in it counts.
      if (line.includes('star-coach-') || line.includes('<') || line.includes('`') || line.includes('~')) {
        // What the blanking leaves of the line is not worth modelling: stop cutting.
        if (!inObsidian || obsidian[obsidianIndex][1] < next) uncertainFrom = lineStart;
      }
      if (line.trim() !== '') {
        lastNonBlank = line;
      }
      continue;
    }

    if (frontMatter) {
      if (lineNumber > 1 && /^(?:---|\.\.\.)[ \t]*$/.test(line)) frontMatter = false;
      continue;
    }
    const blank = line.trim() === '';
    if (fence) {
      const close = FENCE_OPEN.exec(line);
      if (close && close[1][0] === fence.char && close[1].length >= fence.length && line.trim() === close[1]) fence = null;
      continue;
    }
    if (comment || rawHtmlEnd) {
      if (line.includes('star-coach-')) uncertainFrom = lineStart;
      if (comment) {
        const end = line.indexOf('-->');
        if (end >= 0) {
          comment = false;
          if (line.indexOf('<!--', end + 3) >= 0) comment = line.lastIndexOf('-->') < line.lastIndexOf('<!--');
        }
      } else if (rawHtmlEnd!.test(line)) rawHtmlEnd = null;
      lastNonBlank = blank ? lastNonBlank : line;
      htmlInRun = true;
      continue;
    }

    const atx = line.charCodeAt(0) === 0x23 ? ATX.exec(line) : null;
    if (atx) headings.push({ offset: lineStart, depth: atx[1].length });
    if (atx && lineStart > 0) {
      const safe = !htmlInRun && !lastNonBlank.includes('star-coach-') && !ASIDE_WORDS.test(line) && !line.includes('<') && !line.includes('star-coach-');
      if (safe) {
        const candidate = { start: lineStart, line: lineNumber, depth: atx[1].length, heading: ownCopy(line) };
        candidates.push(candidate);
        // A candidate line opens nothing: the scan is in the same state as the old one was here.
        if (resync(candidate)) return { uncertainFrom, unclosed: false, resynced: true };
      }
    }

    const question = atx || lineStart === 0 || htmlInRun || line.includes('<') || line.includes('star-coach-') || lastNonBlank.includes('star-coach-') ? null : questionLine(text, lineStart, line, next);
    if (question !== null) {
      const candidate = { start: lineStart, line: lineNumber, depth: 0, heading: ownCopy(line), reads: question };
      candidates.push(candidate);
      if (resync(candidate)) return { uncertainFrom, unclosed: false, resynced: true };
    }

    const open = FENCE_OPEN.exec(line);
    if (open && !(open[1][0] === '`' && line.slice(open.index + open[1].length).includes('`'))) {
      fence = { char: open[1][0], length: open[1].length };
    } else if (NESTED_FENCE.test(line)) {
      uncertainFrom = lineStart;
      break;
    }

    if (line.includes('star-coach-')) {
      const directive = DIRECTIVE_LINE.exec(line);
      if (!directive || fence) {
        uncertainFrom = lineStart;
        break;
      }
      const inner = directive[1].trim();
      const kind = CROSS_BLOCK_DIRECTIVE.exec(inner)?.[1].toLowerCase();
      if (kind === 'disable' || kind === 'enable') directivesBefore.push({ offset: lineStart, text: ownCopy(inner) });
    }
    if (line.includes('<')) {
      htmlInRun = true;
      const commentStart = line.lastIndexOf('<!--');
      if (commentStart >= 0 && line.indexOf('-->', commentStart + 4) < 0) comment = true;
      for (const [opener, closer] of RAW_HTML_OPEN) {
        const at = opener.exec(line);
        if (at && !closer.test(line.slice(at.index + 2))) rawHtmlEnd = closer;
      }
    } else if (blank) {
      htmlInRun = false;
    }
    if (!blank) lastNonBlank = line;
  }
  return { uncertainFrom, unclosed: fence !== null || frontMatter, resynced: false };
}

/** A letter or emphasis mark at column 0: how a question line of a bank without headings starts. */
const QUESTION_LINE_START = /^[A-Za-z*_]/;
const BLANK = /^[ \t]*\r?$/;
const RULE = /^(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})\r?$/;
/** An ATX heading line, anywhere (the scan's list of headings stops where the rest is uncertain). */
const ANY_ATX = /^ {0,3}#{1,6}(?:[ \t]|\r?$)/m;
/** A line of `=` or `-` under a line of text: a setext heading, as far as a look at two lines tells. */
const MAYBE_SETEXT = /\S[ \t]*\r?\n {0,3}(?:=+|-+)[ \t]*\r?$/m;

/**
 * Where the line after `line` ends, when `line` (at `lineStart`, the next line at `next`) is a
 * question that titles the next answer in a bank without headings, as the reader takes one
 * (`Q: …`, `**Tell me about a time …**`), a paragraph of its own right under a rule (blank
 * lines between): a blank line or the end below it. Like a heading, such a line closes the
 * answer above it, and the analyzer checks that it did; the rule closes what inference reads
 * as one stretch of prose (which a question line alone does not). Null when it is not one.
 */
function questionLine(text: string, lineStart: number, line: string, next: number): number | null {
  if (!QUESTION_LINE_START.test(line)) return null;
  let above = lineStart;
  for (let lines = 0; ; lines++) {
    if (above === 0 || lines > 4) return null;
    const previousStart = text.lastIndexOf('\n', above - 2) + 1;
    const previous = text.slice(previousStart, above - 1);
    above = previousStart;
    if (RULE.test(previous)) break;
    if (!BLANK.test(previous)) return null;
  }
  const after = text.indexOf('\n', next);
  const end = after < 0 ? text.length : after;
  if (next < text.length && !BLANK.test(text.slice(next, end))) return null;
  return paragraphTitle(line) === null ? null : end;
}

/** The blocks a scan cuts its text into (one block when no cut is safe). */
function blocksOf(scan: Scan, skip?: ReadonlySet<string>): ScannedBlock[] {
  const { text } = scan;
  const whole: ScannedBlock[] = [{ start: 0, end: text.length, line: 1, heading: '', directives: [], depth: 0, shallowest: 0 }];
  // An unclosed fence or front matter: where it ends depends on the whole document.
  if (scan.loneCR || scan.unclosed) return whole;
  // A link reference definition (`[^1]: note`, `[docs]: /url`) is resolved across the whole
  // document: a block without it reads its `[^1]` as text, where the whole parse made a link.
  if (text.includes(']:') && DEFINITION_LINE.test(text)) return whole;
  // A speaker line right under the heading could answer a `Q:` above it: no cut there.
  // Question lines are cuts only in a document without headings: a block between two of them
  // would have none, where the document's heading (or whether it has one) changes how prose
  // is read. (A speaker under a question line answers that question.)
  let headingless: boolean | undefined;
  const questionCut = (): boolean => (headingless ??= !ANY_ATX.test(text) && !MAYBE_SETEXT.test(text));
  const cuts = scan.candidates.filter((c) => c.start < scan.uncertainFrom && !skip?.has(c.heading) && (c.depth === 0 ? questionCut() : !LABEL_HEADING.test(c.heading) && !speakerFollows(text, c)));
  if (cuts.length === 0) return whole;
  const blocks: ScannedBlock[] = [];
  let previous = { start: 0, line: 1, heading: '', depth: 0 };
  // Directives and headings are in document order: one pointer each walks them with the blocks.
  let directive = 0;
  let heading = 0;
  const { directives: directivesBefore, headings } = scan;
  for (const cut of [...cuts, null]) {
    const end = cut ? cut.start : text.length;
    const directives: string[] = [];
    for (; directive < directivesBefore.length && directivesBefore[directive].offset < end; directive++) directives.push(directivesBefore[directive].text);
    let shallowest = 7;
    for (; heading < headings.length && headings[heading].offset < end; heading++) shallowest = Math.min(shallowest, headings[heading].depth);
    blocks.push({ start: previous.start, end, line: previous.line, heading: previous.heading, directives, depth: previous.depth, shallowest });
    if (cut) previous = cut;
  }
  return blocks;
}

/** Whether the first non-blank line after a candidate's heading line is a speaker's (`A:`); remembered on the candidate. */
function speakerFollows(text: string, candidate: Candidate): boolean {
  if (candidate.speaker) return candidate.speaker.is;
  let at = text.indexOf('\n', candidate.start);
  let found = '';
  let end = text.length;
  while (at >= 0) {
    const newline = text.indexOf('\n', at + 1);
    const line = text.slice(at + 1, newline < 0 ? text.length : newline);
    if (line.trim() !== '') {
      found = line;
      end = newline < 0 ? text.length : newline;
      break;
    }
    if (newline < 0) break;
    at = newline;
  }
  candidate.speaker = { is: SPEAKER_START.test(found), end };
  return candidate.speaker.is;
}

/** The `%% … %%` spans analyze() blanks out, paired left to right as its pattern pairs them. */
function obsidianRanges(text: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (let open = text.indexOf('%%'); open >= 0; ) {
    const close = text.indexOf('%%', open + 2);
    if (close < 0) break;
    ranges.push([open, close + 2]);
    open = text.indexOf('%%', close + 2);
  }
  return ranges;
}

/**
 * What a block is analyzed with: directives above it replayed in front (they silence rules
 * from their line on), a table delimiter row in front when the whole document has one (the
 * parser then reads tables, footnotes and task lists in the block as in the document; text
 * before the first heading belongs to no answer), and the next block's heading after it, so
 * the last answer ends as it does in the document. The texts around are built only when the
 * block is analyzed; the parts they are made of say whether two blocks are prepared alike.
 */
class Prepared {
  /** Offset in the prepared text where the block's own text starts. */
  readonly ownStart: number;
  /** Add to an offset of the prepared text to get the whole document's. */
  readonly offsetShift: number;
  readonly lineShift: number;
  private prefixText: string | undefined;
  private suffixText: string | undefined;

  constructor(
    block: ScannedBlock,
    readonly first: boolean,
    /** The directives of the blocks above, as replayed. */
    readonly replayed: string,
    replayedLines: number,
    readonly needsTables: boolean,
    /** The next block's heading line, or null for the last block. */
    readonly next: string | null,
    readonly eol: string,
  ) {
    const tableLines = needsTables && !first ? 2 : 0;
    this.ownStart = first ? 0 : replayed.length + (tableLines ? 2 + 2 * eol.length : 0);
    this.offsetShift = block.start - this.ownStart;
    this.lineShift = block.line - 1 - (first ? 0 : replayedLines + tableLines);
  }

  get prefix(): string {
    return (this.prefixText ??= this.first ? '' : this.replayed + (this.needsTables ? `-|${this.eol}${this.eol}` : ''));
  }

  get suffix(): string {
    if (this.suffixText === undefined) {
      this.suffixText = this.next === null ? '' : `${this.next}${this.eol}`;
      if (this.next !== null && this.first && this.needsTables) this.suffixText += `${this.eol}-|${this.eol}`;
    }
    return this.suffixText;
  }

  /** Whether a block prepared as `other` is analyzed with the same text around it. */
  alike(other: Prepared): boolean {
    return this.first === other.first && this.needsTables === other.needsTables && this.eol === other.eol && this.next === other.next && this.replayed === other.replayed;
  }
}

/** Options that change a result; the question bank is compared by identity. */
function optionsKey(options: AnalyzeOptions): string {
  const { questions: _questions, ...rest } = options;
  void _questions;
  return JSON.stringify(rest);
}

/** What the last run did, for the bench and tests. */
export interface IncrementalStats {
  blocks: number;
  /** Blocks analyzed in the last run (the rest came from the cache). */
  analyzed: number;
  /** Characters those analyses read (prepared texts: a block with its context lines). */
  analyzedChars: number;
  /** True when the last run fell back to one whole-document analysis. */
  whole: boolean;
}

/** A block's result (offsets and lines of its prepared text) and where it goes in the document's. */
export interface PlacedPart {
  result: AnalyzeResult;
  offsetShift: number;
  lineShift: number;
  /** Answers of the blocks above: added to the part's answer indexes. */
  answerShift: number;
}

/** A document's analysis as parts: merged (`ResultMerger`) it is the whole-document result. */
export interface PlacedParts {
  isDraft: boolean;
  parts: PlacedPart[];
}

/** One analyzed block: its results and whether its prepared text keeps the document's line endings. */
interface BlockRecord {
  eolOk: boolean;
  plain?: AnalyzeResult;
  forced?: AnalyzeResult;
  /** The result used in the merge: without findings about the document as a whole. */
  answerLevel?: { of: AnalyzeResult; result: AnalyzeResult };
  /**
   * Verdicts on the cut above this block (wrong or not), by the record of the block above: a
   * verdict depends on the two alone. Weak, so that replaced records are not kept alive.
   */
  cuts?: WeakMap<BlockRecord, boolean>;
}

/** A block of one version: where it ends, whether its own text has a table row, its records by what went around it. */
interface BlockEntry {
  end: number;
  ownTable: boolean;
  records: Array<{ prepared: Prepared; record: BlockRecord }>;
  /** While a version is analyzed: the same text's entry in the version before. */
  before: BlockEntry | undefined;
}

/** Block entries by start offset. */
type BlockIndex = Map<number, BlockEntry[]>;

/** The record of a block prepared like `prepared`. */
function findRecord(records: BlockEntry['records'], prepared: Prepared): BlockRecord | undefined {
  for (const r of records) if (r.prepared.alike(prepared)) return r.record;
  return undefined;
}

/**
 * Analyzes successive versions of one document, re-analyzing only the blocks that changed.
 * Each version is compared with the last: blocks wholly before or after the changed text keep
 * their results (found by position, without comparing or hashing their text), and the scan
 * for cuts runs again only around the change. Memory holds the latest version's blocks only.
 */
export class IncrementalAnalyzer {
  /**
   * Heading lines a cut was made before and that read as a section label (`### Result`): no
   * cut is tried there again. Only a hint: a cut left out merely joins two blocks.
   */
  private readonly labelHeadings = new Set<string>();
  private readonly merger = new ResultMerger();
  private key = '';
  private questions: AnalyzeOptions['questions'];
  private scan: Scan | undefined;
  /** The last version's blocks by start offset: each block's end, table flag and records by what went around it. */
  private records: BlockIndex = new Map();
  private wholeRecord: { text: string; result: AnalyzeResult } | undefined;
  /** The last merged version's blocks (start, end), which `grouped` keeps where an edit did not reach. */
  private lastBlocks: Array<[number, number]> | undefined;
  stats: IncrementalStats = { blocks: 0, analyzed: 0, analyzedChars: 0, whole: false };

  /** The analysis of `text`, equal to `analyze(text, options)`. Results are shared between versions: read-only. */
  analyze(text: string, options: AnalyzeOptions = {}): AnalyzeResult {
    return this.merger.merge(this.analyzeParts(text, options));
  }

  /** The analysis of `text` as parts, for a caller that merges them elsewhere (the analysis worker's host). */
  analyzeParts(text: string, options: AnalyzeOptions = {}): PlacedParts {
    const key = optionsKey(options);
    if (key !== this.key || options.questions !== this.questions) {
      this.records.clear();
      this.wholeRecord = undefined;
      this.key = key;
      this.questions = options.questions;
    }
    this.stats = { blocks: 0, analyzed: 0, analyzedChars: 0, whole: false };
    const previous = this.scan;
    const change = previous ? changeBetween(previous.text, text) : undefined;
    this.scan = previous && change ? rescan(previous, text, change) : scanText(text);
    return this.merged(text, options, change) ?? this.whole(text, options);
  }

  private run(text: string, options: AnalyzeOptions): AnalyzeResult {
    this.stats.analyzed++;
    this.stats.analyzedChars += text.length;
    // Kept in the block cache: without its tree (about ten times the block's text).
    return releaseTree(analyze(text, options));
  }

  private whole(text: string, options: AnalyzeOptions): PlacedParts {
    this.stats.blocks = 1;
    this.stats.whole = true;
    if (this.wholeRecord?.text !== text) this.wholeRecord = { text, result: this.run(text, options) };
    return { isDraft: this.wholeRecord.result.isDraft, parts: [{ result: this.wholeRecord.result, offsetShift: 0, lineShift: 0, answerShift: 0 }] };
  }

  private merged(text: string, options: AnalyzeOptions, change: Change | undefined): PlacedParts | null {
    const scan = this.scan!;
    let blocks = grouped(blocksOf(scan, this.labelHeadings), text.length, this.lastBlocks, change);
    // Analyzed whole unless merged below: the next version then cuts wherever it can.
    this.lastBlocks = [[0, text.length]];
    if (blocks.length < 2) return null;
    const eol = detectEol(text);
    if (eol === '\r') return null;
    const tables = scan.tableRow >= 0;
    const forced = { ...options, forceDraft: true };
    const delta = change ? change.newEnd - change.oldEnd : 0;
    // The last version's entry for a block whose own text is unchanged (wholly before or after the change).
    const oldEntry = (block: ScannedBlock): BlockEntry | undefined => {
      if (!change) return undefined;
      const shift = block.end <= change.start ? 0 : block.start >= change.newEnd ? delta : undefined;
      if (shift === undefined) return undefined;
      return this.records.get(block.start - shift)?.find((entry) => entry.end === block.end - shift);
    };
    const records: BlockIndex = new Map();
    const memo = new Map<string, AnalyzeResult>();
    try {
      for (;;) {
        // The directives of the blocks above each block, gathered as the blocks go by.
        let replayed = '';
        let replayedLines = 0;
        const prepared: Prepared[] = [];
        const blockRecords: BlockRecord[] = [];
        for (let index = 0; index < blocks.length; index++) {
          const block = blocks[index];
          let entry = records.get(block.start)?.find((e) => e.end === block.end);
          if (!entry) {
            const before = oldEntry(block);
            entry = { end: block.end, ownTable: before?.ownTable ?? hasTableDelimiterRow(text.slice(block.start, block.end)), records: [], before };
            const list = records.get(block.start);
            if (list) list.push(entry);
            else records.set(block.start, [entry]);
          }
          const following = blocks[index + 1];
          const ready = new Prepared(block, index === 0, replayed, replayedLines, tables && blocks.length > 1 && !entry.ownTable, following ? following.heading : null, eol);
          prepared.push(ready);
          for (const directive of block.directives) {
            replayed += `<!-- ${directive} -->${eol}${eol}`;
            replayedLines += 2;
          }
          let record = findRecord(entry.records, ready);
          if (!record) {
            record = (entry.before && findRecord(entry.before.records, ready)) ?? { eolOk: detectEol(ready.prefix + text.slice(block.start, block.end) + ready.suffix) === eol };
            entry.records.push({ prepared: ready, record });
          }
          blockRecords.push(record);
        }
        if (blockRecords.some((r) => !r.eolOk)) return null;
        const textOf = (i: number): string => prepared[i].prefix + text.slice(blocks[i].start, blocks[i].end) + prepared[i].suffix;
        // Blocks analyzed in this run, by their prepared text: a document can hold the same block twice.
        const analyzed = (text: string, blockOptions: AnalyzeOptions, mode: string): AnalyzeResult => {
          const key = mode + text;
          let result = memo.get(key);
          if (!result) memo.set(key, (result = this.run(text, blockOptions)));
          return result;
        };
        const plain = blockRecords.map((r, i) => (r.plain ??= analyzed(textOf(i), options, 'N')));
        // A draft if any block is one (draft detection only grows with more labels); when none
        // is, labels spread over blocks may still make one: analyze the whole.
        const isDraft = options.forceDraft ?? plain.some((r) => r.isDraft);
        if (!isDraft) return options.forceDraft === false ? { isDraft: false, parts: [] } : null;
        const results = plain.map((r, i) => (r.isDraft ? r : (blockRecords[i].forced ??= analyzed(textOf(i), forced, 'F'))));

        const wrong = this.wrongCuts(text, blocks, prepared, plain, results, options, blockRecords);
        if (wrong.size > 0) {
          blocks = joinWhere(blocks, (_, i) => wrong.has(i));
          if (blocks.length < 2) return null;
          continue;
        }

        const parts: PlacedPart[] = [];
        let answerShift = 0;
        results.forEach((result, i) => {
          const record = blockRecords[i];
          if (record.answerLevel?.of !== result) record.answerLevel = { of: result, result: answerLevel(result) };
          parts.push({ result: record.answerLevel.result, offsetShift: prepared[i].offsetShift, lineShift: prepared[i].lineShift, answerShift });
          answerShift += result.answers.length;
        });
        // A finding about the document as a whole (answer index -1, such as "no STAR parts in
        // this draft") is made only where the document has no answer: then analyze the whole.
        if (answerShift === 0 && results.some((r) => r.diagnostics.some((d) => d.data.answerIndex < 0))) return null;
        if (results.some(readsWithDocumentForms)) return null;
        this.stats.blocks = blocks.length;
        this.lastBlocks = blocks.map((block) => [block.start, block.end]);
        this.wholeRecord = undefined;
        return { isDraft: true, parts };
      }
    } finally {
      for (const list of records.values()) for (const entry of list) entry.before = undefined;
      this.records = records;
    }
  }

  /**
   * The cuts that are wrong, by the index of the block after them. A cut is wrong when its
   * heading was read as a label (it continues the answer above), or when front matter is
   * followed by no answer in its block (it names the first answer). A cut is also wrong when
   * the answer open above it could hold its heading: a title or section heading shallower than
   * it (the heading would be a sub-step inside it). Every wrong cut is undone at once (its
   * block joins the one above), then the blocks are analyzed again, until none is wrong.
   * A verdict depends on the two blocks' prepared texts alone, so a right one is kept with
   * their records and not worked out again.
   */
  private wrongCuts(text: string, blocks: ScannedBlock[], prepared: Prepared[], plain: AnalyzeResult[], results: AnalyzeResult[], options: AnalyzeOptions, records: BlockRecord[]): Set<number> {
    const wrong = new Set<number>();
    // A block that is no draft alone was analyzed as one (forced); a forced analysis also keeps
    // lone labels and blank skeletons that only explicit drafts keep. Where it found answers in
    // a document that is not explicitly a draft, the block is joined to a neighbour instead.
    const explicit = options.forceDraft === true || /\.star\.(?:md|markdown)$/i.test(options.fileName ?? '');
    for (let i = 0; i < results.length; i++) {
      const known = i > 0 ? records[i].cuts?.get(records[i - 1]) : undefined;
      if (known !== undefined) {
        if (known) wrong.add(i);
        continue;
      }
      const join = this.wrongCut(text, blocks, prepared, plain, results, explicit, i);
      if (join > 0) wrong.add(join);
      if (i > 0) (records[i].cuts ??= new WeakMap()).set(records[i - 1], join > 0);
    }
    // A cut wrong because a shallower heading above opened an answer leaves that answer open
    // for every deeper cut after it: join them now, not one more cut per round (which made
    // a bank of many `##` answers under one `#` answer cost rounds times blocks).
    for (const i of [...wrong].sort((a, b) => a - b)) {
      if (i === 0 || results[i - 1].answers.length === 0 || blocks[i - 1].shallowest >= blocks[i].depth) continue;
      let shallowest = Math.min(blocks[i - 1].shallowest, blocks[i].shallowest);
      for (let j = i + 1; j < blocks.length && blocks[j].depth > shallowest; j++) {
        wrong.add(j);
        shallowest = Math.min(shallowest, blocks[j].shallowest);
      }
    }
    return wrong;
  }

  /** The block to join to the one above because of block `i` (0 for none). */
  private wrongCut(text: string, blocks: ScannedBlock[], prepared: Prepared[], plain: AnalyzeResult[], results: AnalyzeResult[], explicit: boolean, i: number): number {
    const r = results[i];
    if (!explicit && !plain[i].isDraft && r.answers.length > 0) return i === 0 ? 1 : i;
    if (i === 0) return text.startsWith('---', text.charCodeAt(0) === 0xfeff ? 1 : 0) && r.answers.length === 0 ? 1 : 0;
    if (r.answers.some((a) => a.sections.some((s) => s.labelRange.start.offset === prepared[i].ownStart))) {
      this.labelHeadings.add(blocks[i].heading);
      return i;
    }
    const above = results[i - 1];
    // The block above is analyzed with this block's heading after it: read there, in its
    // context, the heading must end the answer above (not be one of its labels or lines).
    const headingAt = prepared[i - 1].ownStart + (blocks[i - 1].end - blocks[i - 1].start);
    if (above.answers.some((a) => a.range.end.offset > headingAt || a.sections.some((s) => s.labelRange.start.offset >= headingAt))) return i;
    const depth = blocks[i].depth;
    // A title above with no parts yet holds a deeper heading at its story's part-heading depth
    // that names no part as a step of that story (the reader reads it so).
    if (above.answers.length === 0) return blocks[i - 1].shallowest < depth && r.answers.some((a) => a.sections.some((s) => s.style.kind === 'heading' && s.style.depth === depth)) ? i : 0;
    if (blocks[i - 1].shallowest < depth || !closes(above.answers[above.answers.length - 1], preparedView(text, blocks[i - 1], prepared[i - 1]), depth)) return i;
    return 0;
  }
}

const dependsOnForms = new WeakMap<AnalyzeResult, boolean>();
/**
 * Whether a block's reading may depend on how labels are written elsewhere in the document:
 * a heading that names a part, with nothing under it, right above a label in another form
 * that names an earlier part. The reader makes such a heading the next story's title when
 * the document uses that form for several parts, which a block alone cannot see; a block
 * that kept the heading as a part is then analyzed with the whole document.
 */
function readsWithDocumentForms(result: AnalyzeResult): boolean {
  let known = dependsOnForms.get(result);
  if (known === undefined) {
    known = false;
    const first = (kinds: readonly SectionKind[]): number => Math.min(...kinds.map((kind) => SECTION_KINDS.indexOf(kind)));
    const sections = result.answers.flatMap((answer) => answer.sections.filter((section) => !section.inferred));
    for (let i = 0; i + 1 < sections.length && !known; i++) {
      const [heading, below] = [sections[i], sections[i + 1]];
      known = heading.style.kind === 'heading' && heading.empty && below.style.kind !== 'heading' && first(below.kinds) < first(heading.kinds);
    }
    dependsOnForms.set(result, known);
  }
  return known;
}

/** A block's result without findings about the whole document (answer index -1), which a block cannot tell. */
function answerLevel(result: AnalyzeResult): AnalyzeResult {
  return result.diagnostics.some((d) => d.data.answerIndex < 0) ? { ...result, diagnostics: result.diagnostics.filter((d) => d.data.answerIndex >= 0) } : result;
}

/** Slices of a block's prepared text, read from the document where they fall in the block's own text. */
interface TextView {
  slice(from: number, to: number): string;
  lastIndexOf(search: string, position: number): number;
}

function preparedView(text: string, block: ScannedBlock, prepared: Prepared): TextView {
  const ownEnd = prepared.ownStart + (block.end - block.start);
  const inOwn = (from: number, to: number): boolean => from >= prepared.ownStart && to <= ownEnd;
  let whole: string | undefined;
  const full = (): string => (whole ??= prepared.prefix + text.slice(block.start, block.end) + prepared.suffix);
  const toDocument = (offset: number): number => offset - prepared.ownStart + block.start;
  return {
    slice: (from, to) => (inOwn(from, to) ? text.slice(toDocument(from), toDocument(to)) : full().slice(from, to)),
    lastIndexOf: (search, position) => {
      if (inOwn(position, position)) {
        const found = text.lastIndexOf(search, toDocument(position));
        if (found >= block.start) return found - block.start + prepared.ownStart;
      }
      return full().lastIndexOf(search, position);
    },
  };
}

/**
 * On a first analysis, blocks are analyzed in groups of about this many characters: each
 * analysis has a fixed cost, which a 200k-word bank's 1,551 blocks paid one by one (the first
 * open took longer than a bare parse). An edit later analyzes the group it falls in as its own
 * blocks, so typing costs what it did.
 */
const GROUP_CHARS = 4_000;
const GROUPED_FROM = 100_000;

/**
 * `blocks` with some cuts left out: on a first analysis (no `previous` blocks) of a long text,
 * all but about one per GROUP_CHARS; later, the cuts inside a block of the last version that
 * the change did not reach, so that its analysis is found again. Any subset of the cuts is
 * sound: each cut made is checked as before.
 */
function grouped(blocks: ScannedBlock[], length: number, previous: Array<[number, number]> | undefined, change: Change | undefined): ScannedBlock[] {
  if (blocks.length < 2) return blocks;
  if (!previous || !change) {
    // A shorter text's first analysis costs little either way.
    if (length < GROUPED_FROM) return blocks;
    let groupStart = 0;
    // A group holds no heading shallower than the cuts it leaves out, so that each cut it
    // makes is checked as the same cut between single blocks is (a deeper cut could be a
    // sub-step of an answer above it).
    let shallowest = blocks[0].shallowest;
    return joinWhere(blocks, (block) => {
      if (block.start - groupStart < GROUP_CHARS && shallowest >= block.depth) {
        shallowest = Math.min(shallowest, block.shallowest, block.depth);
        return true;
      }
      groupStart = block.start;
      shallowest = Math.min(block.shallowest, block.depth || 7);
      return false;
    });
  }
  const delta = change.newEnd - change.oldEnd;
  // The cuts around the edited stretch: the start of the block the change starts in, and the end of the one it ends in.
  let before = 0;
  while (before + 1 < blocks.length && blocks[before + 1].start <= change.start) before++;
  let after = before + 1;
  while (after < blocks.length && blocks[after].start <= change.newEnd) after++;
  let k = 0;
  return joinWhere(blocks, (block, index) => {
    // The cut's place in the last version, when it is outside the change.
    const at = block.start <= change.start ? block.start : block.start >= change.newEnd ? block.start - delta : -1;
    if (at < 0) return false;
    while (k < previous.length && previous[k][1] <= at) k++;
    if (k >= previous.length) return false;
    const [start, end] = previous[k];
    if (start >= at) return false;
    // Inside a block the change reached, only the edited stretch is cut out: at most three
    // blocks to analyze (and send) for an edit, as before blocks were grouped.
    return (end <= change.start || start >= change.oldEnd) || (index !== before && index !== after);
  });
}

/** The blocks with each block that `join` picks (never the first) joined to the one above it. */
function joinWhere(blocks: ScannedBlock[], join: (block: ScannedBlock, index: number) => boolean): ScannedBlock[] {
  const joined: ScannedBlock[] = [];
  blocks.forEach((block, index) => {
    const last = joined[joined.length - 1];
    if (index > 0 && join(block, index)) {
      joined[joined.length - 1] = { ...last, end: block.end, directives: [...last.directives, ...block.directives], shallowest: Math.min(last.shallowest, block.shallowest, block.depth) };
    } else {
      joined.push(block);
    }
  });
  return joined;
}

/**
 * Whether a heading of `depth` right after this answer closes it for sure: the answer's title
 * and section headings are no shallower (else the heading could be one of its sub-steps).
 */
function closes(answer: Answer, text: TextView, depth: number): boolean {
  for (const section of answer.sections) if (section.style.kind === 'heading' && section.style.depth < depth) return false;
  const title = answer.titleRange;
  if (!title) return true;
  const hashes = /^#{1,6}/.exec(text.slice(title.start.offset, title.start.offset + 7));
  if (hashes) return hashes[0].length >= depth;
  if (title.start.line === title.end.line) return true;
  // A setext heading, or a question wrapped over lines: read as depth 1 unless its last line is text.
  const last = text.slice(text.lastIndexOf('\n', title.end.offset - 1) + 1, title.end.offset);
  return !/^[ \t>]*(?:=+|-+)[ \t]*$/.test(last) || (last.includes('-') && depth <= 2) || depth <= 1;
}

/**
 * Merges placed parts into one result, shifting each part's offsets, lines and answer
 * indexes. A part placed where it was in the last merge is taken as it was (the blocks above
 * an edit); a part placed elsewhere has its copy from the last merge moved in place (the
 * blocks below an edit), not copied again. So a merged result is shared with the next one and
 * stays right only until the next merge: read it, and copy what is kept across versions.
 */
export class ResultMerger {
  private placed = new Map<AnalyzeResult, Placement[]>();

  merge({ isDraft, parts }: PlacedParts): AnalyzeResult {
    const placed = new Map<AnalyzeResult, Placement[]>();
    const answers: Answer[] = [];
    const diagnostics: Diagnostic[] = [];
    let sorted = true;
    // Parts at a new place take the last merge's copies that are not in use at their old place.
    const movable: Array<{ placement: Placement; to: PlacedPart }> = [];
    const claimed = new Set<Placement>();
    for (const to of parts) {
      const same = this.placed.get(to.result)?.find((p) => p.offsetShift === to.offsetShift && p.lineShift === to.lineShift && p.answerShift === to.answerShift);
      if (same) claimed.add(same);
    }
    const partsOf = parts.map((to) => {
      const previous = this.placed.get(to.result);
      let placement = previous?.find((p) => p.offsetShift === to.offsetShift && p.lineShift === to.lineShift && p.answerShift === to.answerShift);
      if (!placement) {
        const free = previous?.find((p) => !claimed.has(p));
        if (free) {
          claimed.add(free);
          movable.push({ placement: free, to });
          placement = free;
        } else {
          placement = { offsetShift: to.offsetShift, lineShift: to.lineShift, answerShift: to.answerShift, part: clone(to.result, to.offsetShift, to.lineShift, to.answerShift) };
        }
      }
      const list = placed.get(to.result);
      if (list) list.push(placement);
      else placed.set(to.result, [placement]);
      return placement;
    });
    for (const { placement, to } of movable) {
      move(placement.part, to.offsetShift - placement.offsetShift, to.lineShift - placement.lineShift, to.answerShift - placement.answerShift);
      placement.offsetShift = to.offsetShift;
      placement.lineShift = to.lineShift;
      placement.answerShift = to.answerShift;
    }
    for (const { part } of partsOf) {
      for (const answer of part.answers) answers.push(answer);
      if (part.diagnostics.length > 0) {
        if (diagnostics.length > 0 && compareDiagnostics(diagnostics[diagnostics.length - 1], part.diagnostics[0]) > 0) sorted = false;
        for (const diagnostic of part.diagnostics) diagnostics.push(diagnostic);
      }
    }
    this.placed = placed;
    // Each part's findings are in order already; parts in document order keep them so.
    if (!sorted) diagnostics.sort(compareDiagnostics);
    return { isDraft, answers, diagnostics };
  }
}

/** A copy of a part's result made for one place in the merged result. */
interface Placement {
  offsetShift: number;
  lineShift: number;
  answerShift: number;
  part: AnalyzeResult;
}

function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.range.start.offset - b.range.start.offset || a.ruleId.localeCompare(b.ruleId);
}

/**
 * A copy of a cached result with offsets, lines and answer indexes moved. Its ranges, sections
 * and fix data are its own (`move` shifts them in place); what never moves is shared.
 */
function clone(result: AnalyzeResult, offsetShift: number, lineShift: number, answerShift: number): AnalyzeResult {
  const point = (p: Point): Point => ({ line: p.line + lineShift, column: p.column, offset: p.offset + offsetShift });
  const range = (r: Range): Range => ({ start: point(r.start), end: point(r.end) });
  const answers = result.answers.map(
    (answer): Answer => ({
      ...answer,
      titleRange: answer.titleRange && range(answer.titleRange),
      range: range(answer.range),
      sections: answer.sections.map((section) => ({ ...section, labelRange: range(section.labelRange), range: range(section.range) })),
    }),
  );
  const diagnostics = result.diagnostics.map(
    (d): Diagnostic => ({
      ...d,
      range: range(d.range),
      data: copyFixData(d.data, { answerIndex: d.data.answerIndex + answerShift }, offsetShift),
    }),
  );
  return { isDraft: result.isDraft, answers, diagnostics };
}

/** Shifts a copy made by `clone` in place. */
function move(part: AnalyzeResult, offsetShift: number, lineShift: number, answerShift: number): void {
  const range = (r: Range): void => {
    r.start.offset += offsetShift;
    r.start.line += lineShift;
    r.end.offset += offsetShift;
    r.end.line += lineShift;
  };
  for (const answer of part.answers) {
    if (answer.titleRange) range(answer.titleRange);
    range(answer.range);
    for (const section of answer.sections) {
      range(section.labelRange);
      range(section.range);
    }
  }
  for (const d of part.diagnostics) {
    range(d.range);
    d.data.answerIndex += answerShift;
    shiftEdit(d.data, offsetShift);
  }
}
