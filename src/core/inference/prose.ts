/**
 * Inference, stage 3: where a draft holds an answer written as prose, and the answers and
 * sections read from it. Runs after the reader (src/core/reader), on what the reader left:
 * paragraphs under an interview-question heading, or the body of an explicit draft, that no
 * labelled answer holds; and the prose above the first label of an answer whose labels
 * start later than the Situation.
 */
import type { Heading, Root, RootContent } from 'mdast';
import { collapseWhitespace, countWords, plainText, type LineIndex } from '../markdown';
import { withoutClosingHashes } from '../reader/events';
import { QUESTION_TITLE, withoutExtras } from '../reader/titles';
import { SECTION_KINDS, type Answer, type LabelStyle, type Range, type Section } from '../types';
import { inferParts, type Inference, type Span } from './index';

/** A paragraph, or an item of a list. */
interface ProseSpan extends Span {
  list: boolean;
}

/** A run of prose blocks under one heading (or none), not held by a labelled answer. */
interface ProseGroup {
  heading: Heading | null;
  headingText: string | null;
  spans: ProseSpan[];
  start: number;
  end: number;
}

/**
 * Prose written only as list items is notes or talking points, unless the file is a draft by
 * name or front matter: a story is told in sentences.
 */
const onlyListItems = (spans: readonly ProseSpan[]): boolean => spans.every((span) => span.list);

/** What inference adds to a document. */
export interface ProseReading {
  /**
   * Answers read from prose: with inferred sections only, or, outside an explicit draft, a
   * reader's lone label whose other parts the prose around it told.
   */
  answers: Answer[];
  /**
   * Prose in an explicit draft that should have been an answer but reads as no STAR parts (a
   * sentence, notes): under an interview-question heading, or the body of a document with no
   * heading at all. Both stay within one incremental block (cuts go before headings), so a
   * block's reading equals the whole document's.
   */
  unreadable: Array<{ range: Range; question: boolean }>;
}

/** How inferred sections are marked when written back; the label fix picks the document's own style. */
export const INFERRED_STYLE: LabelStyle = {
  kind: 'inline',
  wrapper: '**',
  separator: ':',
  separatorInside: true,
  prefix: '',
  blankLine: true,
  ownLine: false,
  letter: '',
  letterCase: 'title',
};

const FIRST_PERSON = /\b(?:I|me|my|we|our|us)\b/i;
/**
 * Questions that ask who the writer is, not for a story ("Tell me about yourself", "Walk me
 * through your resume"): the answer is a pitch, with no Situation or Result to find.
 */
const SELF_INTRODUCTION =
  /^\W*(?:q\d*[:.)]\s*)?(?:\d{1,3}[.)]\s*)?(?:(?:tell|talk) (?:me|us) (?:a (?:little )?(?:bit )?)?about (?:yourself|your (?:background|resume|résumé|cv))\b|(?:describe|introduce) yourself\b|walk (?:me|us) through your (?:resume|résumé|cv|background|career)\b)/i;

const startOf = (node: RootContent): number => node.position?.start.offset ?? 0;
const endOf = (node: RootContent): number => node.position?.end.offset ?? 0;

/** Top-level paragraphs and lists, grouped by the heading above them. */
function proseGroups(root: Root, text: string): ProseGroup[] {
  const groups: ProseGroup[] = [];
  let heading: Heading | null = null;
  let open: ProseGroup | null = null;
  const close = (): void => {
    if (open && open.spans.length > 0) groups.push(open);
    open = null;
  };
  for (const node of root.children) {
    if (node.type === 'heading') {
      close();
      heading = node;
      continue;
    }
    if (node.type === 'thematicBreak') {
      close();
      continue;
    }
    const spans: ProseSpan[] =
      node.type === 'paragraph'
        ? [{ start: startOf(node), end: endOf(node), list: false }]
        : node.type === 'list'
          ? node.children.map((item) => ({ start: item.position?.start.offset ?? 0, end: item.position?.end.offset ?? 0, list: true }))
          : [];
    if (spans.length === 0) {
      if (node.type !== 'yaml' && node.type !== 'html' && node.type !== 'definition') close();
      continue;
    }
    if (!open) {
      // Without a converter's `{#id}` or trailing tags, as the reader titles a labelled answer.
      const headingText = heading ? collapseWhitespace(plainText(withoutExtras(withoutClosingHashes(text.slice(startOf(heading), endOf(heading)).replace(/^\s*#{1,6}\s*/, '').replace(/\n[=-]+\s*$/, ''))))) : null;
      open = { heading, headingText, spans: [], start: spans[0].start, end: spans[0].end };
    }
    open.spans.push(...spans);
    open.end = spans[spans.length - 1].end;
  }
  close();
  return groups;
}

/** Sections for the inferred parts, each marked `inferred`. */
function sectionsOf(inference: Inference, range: (start: number, end: number) => Range): Section[] {
  return inference.parts.map((part) => {
    const text = inference.sentences
      .slice(part.first, part.last + 1)
      .map((s) => s.text)
      .join(' ');
    return {
      kind: part.kind,
      kinds: [part.kind],
      labelText: '',
      labelRange: range(part.start, part.start),
      range: range(part.start, part.end),
      style: INFERRED_STYLE,
      words: countWords(text),
      text,
      empty: false,
      inferred: true,
    };
  });
}

/**
 * A confident reading for a file that is a draft only by this story: at least four sentences
 * and three parts, one of them what the writer did or what came of it.
 */
function confident(inference: Inference): boolean {
  const kinds = new Set(inference.parts.map((p) => p.kind));
  return inference.readable && inference.sentences.length >= 4 && kinds.size >= 3 && (kinds.has('action') || kinds.has('result'));
}

/** Told prose, not a question restated or a line of notes. */
function told(inference: Inference): boolean {
  return inference.sentences.length > 0 && inference.sentences.every((s) => !/[?？]\s*$/.test(s.text)) && inference.sentences.some((s) => FIRST_PERSON.test(s.text) && s.text.split(/\s+/).length >= 6);
}

/**
 * An answer under an interview question whose first label (`Situation: …`) goes on in
 * unlabelled paragraphs (or, in an explicit draft, bullets) that tell the next parts (`My job
 * was to…`, `In the end…`): the label's own block stays its part, and the parts after it are
 * read from the blocks below, as prose, so the story is not "missing" a Task, Action and
 * Result it tells. With one label, any later part may be read there; with a later label
 * (the Reflection a fix added), only the parts between the two, and only when the prose
 * reads as two of them, one what the writer did or what came of it: a second paragraph of
 * Situation stays the Situation. Returns whether it read them.
 */
function readAfterFirstLabel(holder: Answer, group: ProseGroup, text: string, range: (start: number, end: number) => Range, bulletsToo: boolean): boolean {
  const [first, next] = holder.sections;
  if (holder.sections.some((section) => section.inferred) || first.empty) return false;
  const kind = SECTION_KINDS.indexOf(first.kind);
  const last = next ? Math.min(...next.kinds.map((k) => SECTION_KINDS.indexOf(k))) - 1 : SECTION_KINDS.length - 1;
  if (last <= kind || (next && last - kind < 2)) return false;
  const own = group.spans.find((span) => span.start <= first.labelRange.start.offset && span.end >= first.labelRange.end.offset);
  if (!own) return false;
  const below = group.spans.filter((span) => span.start >= own.end && span.end <= first.range.end.offset);
  if (below.length === 0 || (!bulletsToo && onlyListItems(below))) return false;
  const inference = inferParts(text, below, undefined, last, kind + 1);
  if (!inference.readable || !told(inference)) return false;
  const kinds = new Set(inference.parts.map((part) => part.kind));
  if (next && !(kinds.size >= 2 && (kinds.has('action') || kinds.has('result')))) return false;
  // The labelled part ends with its own block; the inferred parts follow it.
  const ownText = collapseWhitespace(plainText(text.slice(first.labelRange.end.offset, own.end)));
  Object.assign(first, { range: range(first.range.start.offset, own.end), text: ownText, words: countWords(ownText) });
  holder.sections.splice(1, 0, ...sectionsOf(inference, range));
  holder.words = holder.sections.reduce((sum, s) => sum + s.words, 0);
  return true;
}

/**
 * Reads the prose answers of a document. `explicit`: a draft by name or front matter, where
 * the body under the title (or with no heading) is an answer too, and prose that reads as no
 * parts is reported. Elsewhere only prose under an interview-question heading counts, and only
 * a confident reading. `read` is what the reader found: the answers that count, and `notes`
 * that count only once prose tells the rest of their story (lone labels outside an explicit
 * draft; templates and skeletons there stay no answer). Answers whose labels start after the
 * Situation gain the parts read from the prose above them.
 */
export function readProse(root: Root, lines: LineIndex, read: { answers: readonly Answer[]; notes: readonly Answer[] }, explicit: boolean): ProseReading {
  const text = lines.text;
  const range = (start: number, end: number): Range => ({ start: lines.pointAt(start), end: lines.pointAt(end) });
  const reading: ProseReading = { answers: [], unreadable: [] };
  // Groups and answers both come in document order: one pointer finds the answer over a group.
  const notes = new Set(read.notes);
  const byStart = [...read.answers, ...read.notes].sort((a, b) => a.range.start.offset - b.range.start.offset);
  let next = 0;
  for (const group of proseGroups(root, text)) {
    while (next < byStart.length && byStart[next].range.end.offset <= group.start) next++;
    const question = group.headingText !== null && QUESTION_TITLE.test(group.headingText) && !SELF_INTRODUCTION.test(group.headingText);
    const titleOnly = group.heading === null || group.heading.depth === 1;
    if (!question && !(explicit && titleOnly)) continue;
    // Prose has words: a line of table or rule marks (`-|`) is no attempt at an answer.
    if (!group.spans.some((span) => /\p{L}/u.test(text.slice(span.start, span.end)))) continue;
    let holder: Answer | undefined;
    for (let i = next; i < byStart.length && byStart[i].range.start.offset < group.end; i++) {
      if (byStart[i].range.end.offset > group.start) {
        holder = byStart[i];
        break;
      }
    }
    if (holder) {
      // A lone label that counts only in an explicit draft is an answer once told paragraphs give the rest.
      const note = notes.has(holder);
      if (note && holder.sections.length !== 1) continue;
      if (question && readAfterFirstLabel(holder, group, text, range, !note)) {
        if (note) reading.answers.push(holder);
        continue;
      }
      // Prose between a question and its first label: the parts the labels leave out before it.
      const first = holder.sections[0];
      const firstKind = SECTION_KINDS.indexOf(first.kinds[0]);
      const before = group.spans.filter((span) => span.end <= first.labelRange.start.offset);
      if (firstKind === 0 || before.length === 0 || holder.sections.some((s) => s.inferred)) continue;
      const inference = inferParts(text, before, undefined, firstKind - 1);
      if (!told(inference) || (note && onlyListItems(before))) continue;
      holder.sections.unshift(...sectionsOf(inference, range));
      holder.words = holder.sections.reduce((sum, s) => sum + s.words, 0);
      if (note) reading.answers.push(holder);
      continue;
    }
    if (!explicit && onlyListItems(group.spans)) continue;
    const inference = inferParts(text, group.spans);
    if (!(explicit ? inference.readable : confident(inference))) {
      if (explicit && (question || group.heading === null) && !(group.heading === null && root.children.some((n) => n.type === 'heading'))) {
        reading.unreadable.push({ range: range(group.start, group.end), question });
      }
      continue;
    }
    const sections = sectionsOf(inference, range);
    const start = group.heading ? startOf(group.heading) : group.start;
    reading.answers.push({
      title: group.headingText,
      titleRange: group.heading ? range(startOf(group.heading), endOf(group.heading)) : null,
      range: range(start, group.end),
      sections,
      words: sections.reduce((sum, s) => sum + s.words, 0),
      metrics: [],
      questionId: null,
    });
  }
  return reading;
}
