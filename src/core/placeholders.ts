import { collapseWhitespace, countWords } from './markdown';
import type { SectionKind } from './types';

/**
 * Prompts STAR Coach puts in new and inserted sections (quick fixes, New Draft, snippets);
 * the editor selects them so the writer types over them.
 */
export const SECTION_PLACEHOLDERS: Readonly<Record<SectionKind, string>> = {
  situation: 'Where and when was this, and what was at stake?',
  task: 'What were you responsible for, and what did success look like?',
  action: 'What did you do, step by step? Say "I" for your own part.',
  result: 'What changed, in numbers? For example: it went from X to Y in Z weeks.',
  reflection: 'What did you learn, and what would you do differently next time?',
};

const PROMPTS = new Set(Object.values(SECTION_PLACEHOLDERS).map((prompt) => prompt.toLowerCase()));
/** The prompts' first characters, and the longest prompt's length. */
const PROMPT_STARTS = new Set([...PROMPTS].map((prompt) => prompt[0]));
const LONGEST_PROMPT = Math.max(...[...PROMPTS].map((prompt) => prompt.length));
const VISIBLE = /\S/;

/** True when a section's plain text is only one of our prompts, untouched: nothing written yet. */
export function isPrompt(text: string): boolean {
  // Most text is told, not a prompt: its first character or its length says so before it is
  // collapsed and lower-cased whole (lower-casing never shortens a text, nor changes the
  // first character's lower case).
  const first = text.search(VISIBLE);
  if (first < 0 || !PROMPT_STARTS.has(text[first].toLowerCase()[0])) return false;
  const collapsed = collapseWhitespace(text);
  return collapsed.length <= LONGEST_PROMPT && PROMPTS.has(collapsed.toLowerCase());
}

/** What writers leave where a part will go: `TODO`, `TBD: add numbers`, `...`, `?`. */
const PLACEHOLDER_WORD = /^(?:todo|to-do|tbd|tbc|fixme|xxx|to be (?:added|written|done|confirmed)|fill (?:in|this in)|coming soon|placeholder)\b/i;
const PLACEHOLDER_MARK = /^(?:\.{2,}|…|\?+|-+)\s*$/;
/** Longest note that still reads as a placeholder ("TODO - ask Dana if she still has the numbers"). */
const PLACEHOLDER_MAX_WORDS = 15;

/**
 * The placeholder token a section's only text starts with (`TODO` in "TODO - ask Dana"),
 * or null when the text is not a placeholder note. A fix replaces this token and nothing else.
 */
export function placeholderToken(text: string): string | null {
  const trimmed = text.trim();
  const mark = PLACEHOLDER_MARK.exec(trimmed);
  if (mark) return trimmed;
  const word = PLACEHOLDER_WORD.exec(trimmed);
  return word && countWords(trimmed) <= PLACEHOLDER_MAX_WORDS ? word[0] : null;
}
