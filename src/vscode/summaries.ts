/**
 * The words the CodeLens, status bar, Outline and hover show for an answer, all built from
 * its readiness (src/engine/readiness.ts) so they say the same thing. No vscode import, so
 * unit-testable.
 */
import { isPromptOnly, type PartReadiness, type Readiness } from '../engine/readiness';
import type { FollowUp } from '../engine/follow-ups';
import type { ScoreExplanation } from '../engine/score';
import { SECTION_TITLES, type AnswerScore, type Section, type SectionKind } from '../core/types';

const SHORT_NAMES: Readonly<Record<SectionKind, string>> = { situation: 'S', task: 'T', action: 'A', result: 'R', reflection: 'Reflection' };

/** The mark of each state: written, labelled but not written, missing and required, missing and optional. */
export const PART_MARKS = { written: '✓', empty: '○', 'missing-required': '✗', 'missing-optional': '–' } as const;

/** `1 word`, `2 words`. */
export function plural(count: number, word: string, pluralWord = `${word}s`): string {
  return `${count} ${count === 1 ? word : pluralWord}`;
}

/** `Task`, `Task and Reflection`, `Situation, Task and Reflection`. */
export function titleList(kinds: readonly SectionKind[]): string {
  const titles = kinds.map((kind) => SECTION_TITLES[kind]);
  return titles.length <= 1 ? titles.join('') : `${titles.slice(0, -1).join(', ')} and ${titles[titles.length - 1]}`;
}

/** Spoken length at a words-per-minute rate, as m:ss. */
export function spokenDuration(words: number, wordsPerMinute: number): string {
  const seconds = Math.round((words / Math.max(1, wordsPerMinute)) * 60);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** The mark of a written part that no label holds: read from the sentences of prose (`S ~`). */
export const INFERRED_MARK = '~';

/** The mark of a part; a state added later reads as not written. */
function mark(part: PartReadiness): string {
  if (part.state === 'written' && part.section?.inferred) return INFERRED_MARK;
  return PART_MARKS[part.state] ?? PART_MARKS.empty;
}

/**
 * `S ✓  T ○  A ✓  R ✗  Reflection – · 312 words · ~2:05 spoken (S 0:20, A 1:30, R 0:15) · 74/100`:
 * the parts, the length, each written part's spoken time, and the score when there is one.
 */
export function lensTitle(readiness: Readiness, words: number, wordsPerMinute: number, score?: AnswerScore): string {
  const parts = readiness.parts.map((part) => `${SHORT_NAMES[part.kind]} ${mark(part)}`);
  const times = readiness.parts.filter((part) => part.state === 'written').map((part) => `${SHORT_NAMES[part.kind]} ${spokenDuration(part.words, wordsPerMinute)}`);
  const perPart = times.length > 1 ? ` (${times.join(', ')})` : '';
  return `${parts.join('  ')} · ${plural(words, 'word')} · ~${spokenDuration(words, wordsPerMinute)} spoken${perPart}${score ? ` · ${score.total}/100` : ''}`;
}

/** Escapes text for a markdown hover. */
function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&');
}

/**
 * The hover's score section: the total, then each dimension's points with the evidence that
 * earned (+) or lost (−) them, each linked to its line through `link(line)`.
 */
export function scoreMarkdown(explanation: ScoreExplanation, link: (line: number) => string): string {
  const rows = explanation.dimensions.map((dimension) => {
    const evidence = dimension.evidence
      .map((e) => {
        const sign = e.points > 0 ? '+' : '−';
        const label = `${sign}${Math.round(Math.abs(e.points) * 10) / 10} ${escape(e.text)}`;
        return e.range ? `[${label}](${link(e.range.start.line)} "line ${e.range.start.line}")` : label;
      })
      .join(' · ');
    return `| ${escape(dimension.title)} | ${dimension.points}/${dimension.max} | ${evidence} |`;
  });
  return [`**Score ${explanation.total}/100**`, '', '| dimension | points | why |', '|---|---|---|', ...rows].join('\n');
}

/** The hover's follow-up questions, gaps first, as a list. */
export function followUpsMarkdown(followUps: readonly FollowUp[]): string {
  if (followUps.length === 0) return '';
  return ['**Likely follow-up questions**', '', ...followUps.map((f) => `- ${escape(f.question)}${f.reason === 'question bank' ? '' : ` _(${escape(f.reason)})_`}`)].join('\n');
}

/** `STAR 3/3`: required parts written, of those required. */
export function readinessCount(readiness: Readiness): string {
  return `STAR ${readiness.requiredWritten}/${readiness.requiredTotal}`;
}

/** `All 3 required parts are written.` or `2 of 5 required parts written.` */
export function readinessSentence(readiness: Readiness): string {
  const { requiredWritten, requiredTotal } = readiness;
  if (requiredTotal === 0) return 'No part is required.';
  if (readiness.ready) return requiredTotal === 1 ? 'The required part is written.' : `All ${requiredTotal} required parts are written.`;
  return `${requiredWritten} of ${plural(requiredTotal, 'required part')} written.`;
}

/**
 * What clicking the status bar or the CodeLens does for an answer: insert the required parts
 * it is missing (what "Insert Missing Sections" inserts), else go to the first part that is
 * labelled but not written, else nothing.
 */
export type NextStep = { kind: 'insert'; sections: SectionKind[] } | { kind: 'write'; part: PartReadiness } | { kind: 'none' };

export function nextStep(readiness: Readiness): NextStep {
  if (readiness.missingRequired.length > 0) return { kind: 'insert', sections: readiness.missingRequired };
  const empty = readiness.parts.filter((part) => part.state === 'empty' && part.section);
  const first = empty.find((part) => part.required) ?? empty[0];
  return first ? { kind: 'write', part: first } : { kind: 'none' };
}

/** `Result (only the prompt)`, `Reflection (optional)`. */
function emptyPartName(part: PartReadiness): string {
  const notes = [part.prompt ? 'only the prompt' : '', part.required ? '' : 'optional'].filter(Boolean);
  return `${SECTION_TITLES[part.kind]}${notes.length > 0 ? ` (${notes.join(', ')})` : ''}`;
}

/**
 * The sentences that explain an answer's readiness, one per line, ending with what a click
 * does (`Click to insert it.`). `clickable` is false where there is nothing to click.
 */
export function readinessLines(readiness: Readiness, clickable = true): string[] {
  const lines = [readinessSentence(readiness)];
  const step = nextStep(readiness);
  if (readiness.missingRequired.length > 0) {
    const one = readiness.missingRequired.length === 1;
    lines.push(`Missing: ${titleList(readiness.missingRequired)}.${clickable ? ` Click to insert ${one ? 'it' : 'them'}.` : ''}`);
  }
  const empty = readiness.parts.filter((part) => part.state === 'empty');
  if (empty.length > 0) {
    const goTo = clickable && step.kind === 'write' ? ` Click to go to ${SECTION_TITLES[step.part.kind]}.` : '';
    lines.push(`Not written yet: ${empty.map(emptyPartName).join(', ')}.${goTo}`);
  }
  if (readiness.missingOptional.length > 0) lines.push(`Optional, not there: ${titleList(readiness.missingOptional)}.`);
  return lines;
}

/** The Outline's detail for an answer: `STAR 3/3 · 120 words`. */
export function answerDetail(readiness: Readiness, words: number): string {
  return `${readinessCount(readiness)} · ${plural(words, 'word')}`;
}

/**
 * The Outline's detail for a section: `42 words`, `not written` or `only the prompt`, with
 * `· inferred, no label` for a part read from prose and `· optional` when none of the parts
 * it holds is required.
 */
export function sectionDetail(section: Section, readiness: Readiness): string {
  const written = !section.empty ? plural(section.words, 'word') : isPromptOnly(section) ? 'only the prompt' : 'not written';
  const what = section.inferred ? `${written} · inferred, no label` : written;
  const required = readiness.parts.some((part) => part.required && section.kinds.includes(part.kind));
  return required ? what : `${what} · optional`;
}
