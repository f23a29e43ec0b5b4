import { fillers } from 'fillers';
import { hedges } from 'hedges';
import { answerText, memo, type AnswerText, type Sentence } from '../core/sentences';
import { offsetRange, quote, type Rule } from './rule';

/**
 * Entries of the `hedges` and `fillers` lists (the word lists behind retext-intensify) that
 * are not hedges in an interview answer: modal verbs, frequencies (STAR010 reads those in the
 * Action), approximations before a figure ("about 40%" is honest), boosters, the vocabulary of
 * risk (probability, likely), and ordinary content words ("found", "read", "so far").
 */
const NOT_HEDGES = new Set(
  (
    'about|approximately|around|roughly|at least|so far|can|could|may|might|must|should|will|would|always|usually|often|frequently|sometimes|rarely|seldom|occasionally|almost never|typically|' +
    'few|many|several|some|most|much|little|bunch|couple|certain|clear|clearly|certainly|definitely|definite|surely|consider|considered|considers|find|finds|found|read|say|says|understand|understands|understood|thought|' +
    'estimate|estimated|estimates|probability|possible|possibility|possibly|improbable|probable|probably|unlikely|likely|diagnostic|indicate|suggest|suggested|suggestive|suggests|doubt|doubtful|rare|consistent with|' +
    'like|well|so|right|real|things|stuff|start|begin|try|too|very|extremely|highly|totally|completely|absolutely|entirely|fully|strongly|truly|seriously|significantly|especially|particularly|specifically|precisely|exactly|primarily|heavily|widely|easily|nicely|badly|amazing|' +
    'whatever|whenever|wherever|whoever|ok|okay|ultimately|effectively|overall|mainly|somebody|someone|something|somewhere|supposed|allege|alleged|assume|assumed|assumes|assumption|inconclusive|unsure|be sure|tend|necessarily|frankly|actual|generally|apparent|appear|appeared|appears'
  ).split('|'),
);
/** Verbs of opinion that hedge only after "I": "I think", "I guess"; "they believe" reports. */
const AFTER_I = new Set(['think', 'thinks', 'guess', 'guessed', 'guesses', 'believe', 'believed', 'believes', 'suppose', 'supposes', 'feel']);

/** The hedge phrases, as word sequences, by their first word. */
const PHRASES = new Map<string, string[][]>();
for (const entry of new Set([...hedges, ...fillers])) {
  if (NOT_HEDGES.has(entry)) continue;
  const words = entry.split(/\s+/);
  const list = PHRASES.get(words[0]) ?? [];
  list.push(words);
  PHRASES.set(words[0], list);
}
// Longest phrase first, so "kind of" is found before "kind" would be.
for (const list of PHRASES.values()) list.sort((a, b) => b.length - a.length);

export interface Hedge {
  start: number;
  end: number;
  phrase: string;
  sentence: Sentence;
}

/** Is the word at `i` a hedge in context? Rules out "just in time", "a just cause", "treated them fairly". */
function inContext(words: Sentence['words'], i: number, phrase: string[]): boolean {
  const word = words[i].lower;
  const next = words[i + phrase.length]?.lower;
  const before = words[i - 1]?.lower;
  if (AFTER_I.has(word)) return before === 'i';
  if (word === 'just') return !(next === 'in' && ['time', 'case'].includes(words[i + 2]?.lower ?? '')) && before !== 'a' && before !== 'the';
  // "fairly" hedges the word after it ("fairly quick"); at the end ("treated them fairly") it is a manner.
  if (word === 'fairly' || word === 'pretty' || word === 'quite' || word === 'rather') return next !== undefined && !['and', 'or', 'than', 'to', 'with'].includes(next);
  return true;
}

/** Hedges and fillers in every written part of an answer, as retext-intensify would mark them. */
export function hedgesOf(tree: AnswerText): Hedge[] {
  return memo(tree, 'hedges', readHedges);
}

function readHedges(tree: AnswerText): Hedge[] {
  const found: Hedge[] = [];
  for (const section of tree.sections) {
    for (const sentence of section.sentences) {
      const { words } = sentence;
      for (let i = 0; i < words.length; i++) {
        const candidates = PHRASES.get(words[i].lower);
        if (!candidates) continue;
        const phrase = candidates.find((p) => p.every((w, k) => words[i + k]?.lower === w));
        if (!phrase || !inContext(words, i, phrase)) continue;
        const startIndex = AFTER_I.has(words[i].lower) ? i - 1 : i;
        found.push({ start: words[startIndex].start, end: words[i + phrase.length - 1].end, phrase: phrase.join(' '), sentence });
        i += phrase.length - 1;
      }
    }
  }
  return found;
}

export const hedging: Rule = {
  id: 'STAR014',
  alias: 'hedging',
  description: 'Hedges and fillers ("I think", "kind of", "basically", "just", "maybe") weaken what you say you did.',
  defaultSeverity: 'hint',
  check({ text, lines, answer }) {
    const tree = answerText(text, answer);
    // One finding per sentence, at its first hedge, naming all of them: a draft is not a sea of squiggles.
    const bySentence = new Map<Sentence, Hedge[]>();
    for (const hedge of hedgesOf(tree)) bySentence.set(hedge.sentence, [...(bySentence.get(hedge.sentence) ?? []), hedge]);
    return [...bySentence.values()].map((found) => {
      const said = found.map((h) => quote(text.slice(tree.base + h.start, tree.base + h.end)));
      return {
        message:
          `${said.join(', ')} ${found.length === 1 ? 'softens' : 'soften'} this sentence. Said aloud, hedges and fillers sound unsure of your own story: ` +
          `drop ${found.length === 1 ? 'it' : 'them'}, or replace a guess with what you know.`,
        range: offsetRange(lines, tree.base + found[0].start, tree.base + found[0].end),
        sections: [],
        edit: null,
      };
    });
  },
};
