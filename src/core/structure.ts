import type { Heading, Html, Nodes, Paragraph, Root, Table } from 'mdast';
import { scanLabel, type LabelMatch, type Vocabulary } from './labels';
import { collapseWhitespace, countWords, LineIndex, plainText } from './markdown';
import { isPrompt, placeholderToken } from './placeholders';
import type { Answer, LabelStyle, Range, Section, SectionKind } from './types';

/** An HTML comment found outside code, kept for suppression directives. */
export interface Comment {
  text: string;
  range: Range;
}

/** The document as STAR Coach sees it: its answers plus what draft detection needs. */
export interface DocumentStructure {
  answers: Answer[];
  comments: Comment[];
  /** Front matter `question:` value, when there is front matter with that key. */
  frontMatterQuestion: string | null;
  /** Every STAR label found, also those in answers with one section. */
  labels: Array<{ kinds: SectionKind[]; canonical: boolean; heading: boolean; titledByQuestion: boolean }>;
}

type LabelEvent = {
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
};
type Event =
  | LabelEvent
  | { type: 'title'; text: string; start: number; end: number; depth: number }
  /** A bold non-STAR label (`**Tips:**`, `1. **Gathered data:** …`) or a thematic break. */
  | { type: 'stop'; end: number; text: string; listDepth: number }
  | { type: 'content'; text: string; end: number; substantive: boolean }
  /** A line that introduces pasted feedback or notes ("ChatGPT feedback (3 June):"). */
  | { type: 'aside'; end: number };

const CANONICAL_WORD = /\b(?:situation|task|action|result|reflection)s?\b/i;
/** Interview-question phrasing; a bare "?" is not enough ("How do I reset my password?"). */
const QUESTION_TITLE =
  /^\W*(?:q\d*[:.)]\s*)?(?:tell (?:me|us) about|describe|give (?:me |us )?(?:an|one) example|walk (?:me|us) through|share (?:an|a) (?:example|time|story)|talk (?:me |us )?(?:about|through) a time|what (?:is|was|'s) (?:a|the) time|have you ever|when (?:did|have) you|how (?:did|have|do|would) you|what (?:did|would) you do|can you (?:tell|describe|give|share|walk)|a time (?:when|you))/i;
const HAS_WORD = /[\p{L}\p{N}]/u;
/**
 * What note apps and converters add to a heading or question line: pandoc's bookmark spans
 * and attributes (`[]{#_Toc123 .anchor}`, `{#situation}`) and trailing tags (`#interview`).
 */
const HEADING_EXTRAS = /\[\]\{[^}\n]*\}|\s*\{[#.][^}\n]*\}\s*$|(?:\s+#(?:\[\[[^\]\n]*\]\]|[\p{L}\d_/-]+))+\s*$/gu;
function withoutExtras(line: string): string {
  return line.includes('#') || line.includes('{') ? line.replace(HEADING_EXTRAS, '') : line;
}

/** Raw HTML blocks that hold prose: Notion callouts, Jupyter alert boxes, `<details>`. */
const HTML_CONTAINER = /^<(?:aside|div|details|section|article|center)\b[^>]*>/i;
/** Headings of what writers paste under a story: feedback, notes, scores, follow-ups. */
const ASIDE_TITLE =
  /^\W*(?:(?:my|interviewer(?:'s)?|mock(?: interview)?|peer|coach(?:'s|ing)?|self|prep|extra|more|possible|likely)\s+)?(?:feedback|critique|notes?|comments?|self[- ]?check|checklist|rubric|score(?:card|s)?|follow[- ]?ups?(?: questions)?|questions to ask|tips|todo|to do)\b/i;
/** A one-line paragraph that introduces feedback or notes: "ChatGPT feedback (pasted 3 June):". */
const ASIDE_LINE = /^[^\p{L}\n]*(?:[\p{L}'’-]+\s+){0,3}(?:feedback|critique|notes|comments)\b[^:\n]{0,40}:[\s*_]*$/iu;
/** "**Answer:**", "Me:", "A:" before a label, in interview transcripts and Q&A drafts. */
const SPEAKER_PREFIX = /^\s*(?:\*\*|__)?(?:a|answer|my answer|me|candidate|response)\s*(?:[:：]\s*(?:\*\*|__)|(?:\*\*|__)\s*[:：]|[:：])\s*/i;
const BOLD_LINE = /^\s*(?:\*\*|__)(.+?)(?:\*\*|__)\s*$/;
/** `Q:`, `**Q2.**`, `**Q**:`, `Question 3)` before a question, in Q&A drafts and banks without headings (not a `Question::` property). */
const QUESTION_PREFIX = /^[\s>*_]{0,4}q(?:uestion)?\s*\d{0,3}(?:\*\*|__)?\s*[:：.)](?!:)\s*(?:\*\*|__)?\s*/i;
const STORY_QUESTION_START = /^[\s*_>]*(?:tell|describe|give|walk|share|talk|have|can)\b/i;
/** How a question asking for a story opens: enough to title an answer from a plain line. */
const STORY_QUESTION =
  /^(?:tell (?:me|us) about|describe (?:a|an|one|the) |give (?:me |us )?(?:an|one|a specific) example|walk (?:me|us) through|share (?:an|a) (?:example|time|story)|talk (?:me |us )?(?:about|through) a time|have you ever|can you (?:tell|describe|give|share|walk))/i;

/** Longest `Q:` paragraph read as one wrapped question. */
const WRAPPED_QUESTION_LINES = 3;

/** A `Q:` paragraph of two or three lines, none of them a STAR label: one question, wrapped. */
function isWrappedQuestion(source: string, vocabulary: Vocabulary): boolean {
  if (!QUESTION_PREFIX.test(source)) return false;
  const rest = source.split('\n').slice(1);
  return rest.length < WRAPPED_QUESTION_LINES && rest.every((line) => !scanLabel(line.replace(/^[\s>]*/, ''), vocabulary)?.kinds.length);
}

/** A label separator somewhere in a line: a colon, a spaced dash or an arrow. */
const SEPARATOR_AHEAD = /[:：—–→⇒]|\s-\s|->|=>/;
/** Where a sentence ends inside a line, and the next one starts. */
const SENTENCE_END = /[.;!?)]\s+(?=\S)/g;

/**
 * Labels after the first on one line, each at a sentence start: `S: outage at 2am. T:
 * restore. A: rolled back.` Only labels that look like the first (letters after a letter,
 * words after a word, the same emphasis), each with a separator, so prose that mentions
 * "…the result: …" mid-line is left alone.
 */
function followingLabels(line: string, vocabulary: Vocabulary, first: LabelMatch): LabelMatch[] {
  if (!first.separator) return [];
  // Most label lines are prose after one label: a second label would repeat the first one's
  // emphasis, or at least need a separator of its own.
  const noneAhead = first.wrapper ? line.indexOf(first.wrapper, first.contentStart) < 0 : !SEPARATOR_AHEAD.test(line.slice(first.contentStart));
  if (noneAhead) return [];
  const found: LabelMatch[] = [];
  SENTENCE_END.lastIndex = first.contentStart;
  for (let end = SENTENCE_END.exec(line); end; end = SENTENCE_END.exec(line)) {
    const at = end.index + end[0].length;
    if (first.wrapper && !line.startsWith(first.wrapper, at)) continue;
    const next = scanLabel(line, vocabulary, at);
    if (!next || next.kinds.length === 0 || !next.separator) continue;
    if ((next.letter === '') !== (first.letter === '') || next.wrapper !== first.wrapper) continue;
    found.push(next);
    SENTENCE_END.lastIndex = next.contentStart;
  }
  return found;
}

/**
 * The question a one-line paragraph announces, or null: `**Tell me about a time…**`,
 * `Q2. Describe…`, `**Q:** What is your biggest weakness?`, or a plain line that asks for a
 * story (`Tell me about a time you failed.`), as banks without headings separate stories.
 */
function paragraphTitle(paragraphSource: string): string | null {
  // Trailing tags (`#interview`, `#[[Interview Prep]]`) are not part of the question.
  const source = withoutExtras(paragraphSource);
  const prefix = QUESTION_PREFIX.exec(source);
  if (prefix) {
    // "Q3: revenue up 12%" is a quarter, not a question.
    const question = collapseWhitespace(plainText(source.slice(prefix[0].length)));
    return QUESTION_TITLE.test(question) || question.endsWith('?') ? question : null;
  }
  // Most paragraphs do not end in emphasis: skip the (unanchored, lazy) bold-line match for them.
  const trimmed = source.trimEnd();
  const bold = trimmed.endsWith('**') || trimmed.endsWith('__') ? BOLD_LINE.exec(source)?.[1] : undefined;
  if (bold) {
    const title = collapseWhitespace(plainText(bold));
    return QUESTION_TITLE.test(title) ? title : null;
  }
  // Cheap first look at the raw line: most one-line paragraphs are labels, not questions.
  if (!STORY_QUESTION_START.test(source)) return null;
  const line = collapseWhitespace(plainText(source));
  return STORY_QUESTION.test(line) ? line : null;
}
const FRONT_MATTER_QUESTION = /^question\s*:\s*(.*?)\s*$/m;
const FRONT_MATTER_TITLE = /^title\s*:\s*(.*?)\s*$/m;

/** Walks the mdast tree once and turns it into answers and sections. */
export function buildStructure(root: Root, lines: LineIndex, vocabulary: Vocabulary): DocumentStructure {
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
    events.push({ type: 'content', text: plain, end, substantive: substantive || image || HAS_WORD.test(plain) });
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

  let questionPending = false;
  const paragraph = (node: Paragraph | Heading | Html, blankLine: boolean, listDepth: number, end = endOf(node)): void => {
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
    for (let lineStart = start; lineStart < end; ) {
      const newline = text.indexOf('\n', lineStart);
      const next = newline < 0 || newline >= end ? end : newline + 1;
      let lineEnd = newline < 0 || newline >= end ? end : newline;
      if (text[lineEnd - 1] === '\r') lineEnd--;
      const line = text.slice(lineStart, lineEnd);
      // Continuation lines carry their container's markers (`> `, indentation).
      let from = 0;
      if (!firstLine) while (from < line.length && (line[from] === ' ' || line[from] === '\t' || line[from] === '>')) from++;
      let match = scanLabel(line, vocabulary, from);
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
      questionPending = QUESTION_PREFIX.test(line.slice(from));
      if (match) {
        if (pending) content(pending, pendingEnd);
        pending = '';
        if (match.kinds.length === 0) {
          events.push({ type: 'stop', end: lineEnd, text: plainText(line.slice(from)), listDepth });
        } else {
          // "S: outage at 2am. T: restore. A: rolled back.": more labels after sentence ends.
          const onLine = [match, ...followingLabels(line, vocabulary, match)];
          onLine.forEach((label, index) => {
            const segmentEnd = index + 1 < onLine.length ? onLine[index + 1].start : line.length;
            const inline = line.slice(label.contentStart, segmentEnd);
            const lineStartOfText = lines.lineStart(lines.pointAt(lineStart).line);
            const prefix = index === 0 ? text.slice(lineStartOfText, lineStart + label.start) : '';
            const style = inlineStyle(label, prefix, blankLine);
            if (style.kind === 'inline') {
              style.ownLine = inline.trim() === '' && label.separator === '';
              if (onLine.length > 1) style.sameLine = true;
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
            };
            labelsHere.push(event);
            events.push(event);
          });
        }
      } else {
        pending += (pending ? ' ' : '') + line.slice(from);
        pendingEnd = lineEnd;
      }
      firstLine = false;
      lineStart = next;
    }
    if (pending) content(pending, pendingEnd);
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
    const inner = withoutExtras(rawLine.slice(marker[0].length).replace(/\s+#+\s*$/, ''));
    let match = scanLabel(inner, vocabulary, 0, true);
    // "## Challenge: migrating 2M users in a weekend" names a story, not its Task.
    if (match && match.separator && !CANONICAL_WORD.test(match.words) && countWords(plainText(inner.slice(match.contentStart))) >= 3) match = null;
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
  const pending: Array<{ node: Nodes; blankLine: boolean; listDepth: number }> = [];
  const schedule = (nodes: readonly Nodes[], blankLine: boolean, listDepth: number): void => {
    for (let i = nodes.length - 1; i >= 0; i--) pending.push({ node: nodes[i], blankLine, listDepth });
  };
  const walk = (): void => {
    for (let next = pending.pop(); next; next = pending.pop()) {
      const { node, blankLine, listDepth } = next;
      switch (node.type) {
        case 'heading':
          heading(node, blankLine, listDepth);
          break;
        case 'paragraph':
          paragraph(node, blankLine, listDepth);
          break;
        case 'list': {
          // A loose list has blank lines between items; inserted items should match.
          const spread = node.spread === true;
          for (let i = node.children.length - 1; i >= 0; i--) schedule(node.children[i].children, spread, listDepth + 1);
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
          for (const comment of node.value.matchAll(/<!--([\s\S]*?)-->/g)) {
            comments.push({ text: comment[1].trim(), range: range(startOf(node), endOf(node)) });
          }
          // Notion exports a callout as `<aside>` with its text on the next line, which
          // CommonMark keeps as one raw HTML block: its lines are read like a paragraph's.
          if (HTML_CONTAINER.test(node.value)) paragraph(node, blankLine, listDepth);
          break;
        }
        case 'yaml': {
          const question = FRONT_MATTER_QUESTION.exec(node.value);
          if (question) frontMatterQuestion = question[1].replace(/^["']|["']$/g, '');
          const title = FRONT_MATTER_TITLE.exec(node.value);
          if (title) frontMatterTitle = title[1].replace(/^["']|["']$/g, '') || null;
          break;
        }
        case 'code':
          // "Result:", a blank line, then text indented four spaces is an indented code block
          // to CommonMark, but prose to whoever wrote it. Fenced code stays code.
          if (/^[ \t]*(?:```|~~~)/.test(text.slice(startOf(node), startOf(node) + 40)) || node.lang) {
            events.push({ type: 'content', text: '', end: endOf(node), substantive: true });
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
  const { answers } = foldEvents(events, range);
  // A note app's `title:` names a draft whose first answer has no heading of its own.
  if (frontMatterTitle && answers.length > 0 && answers[0].title === null) answers[0].title = frontMatterTitle;
  return { answers, comments, frontMatterQuestion, labels: labelSummary(events) };
}

function labelSummary(events: Event[]): DocumentStructure['labels'] {
  const summary: DocumentStructure['labels'] = [];
  let titledByQuestion = false;
  for (const event of events) {
    if (event.type === 'title') titledByQuestion = QUESTION_TITLE.test(event.text);
    if (event.type !== 'label') continue;
    summary.push({
      kinds: event.kinds,
      // A STAR word, or a STAR letter (`S:`, `(S)`, `#### S`).
      canonical: CANONICAL_WORD.test(event.labelWords) || /^[(\[]?\p{L}[)\]]?$/u.test(event.labelWords.trim()),
      heading: event.style.kind === 'heading',
      titledByQuestion,
    });
  }
  return summary;
}

interface OpenAnswer {
  answer: Answer;
  end: number;
  /** Depth of the answer's heading-style section labels, or 0. */
  sectionHeadingDepth: number;
  /** Depth of the heading that titles the answer, or 0 (no title, or a question line). */
  titleDepth: number;
}

interface OpenSection {
  section: Section;
  end: number;
  substantive: boolean;
  texts: string[];
  /** Content without words: a code block, an image, a table. */
  nonText: boolean;
  headingDepth: number;
  listDepth: number;
}

/**
 * In a bank of untitled stories, a Situation after a story's Result or Reflection opens the
 * next story even when the one before had no Situation of its own (as after a fix adds one).
 */
function startsNextStory(current: OpenAnswer, kinds: SectionKind[], section: OpenSection | null, event: LabelEvent): boolean {
  if (current.answer.title !== null || kinds[0] !== 'situation') return false;
  if (section !== null && event.listDepth > section.listDepth) return false;
  return current.answer.sections.some((s) => s.kinds.includes('result') || s.kinds.includes('reflection'));
}

/** Groups label, title and content events into answers and their sections. */
function foldEvents(events: Event[], range: (start: number, end: number) => Range): { answers: Answer[] } {
  const answers: Answer[] = [];
  let current: OpenAnswer | null = null;
  let section: OpenSection | null = null;

  const closeSection = (): void => {
    if (!section || !current) return;
    section.section.range = range(section.section.labelRange.start.offset, section.end);
    section.section.text = collapseWhitespace(section.texts.join(' '));
    section.section.words = countWords(section.section.text);
    // A placeholder (`TODO - ask Dana`) or one of our prompts is empty only when it is all
    // there is: a paragraph, code block or image after `TBD` is the writer's own text.
    const only = section.texts.length === 1 && !section.nonText;
    section.section.empty =
      (!section.substantive && section.section.words === 0) || (only && (placeholderToken(section.section.text) !== null || isPrompt(section.section.text)));
    section = null;
  };
  const closeAnswer = (): void => {
    closeSection();
    if (!current) return;
    const answer = current.answer;
    if (answer.sections.length > 0) {
      answer.range = range(answer.range.start.offset, current.end);
      answer.words = answer.sections.reduce((sum, s) => sum + s.words, 0);
      answers.push(answer);
    }
    current = null;
  };
  const openAnswer = (title: string | null, start: number, end: number, titleDepth = 0): OpenAnswer => ({
    answer: {
      title,
      titleRange: title === null ? null : range(start, end),
      range: range(start, end),
      sections: [],
      words: 0,
      metrics: [],
      questionId: null,
    },
    end,
    sectionHeadingDepth: 0,
    titleDepth,
  });

  // `**Action:**` then `#### Step 1`, `#### Step 2`: headings deeper than the answer's title
  // inside a part are its sub-steps, unless a part the answer already has follows under them
  // (then the heading starts the next story).
  const isSubStep = (index: number, answer: OpenAnswer): boolean => {
    const heading = events[index] as Extract<Event, { type: 'title' }>;
    if (answer.titleDepth === 0 || heading.depth <= answer.titleDepth) return false;
    for (let i = index + 1; i < events.length; i++) {
      const next = events[i];
      if (next.type === 'title' && next.depth <= heading.depth) return true;
      if (next.type === 'label' && next.kinds.some((kind) => answer.answer.sections.some((s) => s.kinds.includes(kind)))) return false;
    }
    return true;
  };

  // After a story, a "Feedback" or "Notes" heading, or a line such as "ChatGPT feedback:",
  // starts an aside: pasted mock-interview scores ("Situation: 4/5") and notes open no new
  // answer, and their numbers are not the Result's. A heading of any kind (a section
  // heading too) or a question line ends it.
  let inAside = false;
  const afterStory = (): boolean => current !== null && current.answer.sections.length > 0;
  for (const [index, event] of events.entries()) {
    const asideHeading = event.type === 'title' && event.depth > 0 && ASIDE_TITLE.test(event.text);
    if ((event.type === 'aside' || asideHeading) && afterStory()) {
      closeSection();
      inAside = true;
      continue;
    }
    if (event.type === 'aside') continue;
    if (inAside) {
      if (event.type !== 'title' && !(event.type === 'label' && event.headingDepth > 0)) continue;
      inAside = false;
    }
    switch (event.type) {
      case 'title': {
        // A heading deeper than the answer's section headings (`#### Step 1` under
        // `### Action`) stays in the answer, also after a bold non-STAR label closed the section.
        const deeperThanSections = current !== null && current.sectionHeadingDepth > 0 && event.depth > current.sectionHeadingDepth;
        if (current && (deeperThanSections || (section !== null && current.sectionHeadingDepth === 0 && isSubStep(index, current)))) {
          if (section) {
            section.texts.push(event.text);
            section.substantive = true;
            section.end = event.end;
          }
          current.end = event.end;
          break;
        }
        closeAnswer();
        current = openAnswer(event.text, event.start, event.end, event.depth);
        break;
      }
      case 'label': {
        let kinds = event.kinds;
        if (current) {
          const { sections } = current.answer;
          // An answer has a handful of sections: a scan is cheaper than building a Set per label.
          const isPresent = (kind: SectionKind): boolean => sections.some((s) => s.kinds.includes(kind));
          const repeated = kinds.filter((k) => isPresent(k));
          const continuing = section !== null && repeated.every((k) => section!.section.kinds.includes(k));
          if (repeated.length > 0 && section !== null && event.listDepth > section.listDepth) {
            // A part named again in a list inside a section is content, not a new story: a
            // nurse's SBAR handover under the Action ("Situation: …", "Background: …").
            const open = section;
            open.texts.push(plainText(`${event.labelText} ${event.inlineText}`));
            open.substantive = true;
            open.end = Math.max(open.end, event.lineEnd);
            current.end = Math.max(current.end, event.lineEnd);
            break;
          }
          if (repeated.length > 0 && continuing) {
            // STARR drafts use a second "R:" for the Reflection.
            if (event.style.kind === 'inline' && event.style.letter && kinds[0] === 'result' && !isPresent('reflection')) {
              kinds = ['reflection'];
            } else {
              kinds = kinds.filter((k) => !isPresent(k));
            }
            // "Result:" then "Impact:" (or "Result (long term):") goes on with the same part.
            if (kinds.length === 0) {
              const open = section!;
              if (event.inlineText.trim()) open.texts.push(event.inlineText);
              open.substantive ||= HAS_WORD.test(event.inlineText);
              open.end = Math.max(open.end, event.lineEnd);
              current.end = Math.max(current.end, event.lineEnd);
              break;
            }
          } else if (repeated.length > 0 || startsNextStory(current, kinds, section, event)) {
            // A part that comes round again (a second Situation) starts the next answer.
            closeAnswer();
          }
        }
        if (!current) current = openAnswer(null, event.labelStart, event.lineEnd);
        if (event.headingDepth > 0) current.sectionHeadingDepth = event.headingDepth;
        closeSection();
        const newSection: Section = {
          kind: kinds[0],
          kinds,
          labelText: event.labelText,
          labelRange: range(event.labelStart, event.labelEnd),
          range: range(event.labelStart, event.lineEnd),
          style: event.style,
          words: 0,
          text: '',
          empty: true,
        };
        current.answer.sections.push(newSection);
        const hasInline = HAS_WORD.test(event.inlineText);
        section = {
          section: newSection,
          end: event.lineEnd,
          substantive: hasInline,
          texts: hasInline ? [event.inlineText] : [],
          nonText: false,
          headingDepth: event.headingDepth,
          listDepth: event.listDepth,
        };
        current.end = Math.max(current.end, event.lineEnd);
        break;
      }
      case 'stop':
        // Deeper than the section's label, "**Tools:** …" is part of the section: under a
        // heading, or a list item under a paragraph or list-item label (`1. **Gathered data:** …`).
        // At the label's own level it ends the section ("**Tips:**" after the Result).
        if (section && (section.headingDepth > 0 || event.listDepth > section.listDepth)) {
          if (HAS_WORD.test(event.text)) {
            section.texts.push(event.text);
            section.substantive = true;
            section.end = event.end;
          }
        } else {
          closeSection();
        }
        if (current) current.end = Math.max(current.end, event.end);
        break;
      case 'content':
        if (section) {
          if (event.text) section.texts.push(event.text);
          else if (event.substantive) section.nonText = true;
          section.substantive ||= event.substantive;
          section.end = event.end;
        }
        if (current) current.end = Math.max(current.end, event.end);
        break;
    }
  }
  closeAnswer();
  return { answers };
}
