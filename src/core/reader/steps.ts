/**
 * Process steps: a playbook's `**Goal:** … **Key Actions:** - Attend the review - Identify
 * risks` gives a goal and a list of imperatives. Nothing in it happened, so it is not a story,
 * however much it looks like a Task and an Action.
 */
import labelData from '../section-labels.json';
import { plainText } from '../markdown';
import type { Section } from '../types';
import { cuePattern } from './cue-pattern';
import cues from './story-cues.json';

const PAST_IRREGULAR = cuePattern(Object.values(cues.pastTense).flat(), false);
/** A regular English past (`migrated`, `cut`-less `reduced`); `proceed`, `need` are not. */
const PAST_REGULAR = /\b\p{L}{2,}(?<!e)ed\b/iu;
/** A list item's first line: its indentation, the bullet or number, then its text. */
const ITEM = /^([ \t>]*)(?:[-*+•●◦]|\d{1,3}[.)])[ \t]+(.+)$/gm;
/**
 * A word that can open an imperative: capitalized, and not a past (`Reduced`), a gerund
 * (`Leading`), an adverb (`Quickly`) or a plural or third person in a lone `s` (`Users`,
 * `Ships`; `Discuss`, `Address` keep their double s).
 */
const BASE_FORM = /^\p{Lu}\p{Ll}+$/u;
const NOT_BASE = /(?:(?<!e)ed|ing|ly|(?<!s)s)$/u;
/** Words a sentence about what happened opens with, never an imperative. */
const OPENERS = /^(?:the|a|an|this|that|these|those|it|its|they|their|he|she|his|her|there|then|after|before|when|while|finally|also|all|each|every|both|no|not|one|two|three)$/iu;
/** The Task's own words (`Task`, `Tarea`, `任务`): a writer drafting a story names it so; a playbook says `Goal`. */
const TASK_WORDS = cuePattern(labelData.sections.task.canonical, false);
/** A label that is one letter (`T:`, `**T**`), as a STAR draft writes it. */
const LETTER_LABEL = /^[^\p{L}]*\p{L}[^\p{L}]*$/u;
/** How many words after the first still belong to the step's verb phrase. */
const STEP_WINDOW = 3;
/** Fewest items that make a list of steps. */
const MIN_STEPS = 3;

/** True when a list item reads as an instruction: a base-form verb, nothing past right after it. */
function opensImperative(item: string): boolean {
  const words = plainText(item).trim().split(/\s+/).slice(0, STEP_WINDOW + 1);
  const first = words[0]?.replace(/[^\p{L}]+$/u, '') ?? '';
  if (!BASE_FORM.test(first) || NOT_BASE.test(first) || OPENERS.test(first) || PAST_IRREGULAR.test(first)) return false;
  const phrase = words.slice(1).join(' ');
  return !PAST_REGULAR.test(phrase) && !PAST_IRREGULAR.test(phrase);
}

/**
 * True when an answer is a process description: no Situation or Result is written, its goal
 * is labelled by a synonym (`Goal`, `Objective`: notes for a story of one's own say `Task`),
 * and the Action lists at least three items, three in four of them opening with an
 * imperative. The caller has checked that no part is told in the first person.
 */
export function describesProcess(written: readonly Section[], sourceOf: (section: Section) => string): boolean {
  if (written.some((section) => section.kinds.includes('situation') || section.kinds.includes('result'))) return false;
  const goal = written.find((section) => section.kinds.includes('task'));
  const goalLabel = goal ? plainText(goal.labelText) : '';
  if (!goal || TASK_WORDS.test(goalLabel) || LETTER_LABEL.test(goalLabel)) return false;
  const action = written.find((section) => section.kinds.includes('action'));
  if (!action) return false;
  // The steps are the outermost items; nested ones detail a step (`Performance (LCP ≤ 2s)`).
  const found = [...sourceOf(action).matchAll(ITEM)];
  const outer = Math.min(...found.map((match) => match[1].length));
  const items = found.filter((match) => match[1].length === outer).map((match) => match[2]);
  if (items.length < MIN_STEPS) return false;
  const steps = items.filter(opensImperative).length;
  return steps * 4 >= items.length * 3;
}
