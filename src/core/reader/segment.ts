/**
 * Stage 3 of the reader: segmentation. Folds the events into answers and their sections:
 * titles and repeated parts open answers; stops and asides close sections.
 */
import { collapseWhitespace, countWords, plainText } from '../markdown';
import { isPrompt, placeholderToken } from '../placeholders';
import { SECTION_KINDS, type Answer, type Range, type Section, type SectionKind } from '../types';
import { HAS_WORD, type Event, type LabelEvent } from './events';
import { ASIDE_TITLE } from './titles';

interface OpenAnswer {
  answer: Answer;
  end: number;
  /** Depth of the answer's heading-style section labels, or 0. */
  sectionHeadingDepth: number;
  /** Depth of the heading that titles the answer, or 0 (no title, or a question line). */
  titleDepth: number;
  /** Depth of the shallowest heading the answer sits under: its title, or an empty one above it. */
  outerDepth: number;
}

interface OpenSection {
  section: Section;
  end: number;
  substantive: boolean;
  texts: string[];
  /** Content without words: a code block, an image, a table. */
  nonText: boolean;
  /** How many of `texts` are only slots to fill in (`[Your role.]`). */
  blanks: number;
  headingDepth: number;
  listDepth: number;
}

/**
 * In a bank of untitled stories, a part that comes before the story's latest part in STAR
 * order (a Situation after a Result, a Task after an Action) opens the next story, even when
 * the story before lacks that part (as after a fix inserts it at the next story's top).
 */
function startsNextStory(current: OpenAnswer, kinds: SectionKind[], section: OpenSection | null, event: LabelEvent): boolean {
  if (current.answer.title !== null) return false;
  if (section !== null && event.listDepth > section.listDepth) return false;
  const order = SECTION_KINDS.indexOf(kinds[0]);
  return current.answer.sections.some((s) => s.kinds.some((kind) => SECTION_KINDS.indexOf(kind) > order));
}

const lowestRank = (kinds: readonly SectionKind[]): number => Math.min(...kinds.map((kind) => SECTION_KINDS.indexOf(kind)));
const highestRank = (kinds: readonly SectionKind[]): number => Math.max(...kinds.map((kind) => SECTION_KINDS.indexOf(kind)));

/**
 * Where the next story begins when a part opens it: at the run of parts just before that
 * part which lead up to it in STAR order, when a part out of order stands before the run
 * (`# Q`, Action, Reflection, then Task and the second Action: the Task begins the second
 * story). Otherwise, or when the run would be the whole story, at the opening part itself.
 */
function leadInStart(sections: readonly Section[], kinds: readonly SectionKind[]): number {
  let start = sections.length;
  let bound = lowestRank(kinds);
  while (start > 0 && highestRank(sections[start - 1].kinds) < bound) {
    start--;
    bound = lowestRank(sections[start].kinds);
  }
  return start === 0 ? sections.length : start;
}

/** Two labels in one form: the same wrapper, separator and letter style. */
function sameForm(a: Section['style'], b: Section['style']): boolean {
  if (a.kind !== 'inline' || b.kind !== 'inline') return a.kind === b.kind && a.kind !== 'inline';
  return a.wrapper === b.wrapper && a.separator === b.separator && a.separatorInside === b.separatorInside && a.letter === b.letter;
}

/**
 * True when the next label after a feedback or notes line, with only text between, is written
 * in the story's own form and names a part the story does not have yet: the story goes on past
 * that line. Pasted scores name parts the story already has, or are written another way.
 */
function storyGoesOn(events: readonly Event[], index: number, answer: Answer): boolean {
  const first = answer.sections[0];
  if (!first) return false;
  for (let i = index + 1; i < events.length; i++) {
    const next = events[i];
    if (next.type === 'title' || next.type === 'aside' || next.type === 'stop') return false;
    if (next.type !== 'label') continue;
    return sameForm(next.style, first.style) && next.kinds.every((kind) => answer.sections.every((s) => !s.kinds.includes(kind)));
  }
  return false;
}

/** Whether a section covers `kind`: an answer has a handful of sections, so a scan is cheaper than a Set per label. */
const hasPart = (sections: readonly Section[], kind: SectionKind): boolean => sections.some((s) => s.kinds.includes(kind));

/** Groups label, title and content events into answers and their sections. */
export function foldEvents(events: Event[], range: (start: number, end: number) => Range): { answers: Answer[] } {
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
    // Slots to fill in and nothing else (`**Task:** [Your role.]`) leave the part unwritten.
    const slotsOnly = section.texts.length > 0 && section.blanks === section.texts.length && !section.nonText;
    section.section.empty =
      (!section.substantive && section.section.words === 0) || slotsOnly || (only && (placeholderToken(section.section.text) !== null || isPrompt(section.section.text)));
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
    outerDepth: titleDepth,
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

  // Depths at which the document writes its parts as headings (`### Situation`).
  const partDepths = new Set<number>();
  for (const event of events) if (event.type === 'label' && event.headingDepth > 0) partDepths.add(event.headingDepth);
  // True when, under the heading at `index` and before a shallower one, a label names a part the answer already has.
  const partReturns = (index: number, answer: Answer): boolean => {
    const heading = events[index] as Extract<Event, { type: 'title' }>;
    for (let i = index + 1; i < events.length; i++) {
      const next = events[i];
      if (next.type === 'title' && next.depth < heading.depth) return false;
      if (next.type === 'label' && next.kinds.some((kind) => answer.sections.some((s) => s.kinds.includes(kind)))) return true;
    }
    return false;
  };

  // A label with text of its own, on its line or right below it (our prompt, also after a
  // leftover `-`, is none): a part named again in a list with nothing under it is a part still
  // to write, not the section's text.
  const written = (text: string): boolean => HAS_WORD.test(text) && !isPrompt(text.replace(/^[^\p{L}\p{N}]+/u, ''));
  const labelHolds = (index: number): boolean => {
    const label = events[index] as LabelEvent;
    const next = events[index + 1];
    return written(label.inlineText) || (next?.type === 'content' && (next.text ? written(next.text) : next.substantive));
  };

  // A list under a section whose labels, from the one at `index`, go on to a part that would
  // open the next untitled story (`Outcome: …` then `+ **S**: …`, `+ **T**: …`), or name two
  // parts or more (`2) __My Task:__`, `3) __Results and impact:__` under a titled story's
  // Result): the list is the next story, from its first label, not parts named again inside
  // the section (an SBAR handover names the Situation only).
  const listOpensStory = (index: number, answer: OpenAnswer): boolean => {
    const first = events[index] as LabelEvent;
    const named = new Set(first.kinds);
    for (let i = index + 1; i < events.length; i++) {
      const next = events[i];
      if (next.type === 'title' || next.type === 'aside' || ((next.type === 'label' || next.type === 'stop') && next.listDepth < first.listDepth)) break;
      if (next.type !== 'label' || next.listDepth !== first.listDepth) continue;
      for (const kind of next.kinds) named.add(kind);
      if (next.kinds.some((kind) => !answer.answer.sections.some((s) => s.kinds.includes(kind))) && startsNextStory(answer, next.kinds, null, next)) return true;
    }
    return named.size > 1;
  };

  // After a story, a "Feedback" or "Notes" heading, or a line such as "ChatGPT feedback:",
  // starts an aside: pasted mock-interview scores ("Situation: 4/5") and notes open no new
  // answer, and their numbers are not the Result's. A heading of any kind (a section
  // heading too) or a question line ends it.
  let inAside = false;
  const afterStory = (): boolean => current !== null && current.answer.sections.length > 0;
  for (const [index, event] of events.entries()) {
    const asideHeading = event.type === 'title' && event.depth > 0 && ASIDE_TITLE.test(event.text);
    if (event.type === 'aside' && current && section !== null && storyGoesOn(events, index, current.answer)) {
      // "**The Feedback:**" between a story's own parts is one of its steps, not notes pasted after it.
      closeSection();
      continue;
    }
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
        // A question line right under a heading or lone label that has nothing yet is that
        // part's text ("## Situation", then "Describe the situation you want to talk about").
        const labelAlone = section !== null && (section.section.style.kind === 'heading' || (section.section.style.kind === 'inline' && section.section.style.ownLine));
        if (event.depth === 0 && current && section && labelAlone && section.texts.length === 0 && !section.nonText) {
          section.texts.push(event.text);
          section.substantive = true;
          section.end = event.end;
          current.end = event.end;
          break;
        }
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
        // `### Tension` between `### Situation` and `### Action`: under the answer's title, a
        // heading at the depth the document gives its part headings that names no part is
        // another framework's beat, not the next story, while no part the answer has follows it.
        if (current && partDepths.has(event.depth) && current.outerDepth > 0 && event.depth > current.outerDepth && !partReturns(index, current.answer)) {
          closeSection();
          current.end = event.end;
          break;
        }
        // Under a heading with nothing yet (`## S04 — The dashboard`, then `### Anchors`), the answer still sits at the outer depth.
        const outerDepth = current && current.answer.sections.length === 0 && current.outerDepth > 0 && current.outerDepth < event.depth ? current.outerDepth : event.depth;
        closeAnswer();
        current = openAnswer(event.text, event.start, event.end, event.depth);
        current.outerDepth = outerDepth;
        break;
      }
      case 'label': {
        let kinds = event.kinds;
        if (current) {
          const { sections } = current.answer;
          const repeated = kinds.filter((k) => hasPart(sections, k));
          const continuing = section !== null && repeated.every((k) => section!.section.kinds.includes(k));
          // The section's own words, before the list: an empty label (or one holding only our
          // prompt or a placeholder, which a fix turns into our prompt) introduces no list of its
          // own, so what the list names stays the story's parts.
          const introducesList = section !== null && section.texts.some((t) => HAS_WORD.test(t) && !isPrompt(t) && placeholderToken(t) === null);
          const underSection = repeated.length > 0 && section !== null && event.listDepth > section.listDepth && introducesList;
          const inList = underSection && labelHolds(index);
          // A list that is the next story opens it, and an empty part named again in a list is
          // a part to write: both also at a part that the section above names.
          // `Action & Result` under a single Result names that part again with an earlier one: it
          // goes back in STAR order, as a new story's combined label does, whatever stands between
          // them. (Under a combined `Actions & Results`, a `Task + Action` is the writer's own order.)
          const above = section?.section.kinds;
          const goesBack = above?.length === 1 && kinds.some((k) => !hasPart(sections, k) && SECTION_KINDS.indexOf(k) < SECTION_KINDS.indexOf(above[0]));
          const opensNext = (underSection && (!inList || listOpensStory(index, current))) || (repeated.length > 0 && goesBack);
          if (inList && !opensNext && section) {
            // A part named again in a list inside a section is content, not a new story: a
            // nurse's SBAR handover under the Action ("Situation: …", "Background: …").
            const open = section;
            open.texts.push(plainText(`${event.labelText} ${event.inlineText}`));
            open.substantive = true;
            open.end = Math.max(open.end, event.lineEnd);
            current.end = Math.max(current.end, event.lineEnd);
            break;
          }
          if (repeated.length > 0 && continuing && !opensNext) {
            // STARR drafts use a second "R:" for the Reflection.
            if (event.style.kind === 'inline' && event.style.letter && kinds[0] === 'result' && !hasPart(sections, 'reflection')) {
              kinds = ['reflection'];
            } else {
              kinds = kinds.filter((k) => !hasPart(sections, k));
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
            // A part that comes round again (a second Situation) starts the next answer, with
            // the parts just before it that lead up to it.
            closeSection();
            const open = current;
            const carried = open.answer.sections.splice(leadInStart(open.answer.sections, kinds));
            if (carried.length > 0) open.end = Math.max(open.answer.titleRange?.end.offset ?? 0, ...open.answer.sections.map((s) => s.range.end.offset));
            closeAnswer();
            if (carried.length > 0) {
              current = openAnswer(null, carried[0].labelRange.start.offset, carried[carried.length - 1].range.end.offset);
              current.answer.sections.push(...carried);
              if (carried.some((s) => s.style.kind === 'heading')) current.sectionHeadingDepth = open.sectionHeadingDepth;
            }
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
          blanks: hasInline && event.blank ? 1 : 0,
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
        // Markup alone right above a label (the `<details>` that holds the next story's
        // `<summary>` label) opens what comes next: it is not the end of the part above.
        if (!event.text.trim() && !event.substantive && !event.code && events[index + 1]?.type === 'label') break;
        if (section) {
          // A fenced block right under a label (`Result:` then a fence of figures) is the part's text.
          if (event.text) {
            section.texts.push(event.text);
            if (event.blank) section.blanks++;
          }
          else if (event.code && section.texts.length === 0) section.texts.push(event.code);
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
