/**
 * Stage 6 of the reader: story or template. A story is told (I, we, what happened); a
 * template or guide instructs or asks ("Describe the situation…", "What was your goal?",
 * "[write here]"). A section that only instructs is not written yet, and an answer whose
 * every part only instructs is a template, not an answer.
 */
import labelData from '../section-labels.json';
import { SECTION_KINDS, type Answer, type Section, type SectionKind } from '../types';
import { collapseWhitespace, countWords, plainText } from '../markdown';
import { isPrompt } from '../placeholders';
import { cuePattern } from './cue-pattern';
import cues from './story-cues.json';
import { describesProcess } from './steps';
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
/** Advice about pronouns (`first person singular, not we`, `I instead of we`) names them; it is not the writer speaking. */
const PRONOUN_ADVICE = /\b(?:not|instead of|rather than)\s+(?:I|we|us|our team|the team)\b|\b(?:I|we),?\s+(?:not|instead of|rather than)\s+(?:I|we|us|our team|the team)\b/gi;
/** What `QUOTED` and `PRONOUN_ADVICE` need, tested first: most parts have neither, and the full patterns cost more. */
const QUOTE_MARK = /["“”«»„]/;
const ADVICE_WORD = /\b(?:not|instead of|rather than)\s/i;
/** What a section says in its own voice: without quoted wording or advice about pronouns. */
const spokenOf = (text: string): string => {
  const unquoted = QUOTE_MARK.test(text) ? text.replace(QUOTED, ' ') : text;
  return ADVICE_WORD.test(unquoted) ? unquoted.replace(PRONOUN_ADVICE, ' ') : unquoted;
};

/** A section's own voice, and whether it says "I" or "we" there. */
interface Voice {
  spoken: string;
  told: boolean;
}
/** Each section's voice, worked out once for the several tests that read it. */
type Voices = (section: Section) => Voice;
function voices(): Voices {
  const known = new Map<Section, Voice>();
  return (section) => {
    let voice = known.get(section);
    if (!voice) {
      const spoken = spokenOf(section.text);
      voice = { spoken, told: FIRST_PERSON.test(spoken) };
      known.set(section, voice);
    }
    return voice;
  };
}

/**
 * True when a section's text plainly instructs or asks: it opens with an instruction, is a
 * blank to fill in, or is nothing but questions.
 */
export function isInstruction(text: string): boolean {
  const trimmed = text.trim();
  if (!trimmed) return false;
  if (INSTRUCTION_START.test(trimmed)) return true;
  if (trimmed.includes('[') && BLANK.test(trimmed) && trimmed.replace(BLANK, '').trim().split(/\s+/).length <= 3) return true;
  if (BLANK_PHRASE.test(trimmed) && trimmed.split(/\s+/).length <= 6) return true;
  // Nothing but questions needs a question mark: most told text has none to split on.
  if (!trimmed.includes('?') && !trimmed.includes('？')) return false;
  const sentences = trimmed.split(/(?<=[.!?。！？])\s*/).filter((s) => /[\p{L}\p{N}]/u.test(s));
  return sentences.length > 0 && sentences.every((s) => /[?？]\s*$/.test(s));
}

const BUDGET_UNIT = cuePattern(cues.budgetUnits, false).source;
const BUDGET_AMOUNT = '~?\\d{1,3}(?:\\s*(?:-|–|to)\\s*\\d{1,3})?\\s*';
/**
 * A length or time budget for a part, as guides give one: a range ("1-2 sentences",
 * "15-20 segundos"), an amount the text opens with ("2 sentences max") or one in
 * parentheses ("(30 seconds)"). "Dropped from 20 minutes to 1" is an outcome, not a budget.
 */
const BUDGET = new RegExp(
  `(?<![\\p{L}\\p{N}.,])\\d{1,3}\\s*[-–]\\s*\\d{1,3}\\s*(?:${BUDGET_UNIT})|^[\\s\\p{P}]*${BUDGET_AMOUNT}(?:${BUDGET_UNIT})|\\(\\s*${BUDGET_AMOUNT}(?:${BUDGET_UNIT})[^)]{0,30}\\)`,
  'iu',
);
const SHARE_WORDS = cuePattern(cues.answerShares, false).source;
/**
 * A part's share of the answer, as guides give one: "15% of your answer", "60% de tu
 * respuesta", or a bare percentage in parentheses after the label ("Action (60%)").
 */
const SHARE = new RegExp(`\\d{1,3}\\s*%\\s*(?:${SHARE_WORDS})|\\(\\s*~?\\d{1,3}\\s*%\\s*\\)`, 'iu');
/** "what you did.", "What changed.": a guide defining a part, not a story telling it. */
const DEFINITION_START = cuePattern(cues.definitionStarts, true);
/** Longest first sentence that still reads as a part's definition. */
const DEFINITION_MAX_WORDS = 8;
/** Longest part that restates its label ("The outcome") rather than telling anything. */
const PHRASE_MAX_WORDS = 10;

/** True when text opens with a short "what …" sentence that is not asked: a definition. */
function definesPart(spoken: string): boolean {
  if (!DEFINITION_START.test(spoken)) return false;
  const first = /^[^.!?。！？;]*[.!?。！？;]?/.exec(spoken.trim())?.[0] ?? '';
  return !/[?？]\s*$/.test(first) && first.split(/\s+/).filter(Boolean).length <= DEFINITION_MAX_WORDS;
}

/** Longest part that only glosses its label ("상황 설명", "the task you owned"). */
const GLOSS_MAX_WORDS = 6;
/** Each part's own label words, in every language we read, as one pattern per part. */
const OWN_WORDS = new Map<SectionKind, RegExp>(
  SECTION_KINDS.map((kind) => [kind, cuePattern((labelData.sections[kind] as { labels: string[] }).labels, false)]),
);

/**
 * True when a short part names its own part again (`S (Situation): situation overview`,
 * `R: result, in numbers if you can`): a guide glossing the acronym, not a story told. A
 * figure ("Results: up 30%") is a terse story's.
 */
function glossesOwnLabel(section: Section, voiceOf: Voices): boolean {
  const { spoken, told } = voiceOf(section);
  if (told) return false;
  // Quoted wording (`e.g. "cut costs by 30%"`) is an example, not the part's own text.
  if (countWords(spoken) > GLOSS_MAX_WORDS || /\p{N}/u.test(spoken)) return false;
  return section.kinds.some((kind) => OWN_WORDS.get(kind)!.test(spoken));
}

/**
 * A heading label's text without the gloss on the heading's own line: under `## Goal —
 * SMART (Task)` the part starts with what follows the heading.
 */
function belowHeading(section: Section): string {
  if (section.style.kind !== 'heading') return section.text;
  const label = collapseWhitespace(plainText(section.labelText));
  const text = section.text.trimStart();
  for (let space = label.indexOf(' '); space >= 0; space = label.indexOf(' ', space + 1)) {
    const gloss = label.slice(space + 1);
    if (gloss && text.startsWith(gloss)) return text.slice(gloss.length);
  }
  return section.text;
}

/**
 * True when a section instructs, or, never saying "I" or "we", speaks to "you", gives the
 * part a length or time budget ("1-2 sentences", a label "Situation (30 seconds)") or
 * defines it ("what changed."). These tests alone would catch a story's own advice ("you
 * can't fix what you don't measure"), so they only help to judge a whole answer.
 */
function readsAsGuide(section: Section, voiceOf: Voices): boolean {
  if (isInstruction(section.text)) return true;
  const below = belowHeading(section);
  if (below !== section.text && isInstruction(below)) return true;
  const { spoken, told } = voiceOf(section);
  if (told) return false;
  return (
    SECOND_PERSON.test(spoken) || BUDGET.test(spoken) || BUDGET.test(section.labelText) || SHARE.test(spoken) || SHARE.test(section.labelText) || definesPart(spoken)
  );
}

/**
 * A slot in angle brackets to fill in, as a template leaves it (`<value>`, `` `<N>/week` ``,
 * `<%>`): not an HTML tag, which the plain text has already dropped the same way.
 */
const ANGLE_SLOT = /`<[^<>`\n]{1,30}>|<(?!\/|!|(?:a|b|i|u|p|s|em|strong|br|hr|img|span|div|details|summary|ul|ol|li|h[1-6]|sup|sub|code|pre|kbd|mark|table|tr|td|th|blockquote|del|ins|small|center|aside|section|article|font)\b)[\p{L}\p{N}%Δ+#][^<>\n]{0,30}>/u;

/**
 * A table that rates or defines each part in columns of its own (`| Situation | Specific,
 * recent | Vague |`): no part told in the first person and no figure in any, as a story's
 * table rows would have.
 */
function isRubricTable(written: readonly Section[], voiceOf: Voices): boolean {
  return (
    written.length >= 2 &&
    written.every((section) => section.style.kind === 'table' && section.style.columns >= 3) &&
    !written.some((section) => voiceOf(section).told || /\p{N}/u.test(section.text))
  );
}

/** True when at least two parts, and half of them, pass the test. */
const mostOf = (found: number, written: readonly Section[]): boolean => found >= 2 && found * 2 >= written.length;

/**
 * A template: every written part reads as a guide's or glosses its label; or at least two
 * parts and half of them read as a guide's and the others are phrases too short to tell
 * anything ("The outcome"); or a rubric table; or half the parts leave slots to fill in
 * (`<value>`) and none says "I" or "we".
 */
function isTemplate(written: readonly Section[], source: string): boolean {
  const sourceOf = (section: Section): string => source.slice(section.range.start.offset, section.range.end.offset);
  const voiceOf = voices();
  const toldByWriter = written.some((section) => voiceOf(section).told);
  // A part told in the first person, longer than a phrase and no guide's, fails every test
  // below (it is no guide's, no gloss and no phrase; the rubric and slot tests want no part
  // told): so a story is known without reading each of its parts as a guide's.
  if (toldByWriter && written.some((section) => section.words > PHRASE_MAX_WORDS && voiceOf(section).told && !readsAsGuide(section, voiceOf))) return false;
  if (!toldByWriter && describesProcess(written, sourceOf)) return true;
  const guides = written.filter((section) => readsAsGuide(section, voiceOf));
  if (guides.length === written.length) return true;
  // A gloss list names every part again; a terse story may repeat one label word, not all.
  if (written.every((section) => guides.includes(section) || glossesOwnLabel(section, voiceOf))) return true;
  if (mostOf(guides.length, written) && written.every((section) => guides.includes(section) || section.words <= PHRASE_MAX_WORDS)) return true;
  if (isRubricTable(written, voiceOf)) return true;
  const slotted = written.filter((section) => {
    const source = sourceOf(section);
    return source.includes('<') && ANGLE_SLOT.test(source);
  });
  return mostOf(slotted.length, written) && !toldByWriter;
}

/**
 * A bracketed slot in the source, its brackets perhaps escaped as a rich-text editor writes
 * them (`\\[Background and context. What was at stake?]`), of any length: not a link, a
 * footnote or a wiki link.
 */
const SOURCE_SLOT = /\\?\[(?![[^])[^[\]\n]{1,400}?\\?\](?![([:])/gu;
/** A bold or italic field name before a slot (`**Metric 1:** [Number]`), with its colon. */
const FIELD_NAME = /(?:\*\*|__|\*|_)[^*_\n]{1,60}?:\s*(?:\*\*|__|\*|_)|(?:\*\*|__|\*|_)[^*_\n]{1,60}?(?:\*\*|__|\*|_)\s*:/gu;

/**
 * True when a part's content (below or after its label) is only slots to fill in, however
 * long (`[What needed to be done, and why?]`), with field names, bullets and marks around them.
 */
function onlySlots(content: string): boolean {
  if (!content.includes('[')) return false;
  const unslotted = content.replace(SOURCE_SLOT, ' ');
  if (unslotted === content) return false;
  return !/[\p{L}\p{N}]/u.test(unslotted.replace(FIELD_NAME, ' '));
}

/** Parts whose content is only slots to fill in count as not written. */
function markSlots(sections: readonly Section[], source: string): void {
  for (const section of sections) {
    if (!section.empty && onlySlots(source.slice(section.labelRange.end.offset, section.range.end.offset))) section.empty = true;
  }
}

/** Written sections that plainly instruct count as not written. */
function markInstructions(sections: readonly Section[]): void {
  for (const section of sections) if (!section.empty && isInstruction(section.text)) section.empty = true;
}

/**
 * Splits answers into told stories and the ones that count only in an explicit draft:
 * templates (the written parts read as a guide's), skeletons (every part blank) and lone
 * labels (one label, or one part written under no interview question). A skeleton of STAR
 * Coach's own prompts is a story being started. In stories, sections that plainly instruct
 * become empty.
 */
export function judgeStories(answers: readonly Answer[], source = ''): { stories: Answer[]; draftOnly: Answer[] } {
  const stories: Answer[] = [];
  const draftOnly: Answer[] = [];
  for (const answer of answers) {
    markSlots(answer.sections, source);
    const written = answer.sections.filter((section) => !section.empty);
    // One part told (the others blank or placeholders) is a note, not yet a story, unless an
    // interview question asks for it. One label in all is a note even there; inference reads
    // it as a story when told prose below it holds the other parts (core/inference/prose).
    const lone = answer.sections.length === 1 || (written.length === 1 && !(answer.title !== null && QUESTION_TITLE.test(answer.title)));
    // A skeleton STAR Coach wrote (a bank question, a snippet) is an answer being started.
    const ours = answer.sections.some((section) => isPrompt(section.text));
    if (ours && !lone) {
      stories.push(answer);
    } else if (written.length === 0 || lone) {
      draftOnly.push(answer);
    } else if (isTemplate(written, source)) {
      for (const section of written) section.empty = true;
      draftOnly.push(answer);
    } else {
      markInstructions(answer.sections);
      stories.push(answer);
    }
  }
  return { stories, draftOnly };
}
