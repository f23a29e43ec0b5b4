/**
 * The reader's walk: one pass over the markdown tree that turns blocks into events (labels
 * found at line starts and, tentatively, inside lines; titles; content; stops; asides).
 */
import type { Heading, Html, List, Nodes, Paragraph, Root, Table } from 'mdast';
import { collapseWhitespace, countWords, type LineIndex, plainText } from '../markdown';
import type { LabelStyle, Range, SectionKind } from '../types';
import { followingLabels, GLUED_HYPHEN, letterLabelsInLine, scanLabel, wordLabelsInLine, type LabelMatch } from './candidates';
import type { Comment } from './index';
import { isProseFence } from './prose-fence';
import { ASIDE_LINE, isWrappedQuestion, paragraphTitle, QUESTION_PREFIX, QUESTION_TITLE, SPEAKER_PREFIX, withoutExtras } from './titles';
import type { Vocabulary } from './vocabulary';

export type LabelEvent = {
  type: 'label';
  kinds: SectionKind[];
  labelText: string;
  labelWords: string;
  labelStart: number;
  labelEnd: number;
  /** Offset of the end of the label's line, or of the heading. */
  lineEnd: number;
  inlineText: string;
  style: LabelStyle;
  headingDepth: number;
  /** How many lists the label sits in (0 for a paragraph or heading at the top). */
  listDepth: number;
  /**
   * Found inside a line, not at its start: a bracketed letter counts only if the document
   * writes its labels that way, a word only where it names a later part. A heading that names
   * a part by a synonym and tells more (`## Challenge: migrating 2M users`) is a `word` too.
   */
  tentative?: 'letter' | 'word';
  /** The text on the label's line is only slots to fill in (`[Your role.]`). */
  blank?: true;
  /** Its form, as the schemes stage names it (set there). */
  form?: string;
};
export type Event =
  | LabelEvent
  | { type: 'title'; text: string; start: number; end: number; depth: number }
  /** A bold non-STAR label (`**Tips:**`, `1. **Gathered data:** …`) or a thematic break. */
  | { type: 'stop'; end: number; text: string; listDepth: number }
  /** `code`: a fenced block's text, which counts as prose only directly under a label. */
  | { type: 'content'; text: string; end: number; substantive: boolean; code?: string; blank?: true }
  /** A line that introduces pasted feedback or notes ("ChatGPT feedback (3 June):"). */
  | { type: 'aside'; end: number };

export const HAS_WORD = /[\p{L}\p{N}]/u;
/**
 * Text that is only slots to fill in: `[Your responsibility.]`, `_[Describe the context]_`,
 * `[Company], [Year].` (not a link, a footnote `[^1]` or a reference `[x]: url`).
 */
const BLANK_SLOTS = /^[\s*_]*(?:\[(?!\^)[^[\]\n]{1,120}\](?![([:])[\s,.;:*_]*)+$/;
/** True when source text is only bracketed slots to fill in. */
export function isBlankSlots(source: string): boolean {
  return source.includes('[') && BLANK_SLOTS.test(source);
}
/** Raw HTML blocks that hold prose: Notion callouts, Jupyter alert boxes, `<details>`, `<h3>`/`<p>` pairs. */
/** A `<summary>` line of a `<details>` block, with its text. */
const SUMMARY_LINE = /^\s*(?:<details\b[^>]*>\s*)?<summary\b[^>]*>(.+?)(?:<\/summary>\s*)?$/i;
/** List bullets (`- `, `- - `) at the start of a raw HTML line, which CommonMark leaves as text. */
const HTML_LINE_BULLET = /^(?:[-*+][ \t]+)+/;
const HTML_CONTAINER = /^\s*<(?:aside|div|details|section|article|center|summary|h[1-6]|p|ul|ol|li|b|strong|blockquote)\b[^>]*>/i;
/**
 * Fewest label-led lines (or list items) that make a record: a card of fields such as
 * `**Category:** …`, `**Company / Context:** …`, `**Role:** …`, `**Dates:** …`.
 */
const RECORD_MIN_FIELDS = 3;
/** A record's fields that happen to be STAR words (`Context`, `Role`) name no story part. */
function isRecord(fields: number, starFields: number, lines: number): boolean {
  return fields >= RECORD_MIN_FIELDS && fields === lines && starFields * 2 < fields;
}
/** A line led by one capital letter and its separator: `C - …`, `**T:** …`, `(A): …`. */
const LETTER_LED = /^(?:[-*+][ \t]+)?(?:\*\*|__)?[([]?\p{Lu}[)\]]?(?:\*\*|__)?[ \t]*([:：]|[-–—](?=[ \t]))/u;
/**
 * Letter-led lines in one block that spell something other than STAR (`C - … / T - … / A -
 * … / R - …` for a file's own Category, Testing, Approach, Red Flags): its `T`, `A`, `R` are
 * that word's letters, not parts. Only a letter with the STAR letters' own separator counts
 * (not `X - Y` slots), and a `Q:` question above the letters is no such letter.
 */
function spellsOtherWord(starSeparators: ReadonlySet<string>, foreignSeparators: readonly string[]): boolean {
  const foreign = foreignSeparators.filter((separator) => starSeparators.has(separator)).length;
  return foreign > 0 && starSeparators.size > 0;
}
// The value is trimmed after the match: a lazy `(.*?)\s*$` retries the trailing blanks from
// every position, quadratic in a long run of them.
const FRONT_MATTER_QUESTION = /^question[ \t]*:(.*)$/m;
const FRONT_MATTER_TITLE = /^title[ \t]*:(.*)$/m;

/** An ATX heading's text without its closing `#`s (`## Result ##`), in one pass from the end. */
export function withoutClosingHashes(line: string): string {
  let end = line.length;
  while (end > 0 && (line[end - 1] === ' ' || line[end - 1] === '\t')) end--;
  let hashes = end;
  while (hashes > 0 && line[hashes - 1] === '#') hashes--;
  if (hashes === end || hashes === 0 || (line[hashes - 1] !== ' ' && line[hashes - 1] !== '\t')) return line;
  let start = hashes;
  while (start > 0 && (line[start - 1] === ' ' || line[start - 1] === '\t')) start--;
  return line.slice(0, start);
}

/** What one walk over the markdown tree finds, in document order. */
export interface DocumentEvents {
  events: Event[];
  comments: Comment[];
  frontMatterQuestion: string | null;
  frontMatterTitle: string | null;
}

/** Walks the mdast tree once and turns its blocks into label, title and content events. */
export function readEvents(root: Root, lines: LineIndex, vocabulary: Vocabulary): DocumentEvents {
  const text = lines.text;
  const events: Event[] = [];
  const comments: Comment[] = [];
  let frontMatterQuestion: string | null = null;
  let frontMatterTitle: string | null = null;

  const range = (start: number, end: number): Range => ({ start: lines.pointAt(start), end: lines.pointAt(end) });
  const startOf = (node: Nodes): number => node.position?.start.offset ?? 0;
  const endOf = (node: Nodes): number => node.position?.end.offset ?? 0;
  const content = (source: string, end: number, substantive = false): void => {
    const plain = plainText(source);
    // An image is written content even with no alt text.
    const image = source.includes('![') || source.includes('<img');
    events.push({ type: 'content', text: plain, end, substantive: substantive || image || HAS_WORD.test(plain), ...(isBlankSlots(source) ? { blank: true as const } : {}) });
  };

  const inlineStyle = (match: LabelMatch, prefix: string, blankLine: boolean): LabelStyle => ({
    kind: 'inline',
    wrapper: match.wrapper,
    separator: match.separator,
    separatorInside: match.separatorInside,
    prefix,
    blankLine,
    ownLine: false,
    letter: match.letter,
    letterCase: match.letterCase,
  });

  // Comments written inline (`text <!-- star-coach-disable-next-line -->`) are inline html nodes.
  const inlineComments = (node: Paragraph | Heading): void => {
    for (const child of node.children) {
      if (child.type === 'html' && child.value.startsWith('<!--')) {
        comments.push({ text: child.value.slice(4, -3).trim(), range: range(startOf(child), endOf(child)) });
      }
    }
  };

  // Labels on one line, each running to the next; `tentative` ones stand inside the line (into
  // `labelsHere`, the paragraph's labels, too).
  const emitLabels = (onLine: LabelMatch[], line: string, lineStart: number, lineEnd: number, tentatives: ReadonlySet<LabelMatch>, blankLine: boolean, listDepth: number, labelsHere: LabelEvent[]): void => {
    onLine.forEach((label, index) => {
      const tentative = tentatives.has(label);
      const segmentEnd = index + 1 < onLine.length ? onLine[index + 1].start : line.length;
      const inline = line.slice(label.contentStart, segmentEnd);
      const lineStartOfText = lines.lineStart(lines.pointAt(lineStart).line);
      // A bare `- S` stands on a line of its own like any own-line label, its bullet before it.
      const bare = tentative && label.letter === 'plain' && !label.separator && !label.wrapper;
      const prefix = index === 0 && (!tentative || bare) ? text.slice(lineStartOfText, lineStart + label.start) : '';
      const style = inlineStyle(label, prefix, blankLine);
      if (style.kind === 'inline') {
        style.ownLine = inline.trim() === '' && label.separator === '';
        if (onLine.length > 1 || (tentatives.size > 0 && !bare)) style.sameLine = true;
      }
      const labelText = line.slice(label.start, label.end).trimEnd();
      const event: LabelEvent = {
        type: 'label',
        kinds: label.kinds,
        labelText,
        labelWords: label.words,
        labelStart: lineStart + label.start,
        labelEnd: lineStart + label.start + labelText.length,
        lineEnd: index + 1 < onLine.length ? lineStart + line.slice(0, segmentEnd).trimEnd().length : lineEnd,
        inlineText: plainText(inline),
        style,
        headingDepth: 0,
        listDepth,
        ...(tentative ? { tentative: label.letter ? 'letter' : 'word' } : {}),
        ...(isBlankSlots(inline) ? { blank: true as const } : {}),
      };
      labelsHere.push(event);
      events.push(event);
    });
  };

  let questionPending = false;
  const paragraph = (node: Paragraph | Heading | Html, blankLine: boolean, listDepth: number, end = endOf(node), record = false): void => {
    if (node.type !== 'html') inlineComments(node);
    const start = startOf(node);
    // A lone bold or "Q2." question line titles the next answer in banks without headings;
    // a `Q:` question may wrap onto a second or third line.
    const firstNewline = text.indexOf('\n', start);
    const source = text.slice(start, end);
    const oneLine = firstNewline < 0 || firstNewline >= end;
    if (node.type === 'paragraph' && (oneLine || isWrappedQuestion(source, vocabulary))) {
      const title = paragraphTitle(oneLine ? source : source.replace(/\s*\n[\s>]*/g, ' '));
      if (title) {
        questionPending = QUESTION_PREFIX.test(source);
        events.push({ type: 'title', text: title, start, end, depth: 0 });
        return;
      }
      if (/:[\s*_]*$/.test(source) && ASIDE_LINE.test(source)) {
        events.push({ type: 'aside', end });
        return;
      }
    }
    let pending = '';
    let pendingEnd = start;
    let firstLine = true;
    const labelsHere: LabelEvent[] = [];
    // Lines, and lines led by a label (STAR or not), to tell a record from a story.
    const firstEvent = events.length;
    let lineCount = 0;
    let fieldLines = 0;
    let starFieldLines = 0;
    let letterLines = 0;
    const starSeparators = new Set<string>();
    const foreignSeparators: string[] = [];
    for (let lineStart = start; lineStart < end; ) {
      const newline = text.indexOf('\n', lineStart);
      const next = newline < 0 || newline >= end ? end : newline + 1;
      let lineEnd = newline < 0 || newline >= end ? end : newline;
      if (text[lineEnd - 1] === '\r') lineEnd--;
      const line = text.slice(lineStart, lineEnd);
      // Continuation lines carry their container's markers (`> `, indentation).
      let from = 0;
      if (!firstLine) while (from < line.length && (line[from] === ' ' || line[from] === '\t' || line[from] === '>')) from++;
      // Markdown is not parsed inside raw HTML (`<div>` then `- (A)`): a bullet typed on one of
      // its lines is the writer's list, before a label as in any list item.
      if (!firstLine && node.type === 'html') from += HTML_LINE_BULLET.exec(line.slice(from))?.[0].length ?? 0;
      // `<details><summary>Tell me about a time…</summary>`: the question titles the story below.
      const summary = node.type === 'html' ? SUMMARY_LINE.exec(line) : null;
      const question = summary ? collapseWhitespace(plainText(summary[1])).replace(/^\d{1,3}[.)]\s*/, '') : '';
      if (question && (QUESTION_TITLE.test(question) || /[?？]$/.test(question))) {
        if (pending) content(pending, pendingEnd);
        pending = '';
        events.push({ type: 'title', text: question, start: lineStart, end: lineEnd, depth: 0 });
        firstLine = false;
        lineStart = next;
        continue;
      }
      let match = scanLabel(line, vocabulary, from);
      // `- S` alone on a list item, its story in nested bullets: a bare letter, which counts
      // only as part of a scheme (several parts written so), never a lone `- A` option.
      const bareLetter = !match && listDepth > 0 && oneLine && node.type === 'paragraph' ? scanLabel(line, vocabulary, from, true) : null;
      if (bareLetter && bareLetter.letter === 'plain' && !bareLetter.separator && !bareLetter.wrapper) match = bareLetter;
      // A speaker before the label ("**Answer:** **Situation:** …", "Me: Situation: …"), or
      // "A:" right after a "Q:", answers the question; the label, if any, follows it.
      const speaker = SPEAKER_PREFIX.exec(line.slice(from));
      if (speaker && (!match || match.kinds.length === 0 || match.letter === 'plain')) {
        const after = scanLabel(line, vocabulary, from + speaker[0].length);
        const answersQuestion = questionPending && match?.letter === 'plain' && match.kinds[0] === 'action';
        if ((after && after.kinds.length > 0) || answersQuestion) {
          from += speaker[0].length;
          match = after;
        }
      }
      const rest = line.slice(from);
      questionPending = QUESTION_PREFIX.test(rest);
      if (line.trim()) lineCount++;
      if (match) {
        fieldLines++;
        if (match.kinds.length > 0) starFieldLines++;
      }
      const letterLed = questionPending ? null : LETTER_LED.exec(rest);
      if (letterLed) {
        letterLines++;
        if (match && match.kinds.length > 0 && match.letter) starSeparators.add(letterLed[1]);
        else foreignSeparators.push(letterLed[1]);
      }
      if (match && match.kinds.length > 0 && record) {
        if (pending) content(pending, pendingEnd);
        pending = '';
        events.push({ type: 'stop', end: lineEnd, text: plainText(rest), listDepth });
      } else if (match) {
        if (pending) content(pending, pendingEnd);
        pending = '';
        if (match.kinds.length === 0) {
          events.push({ type: 'stop', end: lineEnd, text: plainText(rest), listDepth });
        } else {
          // "S: outage at 2am. T: restore. A: rolled back.": more labels after sentence ends.
          const sure = [match, ...followingLabels(line, vocabulary, match)];
          // Bracketed letters elsewhere in the line (`…and own study now (R) I can…`) may be labels too.
          const last = sure[sure.length - 1].contentStart;
          const inLine = [...letterLabelsInLine(line, vocabulary, last), ...wordLabelsInLine(line, vocabulary, last)];
          const onLine = [...sure, ...inLine].sort((a, b) => a.start - b.start);
          // A letter glued to a hyphen (`S-For …`) counts only as part of a scheme, as inside a line.
          emitLabels(onLine, line, lineStart, lineEnd, new Set(match.separator === GLUED_HYPHEN || match === bareLetter ? [match, ...inLine] : inLine), blankLine, listDepth, labelsHere);
        }
      } else {
        // `…and we missed it. (R) Now I check…`: bracketed letters inside the line, kept
        // only if the document's scheme is bracketed letters (decided once all are seen).
        const inLine = [...letterLabelsInLine(line, vocabulary, from), ...wordLabelsInLine(line, vocabulary, from)].sort((a, b) => a.start - b.start);
        const before = inLine.length > 0 ? line.slice(from, inLine[0].start).trimEnd() : line.slice(from);
        if (before) {
          pending += (pending ? ' ' : '') + before;
          pendingEnd = inLine.length > 0 ? lineStart + from + before.length : lineEnd;
        }
        if (inLine.length > 0) {
          if (pending) content(pending, pendingEnd);
          pending = '';
          emitLabels(inLine, line, lineStart, lineEnd, new Set(inLine), blankLine, listDepth, labelsHere);
        }
      }
      firstLine = false;
      lineStart = next;
    }
    if (pending) content(pending, pendingEnd);
    // A card of fields, most of them not STAR words: its `Context:` or `Role:` is a field.
    const otherWord = letterLines >= RECORD_MIN_FIELDS && spellsOtherWord(starSeparators, foreignSeparators);
    if (!record && labelsHere.length > 0 && (otherWord || isRecord(fieldLines, starFieldLines, lineCount))) {
      for (let i = firstEvent; i < events.length; i++) {
        const event = events[i];
        if (event.type === 'label' && (!otherWord || event.style.kind !== 'inline' || event.style.letter)) {
          events[i] = { type: 'stop', end: event.lineEnd, text: plainText(event.labelText + ' ' + event.inlineText), listDepth };
        }
      }
      return;
    }
    // Several labels in one paragraph: the writer puts each on its own line, no blank line between.
    if (labelsHere.length > 1) {
      for (const label of labelsHere) if (label.style.kind === 'inline') label.style.blankLine = false;
    }
  };

  const heading = (node: Heading, blankLine: boolean, listDepth: number): void => {
    const start = startOf(node);
    const end = endOf(node);
    const firstLineEnd = text.indexOf('\n', start);
    const rawLine = text.slice(start, firstLineEnd < 0 || firstLineEnd > end ? end : firstLineEnd).replace(/\r$/, '');
    // An ATX heading is one line; a setext heading has its underline on a line of its own
    // (and its text may start with `#`: `#interview` over `---`).
    const setext = firstLineEnd >= 0 && firstLineEnd < end;
    // A `---` rule right under a paragraph makes CommonMark read the paragraph as a setext
    // heading; several lines of labels above it were meant as a paragraph and a rule.
    const underline = text.lastIndexOf('\n', end - 1);
    if (setext && underline > firstLineEnd && firstLineEnd >= 0) {
      paragraph(node, blankLine, listDepth, text[underline - 1] === '\r' ? underline - 1 : underline);
      return;
    }
    inlineComments(node);
    const marker = (setext ? /^\s*/ : /^\s*#{1,6}(?:\s+|$)/).exec(rawLine) ?? [''];
    const inner = withoutExtras(withoutClosingHashes(rawLine.slice(marker[0].length)));
    const match = scanLabel(inner, vocabulary, 0, true);
    // "## Challenge: migrating 2M users in a weekend" names a story, not its Task, unless the
    // document's headings are its stories' parts (the schemes stage decides).
    const namesStory = match !== null && match.separator !== '' && !vocabulary.isCanonical(match.words) && countWords(plainText(inner.slice(match.contentStart))) >= 3;
    if (match && match.kinds.length > 0) {
      events.push({
        type: 'label',
        kinds: match.kinds,
        labelText: rawLine.trim(),
        labelWords: match.words,
        labelStart: start,
        labelEnd: end,
        lineEnd: end,
        inlineText: plainText(inner.slice(match.contentStart)),
        style: { kind: 'heading', depth: node.depth, setext, letterCase: match.letterCase },
        headingDepth: node.depth,
        listDepth,
        ...(namesStory ? { tentative: 'word' as const } : {}),
      });
    } else {
      events.push({ type: 'title', text: collapseWhitespace(plainText(inner)), start, end, depth: node.depth });
    }
  };

  const table = (node: Table): void => {
    node.children.forEach((row, index) => {
      const cells = row.children;
      if (cells.length === 0) return;
      const cellSource = text.slice(startOf(cells[0]), endOf(cells[0])).replace(/^\s*\|?|\|?\s*$/g, '');
      const match = scanLabel(cellSource, vocabulary, 0, true);
      const rest = cells.slice(1).map((cell) => text.slice(startOf(cell), endOf(cell))).join(' ');
      if (match && match.kinds.length > 0) {
        events.push({
          type: 'label',
          kinds: match.kinds,
          labelText: cellSource.trim(),
          labelWords: match.words,
          labelStart: startOf(row),
          labelEnd: endOf(row),
          lineEnd: endOf(row),
          inlineText: plainText(cellSource.slice(match.contentStart) + ' ' + rest),
          style: { kind: 'table', columns: cells.length },
          headingDepth: 0,
          listDepth: 0,
        });
      } else if (index > 0) {
        content(cellSource + ' ' + rest, endOf(row));
      }
    });
  };

  // An explicit stack, not recursion: a draft of 3,000 nested `- ` or `> ` must not
  // overflow the call stack. Nodes come off it in document order.
  const pending: Array<{ node: Nodes; blankLine: boolean; listDepth: number; record?: boolean }> = [];
  const schedule = (nodes: readonly Nodes[], blankLine: boolean, listDepth: number, record = false): void => {
    for (let i = nodes.length - 1; i >= 0; i--) pending.push({ node: nodes[i], blankLine, listDepth, record: record && nodes[i].type === 'paragraph' && i === 0 });
  };
  // A list whose every item opens with a label, most of them not STAR words, is a record or
  // another framework's steps (`**Hook** —`, `**What we did** —`, `**The bridge** —`).
  const isRecordList = (list: List): boolean => {
    if (list.children.length < RECORD_MIN_FIELDS) return false;
    let starFields = 0;
    for (const item of list.children) {
      const first = item.children[0];
      if (first?.type !== 'paragraph') return false;
      const from = startOf(first);
      const newline = text.indexOf('\n', from);
      const match = scanLabel(text.slice(from, newline < 0 || newline > endOf(first) ? endOf(first) : newline), vocabulary);
      if (!match) return false;
      if (match.kinds.length > 0) starFields++;
    }
    return isRecord(list.children.length, starFields, list.children.length);
  };
  // The lines between a fence's opening and closing lines, as a raw block to read like prose.
  const fenceInside = (node: Nodes): Html | null => {
    const open = text.indexOf('\n', startOf(node));
    if (open < 0 || open + 1 >= endOf(node)) return null;
    const last = text.lastIndexOf('\n', endOf(node) - 1);
    const closed = last > open && /^[ \t]*(?:```|~~~)/.test(text.slice(last + 1, endOf(node)));
    let end = closed ? last : endOf(node);
    if (text[end - 1] === '\r') end--;
    const start = open + 1;
    return { type: 'html', value: text.slice(start, end), position: { start: lines.pointAt(start), end: lines.pointAt(end) } } as Html;
  };
  const walk = (): void => {
    for (let next = pending.pop(); next; next = pending.pop()) {
      const { node, blankLine, listDepth, record = false } = next;
      switch (node.type) {
        case 'heading':
          heading(node, blankLine, listDepth);
          break;
        case 'paragraph':
          paragraph(node, blankLine, listDepth, endOf(node), record);
          break;
        case 'list': {
          // A loose list has blank lines between items; inserted items should match.
          const spread = node.spread === true;
          const recordList = isRecordList(node);
          for (let i = node.children.length - 1; i >= 0; i--) schedule(node.children[i].children, spread, listDepth + 1, recordList);
          break;
        }
        case 'blockquote':
        case 'footnoteDefinition':
          schedule(node.children, true, listDepth);
          break;
        case 'table':
          table(node);
          break;
        case 'html': {
          // Where the block's text is the document's, each comment gets its own lines, so a
          // directive inside a `<details>` or `<aside>` block silences the line below it.
          const verbatim = text.slice(startOf(node), endOf(node)) === node.value;
          for (const comment of node.value.matchAll(/<!--([\s\S]*?)-->/g)) {
            const at = startOf(node) + (comment.index ?? 0);
            comments.push({ text: comment[1].trim(), range: verbatim ? range(at, at + comment[0].length) : range(startOf(node), endOf(node)) });
          }
          // Notion exports a callout as `<aside>` with its text on the next line, which
          // CommonMark keeps as one raw HTML block: its lines are read like a paragraph's.
          if (HTML_CONTAINER.test(node.value)) paragraph(node, blankLine, listDepth);
          break;
        }
        case 'yaml': {
          const question = FRONT_MATTER_QUESTION.exec(node.value);
          if (question) frontMatterQuestion = question[1].trim().replace(/^["']|["']$/g, '');
          const title = FRONT_MATTER_TITLE.exec(node.value);
          if (title) frontMatterTitle = title[1].trim().replace(/^["']|["']$/g, '') || null;
          break;
        }
        case 'code':
          // "Result:", a blank line, then text indented four spaces is an indented code block
          // to CommonMark, but prose to whoever wrote it. Fenced code stays code.
          if (/^[ \t]*(?:```|~~~)/.test(text.slice(startOf(node), startOf(node) + 40)) || node.lang) {
            // A bare fence holding a told story with part labels is read line by line, like
            // a raw HTML block's prose.
            const inner = isProseFence(node.lang, node.value, vocabulary) ? fenceInside(node) : null;
            if (inner) {
              paragraph(inner, blankLine, listDepth);
              break;
            }
            events.push({ type: 'content', text: '', end: endOf(node), substantive: true, code: collapseWhitespace(node.value) });
          } else {
            content(node.value, endOf(node), true);
          }
          break;
        case 'thematicBreak':
          // `---` between stories in a bank without headings ends the part above it.
          events.push({ type: 'stop', end: endOf(node), text: '', listDepth });
          break;
        case 'definition':
          break;
        default:
          content(text.slice(startOf(node), endOf(node)), endOf(node), true);
      }
    }
  };

  schedule(root.children, true, 0);
  walk();
  return { events, comments, frontMatterQuestion, frontMatterTitle };
}
