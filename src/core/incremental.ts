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
import { analyze } from './analyze';
import { detectEol, hasTableDelimiterRow } from './markdown';
import type { AnalyzeOptions } from './options';
import type { Answer, AnalyzeResult, Diagnostic, Point, Range } from './types';

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
/** A speaker (`A:`, `Answer:`, `Me:`) may answer a `Q:` line of the block above: no cut before one. */
const SPEAKER_START = /^[\s>*_]*(?:a|answer|my|me|candidate|response)\b/i;

/**
 * Cuts a document into blocks that analyze alone as they do in place. A cut goes before an
 * ATX heading at the start of a line, of the smallest depth any heading in the document could
 * have (so it closes whatever answer is open and no later heading is a sub-step of one above),
 * outside front matter, fenced code, HTML blocks and comments, Obsidian `%%` comments; not
 * right after a line of HTML or a comment's end (a `disable-next-line`), not before an aside
 * heading or a speaker line. Once anything makes the rest uncertain (a fence inside a list or
 * quote, a directive written inline), the rest of the document stays one block.
 * Returns one block when no cut is safe.
 */
export function splitBlocks(text: string): ScannedBlock[] {
  const whole: ScannedBlock[] = [{ start: 0, end: text.length, line: 1, heading: '', directives: [], depth: 0, shallowest: 0 }];
  if (/\r(?!\n)/.test(text)) return whole;
  const obsidian = obsidianRanges(text);
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  interface Candidate {
    start: number;
    line: number;
    depth: number;
    heading: string;
  }
  const candidates: Candidate[] = [];
  const directivesBefore: Array<{ offset: number; text: string }> = [];
  const headings: Array<{ offset: number; depth: number }> = [];
  let fence: { char: string; length: number } | null = null;
  let comment = false;
  let rawHtmlEnd: RegExp | null = null;
  let frontMatter = text.startsWith('---', bom);
  let htmlInRun = false;
  let lastNonBlank = '';
  let uncertainFrom = text.length;
  let obsidianIndex = 0;
  let lineNumber = 0;

  for (let start = 0; start < text.length && uncertainFrom === text.length; ) {
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

    const atx = ATX.exec(line);
    if (atx) headings.push({ offset: lineStart, depth: atx[1].length });
    if (atx && lineStart > 0) {
      const safe = !htmlInRun && !lastNonBlank.includes('star-coach-') && !ASIDE_WORDS.test(line) && !line.includes('<') && !line.includes('star-coach-');
      if (safe) candidates.push({ start: lineStart, line: lineNumber, depth: atx[1].length, heading: line });
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
      if (kind === 'disable' || kind === 'enable') directivesBefore.push({ offset: lineStart, text: inner });
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
  if (fence || frontMatter) {
    // An unclosed fence or front matter: where it ends depends on the whole document.
    return whole;
  }

  // A speaker line right under the heading could answer a `Q:` above it: no cut there.
  const cuts = candidates.filter((c) => c.start < uncertainFrom && !SPEAKER_START.test(firstContentLine(text, c.start)));
  if (cuts.length === 0) return whole;
  const blocks: ScannedBlock[] = [];
  let previous = { start: 0, line: 1, heading: '', depth: 0 };
  // Directives and headings are in document order: one pointer each walks them with the blocks.
  let directive = 0;
  let heading = 0;
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

/** The first non-blank line after the heading line at `start`. */
function firstContentLine(text: string, start: number): string {
  let at = text.indexOf('\n', start);
  while (at >= 0) {
    const newline = text.indexOf('\n', at + 1);
    const line = text.slice(at + 1, newline < 0 ? text.length : newline);
    if (line.trim() !== '') return line;
    if (newline < 0) break;
    at = newline;
  }
  return '';
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

/** What a block is analyzed as: its text with what it needs from around it, and where it sits. */
interface Prepared {
  key: string;
  text: string;
  /** Add to an offset of the prepared text to get the whole document's. */
  offsetShift: number;
  lineShift: number;
  /** Offset in the prepared text where the block's own text starts. */
  ownStart: number;
}

/**
 * A block's text as analyzed: directives above it replayed in front (they silence rules
 * from their line on), a table delimiter row in front when the whole document has one (the
 * parser then reads tables, footnotes and task lists in the block as in the document; text
 * before the first heading belongs to no answer), and the next block's heading after it, so
 * the last answer ends as it does in the document.
 */
function prepare(text: string, block: ScannedBlock, index: number, blocks: ScannedBlock[], eol: string, tables: boolean, replayed: readonly string[]): Prepared {
  const own = text.slice(block.start, block.end);
  const needsTables = tables && blocks.length > 1 && !hasTableDelimiterRow(own);
  let prefix = '';
  let prefixLines = 0;
  if (index > 0) {
    for (const directive of replayed) {
      prefix += `<!-- ${directive} -->${eol}${eol}`;
      prefixLines += 2;
    }
    if (needsTables) {
      prefix += `-|${eol}${eol}`;
      prefixLines += 2;
    }
  }
  let suffix = '';
  const following = blocks[index + 1];
  if (following) {
    suffix = `${following.heading}${eol}`;
    if (index === 0 && needsTables) suffix += `${eol}-|${eol}`;
  }
  const prepared = prefix + own + suffix;
  return { key: prepared, text: prepared, offsetShift: block.start - prefix.length, lineShift: block.line - 1 - prefixLines, ownStart: prefix.length };
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
  /** True when the last run fell back to one whole-document analysis. */
  whole: boolean;
}

/**
 * Analyzes successive versions of one document, re-analyzing only the blocks that changed.
 * The cache holds the blocks of the latest version only, so memory does not grow with edits.
 */
export class IncrementalAnalyzer {
  private cache = new Map<string, AnalyzeResult>();
  /**
   * Heading lines a cut was made before and that read as a section label (`### Result`): no
   * cut is tried there again. Only a hint: a cut left out merely joins two blocks.
   */
  private readonly labelHeadings = new Set<string>();
  /**
   * Each block's result as shifted into the last merged result: a block whose place did not
   * change (all blocks above an edit) is taken as it is, not copied again. Results are shared
   * between versions, so they are read-only to callers.
   */
  private placed = new Map<string, { offsetShift: number; lineShift: number; answerShift: number; part: AnalyzeResult }>();
  private key = '';
  private questions: AnalyzeOptions['questions'];
  stats: IncrementalStats = { blocks: 0, analyzed: 0, whole: false };

  /** The analysis of `text`, equal to `analyze(text, options)`. */
  analyze(text: string, options: AnalyzeOptions = {}): AnalyzeResult {
    const key = optionsKey(options);
    if (key !== this.key || options.questions !== this.questions) {
      this.cache.clear();
      this.placed.clear();
      this.key = key;
      this.questions = options.questions;
    }
    const used = new Map<string, AnalyzeResult>();
    this.stats = { blocks: 0, analyzed: 0, whole: false };
    const run = (cacheKey: string, blockText: string, blockOptions: AnalyzeOptions): AnalyzeResult => {
      let result = used.get(cacheKey) ?? this.cache.get(cacheKey);
      if (!result) {
        result = analyze(blockText, blockOptions);
        this.stats.analyzed++;
      }
      used.set(cacheKey, result);
      return result;
    };
    try {
      return this.merged(text, options, run) ?? this.whole(text, options, run);
    } finally {
      this.cache = used;
    }
  }

  private whole(text: string, options: AnalyzeOptions, run: (key: string, text: string, options: AnalyzeOptions) => AnalyzeResult): AnalyzeResult {
    this.stats.blocks = 1;
    this.stats.whole = true;
    this.placed.clear();
    return clone(run(`W${text}`, text, options), 0, 0, 0);
  }

  private merged(text: string, options: AnalyzeOptions, run: (key: string, text: string, options: AnalyzeOptions) => AnalyzeResult): AnalyzeResult | null {
    let blocks = splitBlocks(text);
    if (this.labelHeadings.size > 0) blocks = joinWhere(blocks, (block) => this.labelHeadings.has(block.heading));
    if (blocks.length < 2) return null;
    const eol = detectEol(text);
    if (eol === '\r') return null;
    const tables = hasTableDelimiterRow(text);
    const forced = { ...options, forceDraft: true };

    for (;;) {
      // The directives of the blocks above each block, gathered as the blocks go by.
      const replayed: string[] = [];
      const prepared = blocks.map((block, index) => {
        const ready = prepare(text, block, index, blocks, eol, tables, replayed.length > 0 ? [...replayed] : replayed);
        replayed.push(...block.directives);
        return ready;
      });
      if (prepared.some((p) => detectEol(p.text) !== eol)) return null;
      const plainKeys = prepared.map((p) => `${options.forceDraft ? 'F' : 'N'}${p.key}`);
      const plain = prepared.map((p, i) => run(plainKeys[i], p.text, options));
      // A draft if any block is one (draft detection only grows with more labels); when none
      // is, labels spread over blocks may still make one: analyze the whole.
      const isDraft = options.forceDraft ?? plain.some((r) => r.isDraft);
      if (!isDraft) return options.forceDraft === false ? { isDraft: false, answers: [], diagnostics: [] } : null;
      const results = plain.map((r, i) => (r.isDraft ? r : run(`F${prepared[i].key}`, prepared[i].text, forced)));

      // A cut is wrong when its heading was read as a label (it continues the answer above), or
      // when front matter is followed by no answer in its block (it names the first answer).
      // A cut is also wrong when the answer open above it could hold its heading: a title or
      // section heading shallower than it (the heading would be a sub-step inside it).
      // Every wrong cut is undone at once (its block joins the one above), then the blocks are
      // analyzed again, until none is wrong.
      const wrong = new Set<number>();
      // A block that is no draft alone was analyzed as one (forced); a forced analysis also keeps
      // lone labels and blank skeletons that only explicit drafts keep. Where it found answers in
      // a document that is not explicitly a draft, the block is joined to a neighbour instead.
      const explicit = options.forceDraft === true || /\.star\.(?:md|markdown)$/i.test(options.fileName ?? '');
      results.forEach((r, i) => {
        if (!explicit && !plain[i].isDraft && r.answers.length > 0) {
          wrong.add(i === 0 ? 1 : i);
          return;
        }
        if (i === 0) {
          if (text.startsWith('---', text.charCodeAt(0) === 0xfeff ? 1 : 0) && r.answers.length === 0) wrong.add(1);
          return;
        }
        if (r.answers.some((a) => a.sections.some((s) => s.labelRange.start.offset === prepared[i].ownStart))) {
          this.labelHeadings.add(blocks[i].heading);
          wrong.add(i);
          return;
        }
        const above = results[i - 1];
        // The block above is analyzed with this block's heading after it: read there, in its
        // context, the heading must end the answer above (not be one of its labels or lines).
        const headingAt = prepared[i - 1].ownStart + (blocks[i - 1].end - blocks[i - 1].start);
        if (above.answers.some((a) => a.range.end.offset > headingAt || a.sections.some((s) => s.labelRange.start.offset >= headingAt))) {
          wrong.add(i);
          return;
        }
        if (above.answers.length === 0) return;
        const depth = blocks[i].depth;
        if (blocks[i - 1].shallowest < depth || !closes(above.answers[above.answers.length - 1], prepared[i - 1].text, depth)) wrong.add(i);
      });
      if (wrong.size > 0) {
        blocks = joinWhere(blocks, (_, i) => wrong.has(i));
        if (blocks.length < 2) return null;
        continue;
      }

      const answers: Answer[] = [];
      const diagnostics: Diagnostic[] = [];
      const placed = new Map<string, { offsetShift: number; lineShift: number; answerShift: number; part: AnalyzeResult }>();
      results.forEach((result, i) => {
        const { offsetShift, lineShift } = prepared[i];
        const key = `${plain[i].isDraft ? plainKeys[i] : `F${prepared[i].key}`}@${i}`;
        const before = this.placed.get(key);
        const answerShift = answers.length;
        const part =
          before && before.offsetShift === offsetShift && before.lineShift === lineShift && before.answerShift === answerShift
            ? before.part
            : clone(result, offsetShift, lineShift, answerShift);
        placed.set(key, { offsetShift, lineShift, answerShift, part });
        for (const answer of part.answers) answers.push(answer);
        for (const diagnostic of part.diagnostics) diagnostics.push(diagnostic);
      });
      this.placed = placed;
      diagnostics.sort((a, b) => a.range.start.offset - b.range.start.offset || a.ruleId.localeCompare(b.ruleId));
      this.stats.blocks = blocks.length;
      return { isDraft: true, answers, diagnostics };
    }
  }
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
function closes(answer: Answer, text: string, depth: number): boolean {
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

/** A deep copy of a cached result with offsets, lines and answer indexes moved. */
function clone(result: AnalyzeResult, offsetShift: number, lineShift: number, answerShift: number): AnalyzeResult {
  const point = (p: Point): Point => ({ line: p.line + lineShift, column: p.column, offset: p.offset + offsetShift });
  const range = (r: Range): Range => ({ start: point(r.start), end: point(r.end) });
  const answers = result.answers.map(
    (answer): Answer => ({
      ...answer,
      titleRange: answer.titleRange && range(answer.titleRange),
      range: range(answer.range),
      sections: answer.sections.map((section) => ({ ...section, kinds: [...section.kinds], labelRange: range(section.labelRange), range: range(section.range), style: { ...section.style } })),
      metrics: [...answer.metrics],
    }),
  );
  const diagnostics = result.diagnostics.map(
    (d): Diagnostic => ({
      ...d,
      range: range(d.range),
      data: {
        ...d.data,
        answerIndex: d.data.answerIndex + answerShift,
        sections: [...d.data.sections],
        edit: d.data.edit && { ...d.data.edit, offset: d.data.edit.offset + offsetShift, placeholders: d.data.edit.placeholders.map((p) => ({ ...p })) },
      },
    }),
  );
  return { isDraft: result.isDraft, answers, diagnostics };
}
