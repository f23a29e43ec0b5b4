/** Plain-text summaries shown by the CodeLens, outline and status bar. No vscode import, so unit-testable. */
import { SECTION_KINDS, type Answer, type SectionKind } from '../core/types';

const SHORT_NAMES: Readonly<Record<SectionKind, string>> = { situation: 'S', task: 'T', action: 'A', result: 'R', reflection: 'Reflection' };

/** Which of the five parts an answer has, in canonical order. */
export function completeness(answer: Answer): Array<{ kind: SectionKind; present: boolean }> {
  return SECTION_KINDS.map((kind) => ({ kind, present: answer.sections.some((s) => s.kinds.includes(kind)) }));
}

/** Spoken length at a words-per-minute rate, as m:ss. */
export function spokenDuration(words: number, wordsPerMinute: number): string {
  const seconds = Math.round((words / Math.max(1, wordsPerMinute)) * 60);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** `S ✓  T ✓  A ✓  R ✗  Reflection ✗ · 312 words · ~2:05 spoken` */
export function lensTitle(answer: Answer, wordsPerMinute: number): string {
  const parts = completeness(answer).map(({ kind, present }) => `${SHORT_NAMES[kind]} ${present ? '✓' : '✗'}`);
  return `${parts.join('  ')} · ${answer.words} words · ~${spokenDuration(answer.words, wordsPerMinute)} spoken`;
}
