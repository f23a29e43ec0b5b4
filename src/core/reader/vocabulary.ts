/** Stage 0 of the reader: the words and letters that name each STAR part, as data plus synonyms. */
import labelData from '../section-labels.json';
import { SECTION_KINDS, type SectionKind } from '../types';
import { cuePattern } from './cue-pattern';

/** Extra label words per section, from configuration. */
export type Synonyms = Partial<Record<SectionKind, string[]>>;

/** Looks up label words; built once per synonym set and cached. */
export interface Vocabulary {
  /** The kinds a label text names, or null when it is not a STAR label. */
  kindsOf(labelText: string): SectionKind[] | null;
  /** The kind of a single-letter label (`S`), or null. */
  kindOfLetter(letter: string): SectionKind | null;
  /** True when label words name a part by its own STAR word, in any language we read (`Situación`, `结果`). */
  isCanonical(labelWords: string): boolean;
}

/** Each part's own STAR word in every language, as one pattern. */
const CANONICAL = cuePattern(SECTION_KINDS.flatMap((kind) => (labelData.sections[kind] as { canonical: string[] }).canonical), false);

const LEADING_WORDS = new Set(labelData.leadingWords);
const COMPOUND_SPLIT = /\s*(?:\/|&|\+|,|\band\b)\s*/;

function normalizeLabelText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    // "## Situation 🧭", "**Result 🎯:**": an emoji beside the word is decoration.
    .replace(/[\p{Extended_Pictographic}\uFE0F\u200D]/gu, ' ')
    // "Action(s)", "Lesson(s) learned": the plural is as good as the word.
    .replace(/(?<=\p{L})\(s\)/gu, 's')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.:\uff1a!?-]+|[\s.:\uff1a!?-]+$/g, '');
}

/** Label words that name other parts in a framework (CAR's "Challenge": Situation and Task). */
export type FrameworkLabels = Readonly<Record<string, readonly SectionKind[]>>;

function buildVocabulary(extra: Synonyms, framework: FrameworkLabels): Vocabulary {
  const combined = new Map(Object.entries(framework).map(([words, kinds]) => [normalizeLabelText(words), [...kinds]]));
  const byWords = new Map<string, SectionKind>();
  const byLetter = new Map<string, SectionKind>();
  for (const kind of SECTION_KINDS) {
    const entry: { letter: string | null; labels: string[]; aliasLetters?: string[] } = labelData.sections[kind];
    for (const word of [...entry.labels, ...(extra[kind] ?? [])]) byWords.set(normalizeLabelText(word), kind);
    for (const letter of [entry.letter, ...(entry.aliasLetters ?? [])]) if (letter) byLetter.set(letter.toLowerCase(), kind);
  }

  // Tries the words as written, then without up to two leading articles, possessives or qualifiers.
  const lookup = (words: string): SectionKind | null => {
    let candidate = words;
    for (let dropped = 0; dropped <= 2; dropped++) {
      const kind = byWords.get(candidate);
      if (kind) return kind;
      const space = candidate.indexOf(' ');
      if (space < 0 || !LEADING_WORDS.has(candidate.slice(0, space))) return null;
      candidate = candidate.slice(space + 1);
    }
    return null;
  };

  // Drafts repeat the same few labels; remembering them keeps normalizing off the typing path.
  const known = new Map<string, SectionKind[] | null>();
  const kindsOf = (labelText: string): SectionKind[] | null => {
    let kinds = known.get(labelText);
    if (kinds === undefined) {
      if (known.size >= 2000) known.clear();
      kinds = kindsOfText(labelText);
      // Shared by every analysis from now on: frozen, so no caller can change it for the others.
      if (kinds) Object.freeze(kinds);
      known.set(labelText, kinds);
    }
    return kinds;
  };

  const kindsOfText = (labelText: string): SectionKind[] | null => {
    const normalized = normalizeLabelText(labelText);
    if (!normalized) return null;
    const framed = combined.get(normalized);
    if (framed) return framed;
    const whole = lookup(normalized);
    if (whole) return [whole];
    // "Key takeaway for Roblox", "Results for the team": a label, then whom or what it is for.
    const aimed = /^(.+?) (?:for|from|on|about|with) (?:\S+ ?){1,4}$/.exec(normalized);
    const aimedKind = aimed ? lookup(aimed[1]) : null;
    if (aimedKind) return [aimedKind];
    // "Goal I didn't meet", "Steps we took": a label word, then what the writer did with it.
    const told = /^(.+?) (?:i|we) (?:\S+ ?){1,3}$/.exec(normalized);
    const toldKind = told ? lookup(told[1]) : null;
    if (toldKind) return [toldKind];
    // Combined labels such as "Situation / Task" or "Actions & Results".
    const parts = normalized.split(COMPOUND_SPLIT).filter(Boolean);
    if (parts.length < 2) return null;
    const kinds: SectionKind[] = [];
    for (const [index, part] of parts.entries()) {
      const kind = lookup(part) ?? (part.length === 1 ? byLetter.get(part) ?? null : null);
      // "Action / Vorgehen", "Result / Numbers": a short gloss after a STAR word is fine. One
      // before it is a topic that the STAR word only ends ("Adaptability & Learning" over a
      // section of questions), not a label.
      if (!kind && index === 0) return null;
      if (!kind) {
        if (part.split(' ').length > 2) return null;
        continue;
      }
      if (!kinds.includes(kind)) kinds.push(kind);
    }
    return kinds.length > 0 ? kinds : null;
  };

  return {
    kindsOf,
    kindOfLetter(letter) {
      return byLetter.get(letter.toLowerCase()) ?? null;
    },
    isCanonical(labelWords) {
      return CANONICAL.test(labelWords);
    },
  };
}

const vocabularyCache = new Map<string, Vocabulary>();

/** The label vocabulary for a synonym set; the default set is shared. */
export function vocabularyFor(extra: Synonyms = {}, framework: FrameworkLabels = {}): Vocabulary {
  const key = JSON.stringify([extra, framework]);
  let vocabulary = vocabularyCache.get(key);
  if (!vocabulary) {
    if (vocabularyCache.size > 32) vocabularyCache.clear();
    vocabulary = buildVocabulary(extra, framework);
    vocabularyCache.set(key, vocabulary);
  }
  return vocabulary;
}
