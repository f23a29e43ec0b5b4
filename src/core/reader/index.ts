/**
 * The reader: turns a parsed markdown document into answers and their STAR sections, in
 * stages that each take the previous one's output:
 *   vocabulary (words and letters, as data) -> candidates (where a label could stand) ->
 *   events (one walk over the tree) -> schemes (which label forms this document uses) ->
 *   segment (answers and sections) -> story (told, or a template that only instructs).
 */
import type { Root } from 'mdast';
import type { LineIndex } from '../markdown';
import type { Answer, Range, SectionKind } from '../types';
import { readEvents, type Event } from './events';
import { applySchemes } from './schemes';
import { foldEvents } from './segment';
import { judgeStories } from './story';
import { QUESTION_TITLE } from './titles';
import type { Vocabulary } from './vocabulary';

/** An HTML comment found outside code, kept for suppression directives. */
export interface Comment {
  text: string;
  range: Range;
}

/** The document as STAR Coach sees it: its answers plus what draft detection needs. */
export interface DocumentStructure {
  /** Told stories, in document order. */
  answers: Answer[];
  /**
   * Answers that count only in an explicit draft (`*.star.md`, front matter `question:`):
   * templates and guides whose every part instructs, blank skeletons, lone labels.
   */
  draftOnly: Answer[];
  comments: Comment[];
  /** Front matter `question:` value, when there is front matter with that key. */
  frontMatterQuestion: string | null;
  /** Front matter `title:` value (a note app's name for the draft), likewise. */
  frontMatterTitle: string | null;
  /** Every STAR label found, also those in answers with one section. */
  labels: Array<{ kinds: SectionKind[]; canonical: boolean; heading: boolean; titledByQuestion: boolean }>;
}

function labelSummary(events: Event[], vocabulary: Vocabulary): DocumentStructure['labels'] {
  const summary: DocumentStructure['labels'] = [];
  let titledByQuestion = false;
  for (const event of events) {
    if (event.type === 'title') titledByQuestion = QUESTION_TITLE.test(event.text);
    if (event.type !== 'label') continue;
    summary.push({
      kinds: event.kinds,
      // A STAR word, or a STAR letter (`S:`, `(S)`, `#### S`).
      canonical: vocabulary.isCanonical(event.labelWords) || /^[(\[]?\p{L}[)\]]?$/u.test(event.labelWords.trim()),
      heading: event.style.kind === 'heading',
      titledByQuestion,
    });
  }
  return summary;
}

/** Reads a parsed document into answers and sections, plus what draft detection needs. */
export function readDocument(root: Root, lines: LineIndex, vocabulary: Vocabulary): DocumentStructure {
  const read = readEvents(root, lines, vocabulary);
  const { comments, frontMatterQuestion, frontMatterTitle } = read;
  const events = applySchemes(read.events, (words) => vocabulary.isCanonical(words));
  const range = (start: number, end: number): Range => ({ start: lines.pointAt(start), end: lines.pointAt(end) });
  const { stories: answers, draftOnly } = judgeStories(foldEvents(events, range).answers, lines.text);
  return { answers, draftOnly, comments, frontMatterQuestion, frontMatterTitle, labels: labelSummary(events, vocabulary) };
}
