/**
 * Stage 6 of the reader: story or template. A story is told (I, we, what happened); a
 * template or guide instructs or asks ("Describe the situation…", "What was your goal?",
 * "[write here]"). A section that only instructs is not written yet, and an answer whose
 * every part only instructs is a template, not an answer.
 */
import type { Answer, Section } from '../types';
import { isPrompt } from '../placeholders';
import { cuePattern } from './cue-pattern';
import cues from './story-cues.json';
import { QUESTION_TITLE } from './titles';

const INSTRUCTION_START = cuePattern(cues.instructionStarts, true);
const SECOND_PERSON = cuePattern(Object.values(cues.secondPerson).flat(), false);
const FIRST_PERSON = cuePattern(Object.values(cues.firstPerson).flat(), false);
// English "i" in lower case is rarely the writer, so the English test is stricter (below).
const FIRST_PERSON_BEYOND_ENGLISH = cuePattern(Object.entries(cues.firstPerson).flatMap(([language, words]) => (language === 'en' ? [] : words)), false);
const FIRST_PERSON_ENGLISH = /\b(?:I|[Mm]e|[Mm]y|[Mm]ine|[Mm]yself|[Ww]e|[Oo]ur|[Oo]urs|[Oo]urselves|[Uu]s)\b/;

/** True when text is told in the first person, in any language we read. */
export function toldInFirstPerson(text: string): boolean {
  return FIRST_PERSON_ENGLISH.test(text) || FIRST_PERSON_BEYOND_ENGLISH.test(text);
}
const BLANK_PHRASE = cuePattern(cues.blanks, true);
/** A bracketed blank to fill in: `[Write here]`, `[your answer]`, `[X]`. */
const BLANK = /\[[^\]\n]{0,40}\]/;
/** Quoted words are advice about wording (`say "I", not "we"`), not the writer speaking. */
const QUOTED = /["“”«»„][^"“”«»„\n]{0,40}["“”«»„]/g;

/**
 * True when a section's text plainly instructs or asks: it opens with an instruction, is a
 * blank to fill in, or is nothing but questions.
 */
export function isInstruction(text: string): boolean {
  const trimmed = text.trim();
  if (!trimmed) return false;
  if (INSTRUCTION_START.test(trimmed)) return true;
  if (BLANK.test(trimmed) && trimmed.replace(BLANK, '').trim().split(/\s+/).length <= 3) return true;
  if (BLANK_PHRASE.test(trimmed) && trimmed.split(/\s+/).length <= 6) return true;
  const sentences = trimmed.split(/(?<=[.!?。！？])\s*/).filter((s) => /[\p{L}\p{N}]/u.test(s));
  return sentences.length > 0 && sentences.every((s) => /[?？]\s*$/.test(s));
}

/**
 * True when a section instructs, or speaks to "you" and never says "I" or "we". The second
 * test alone would catch a story's own advice ("you can't fix what you don't measure"), so
 * it only helps to judge a whole answer.
 */
function readsAsGuide(text: string): boolean {
  if (isInstruction(text)) return true;
  const spoken = text.replace(QUOTED, ' ');
  return SECOND_PERSON.test(spoken) && !FIRST_PERSON.test(spoken);
}

/** Written sections that plainly instruct count as not written. */
function markInstructions(sections: readonly Section[]): void {
  for (const section of sections) if (!section.empty && isInstruction(section.text)) section.empty = true;
}

/**
 * Splits answers into told stories and the ones that count only in an explicit draft:
 * templates (every written part instructs), skeletons (every part blank) and lone labels
 * (one part, under no interview question). A skeleton of STAR Coach's own prompts is a
 * story being started. In stories, sections that plainly instruct
 * become empty.
 */
export function judgeStories(answers: readonly Answer[]): { stories: Answer[]; draftOnly: Answer[] } {
  const stories: Answer[] = [];
  const draftOnly: Answer[] = [];
  for (const answer of answers) {
    const written = answer.sections.filter((section) => !section.empty);
    const lone = answer.sections.length === 1 && !(answer.title !== null && QUESTION_TITLE.test(answer.title));
    // A skeleton STAR Coach wrote (a bank question, a snippet) is an answer being started.
    const ours = answer.sections.some((section) => isPrompt(section.text));
    if (ours && !lone) {
      stories.push(answer);
    } else if (written.length === 0 || lone) {
      draftOnly.push(answer);
    } else if (written.every((section) => readsAsGuide(section.text))) {
      for (const section of written) section.empty = true;
      draftOnly.push(answer);
    } else {
      markInstructions(answer.sections);
      stories.push(answer);
    }
  }
  return { stories, draftOnly };
}
