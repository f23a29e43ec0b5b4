/**
 * The "Label the STAR parts" fix: writes labels in at the boundaries inference found in an
 * answer told as prose, in the label style of the writer's other answers (bold `**Situation:**`
 * when there are none). A part that starts inside a paragraph gets a paragraph of its own;
 * nothing else changes, so the labelled text reads back as the same parts, sentence for sentence.
 */
import { CLOSERS } from './reader/candidates';
import labelData from './section-labels.json';
import { INFERRED_STYLE } from './inference/prose';
import { SECTION_TITLES, type Answer, type LabelStyle, type LetterCase, type SectionKind, type TextEdit } from './types';

/** The label style to write: the first labelled section's in the document, if it is one we can write in a paragraph's place. */
export function labelStyleFor(answers: readonly Answer[]): LabelStyle {
  for (const answer of answers) {
    for (const section of answer.sections) {
      if (section.inferred) continue;
      const style = section.style;
      if (style.kind === 'heading') return style;
      // Labels sharing one line, table rows and HTML tags do not start a paragraph of prose.
      if (style.kind === 'inline' && !style.sameLine && !style.wrapper.startsWith('<')) return style;
    }
  }
  return INFERRED_STYLE;
}

const applyCase = (word: string, letterCase: LetterCase): string =>
  letterCase === 'upper' ? word.toUpperCase() : letterCase === 'lower' ? word.toLowerCase() : word;

/** The label for one part in a style, and what separates it from the part's first sentence. */
function renderLabel(kind: SectionKind, style: LabelStyle, eol: string): string {
  if (style.kind === 'heading') {
    const word = applyCase(SECTION_TITLES[kind], style.letterCase);
    // Own-line heading labels, ATX even where the writer used setext (the underline would need its own width).
    return `${'#'.repeat(style.depth)} ${word}${eol}${eol}`;
  }
  if (style.kind !== 'inline') return `**${SECTION_TITLES[kind]}:** `;
  const entry: { letter: string | null; aliasLetters?: string[] } = labelData.sections[kind];
  const letter = style.letter ? (entry.letter ?? entry.aliasLetters?.[0] ?? null) : null;
  const word = letter ?? applyCase(SECTION_TITLES[kind], style.letterCase);
  if (letter && style.letter === 'paren') return `(${letter}) `;
  if (letter && style.letter === 'bracket') return `[${letter}] `;
  const close = CLOSERS[style.wrapper] ?? style.wrapper;
  const separator = style.separator || (style.ownLine ? '' : ':');
  const label = style.separatorInside ? `${style.wrapper}${word}${separator}${close}` : `${style.wrapper}${word}${close}${separator}`;
  return style.ownLine ? `${label}${eol}` : `${label} `;
}

/** What may stand before a part that starts its line: indentation, quote markers, a bullet or number, a task box. */
const LINE_START = /^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?)?$/;

/**
 * Edits that label every inferred part of the answer, or [] when it has none. `text` is the
 * analyzed document; `answers` are all of its answers (for the writer's label style).
 */
export function labelPartsEdits(text: string, answers: readonly Answer[], answer: Answer, eol = '\n'): TextEdit[] {
  const style = labelStyleFor(answers);
  const edits: TextEdit[] = [];
  for (const section of answer.sections) {
    if (!section.inferred) continue;
    const start = section.range.start.offset;
    const label = renderLabel(section.kind, style, eol);
    // Where the part's line starts, after indentation, quote markers and a list item's bullet
    // (`- I volunteered…` becomes `- **Task:** I volunteered…`).
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    const before = text.slice(lineStart, start);
    if (LINE_START.test(before)) {
      edits.push({ offset: start, length: 0, text: label, placeholders: [] });
      continue;
    }
    // Inside a paragraph: the spaces (or line break) after the sentence before become a paragraph break.
    let gap = start;
    while (gap > 0 && /[ \t\r\n]/.test(text[gap - 1])) gap--;
    const quote = /^[ \t]*(?:>[ \t]?)*/.exec(text.slice(lineStart))?.[0] ?? '';
    const marker = quote.includes('>') ? quote.trimEnd() : '';
    edits.push({ offset: gap, length: start - gap, text: `${eol}${marker}${eol}${quote}${label}`, placeholders: [] });
  }
  return edits;
}

/** Applies non-overlapping edits to a text (any order). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.offset - a.offset)) out = out.slice(0, edit.offset) + edit.text + out.slice(edit.offset + edit.length);
  return out;
}
