import { answerText, memo, sentencesOfKind, type AnswerText, type Sentence } from '../core/sentences';
import { offsetRange, quote, type Finding, type Rule } from './rule';

/** When "we" crowds out "I" in the Action: at least `minWe` times, and `ratio` times as often. */
export const OWNERSHIP_THRESHOLDS = { minWe: 3, ratio: 2 } as const;

const SINGULAR = new Set(['i', 'me', 'my', 'mine', 'myself', "i'm", "i've", "i'd", "i'll"]);
const PLURAL = new Set(['we', 'us', 'our', 'ours', 'ourselves', "we're", "we've", "we'd", "we'll"]);
/** Forms of "be" that start a passive, as retext-passive reads them. */
const BE = new Set(['am', 'is', 'are', 'was', 'were', 'be', 'been', 'being']);
/** Irregular past participles (regular ones end in -ed). */
const IRREGULAR = new Set(
  'built begun broken brought bought caught chosen dealt done drawn driven eaten fallen fed felt forgotten found given gone grown held hidden hit hurt kept known laid led left lent let lost made meant met paid put quit rebuilt redone rewritten run said seen sent set shown shut sold spent split spoken spread stolen struck taken taught thrown told torn undone won written withdrawn'.split(' '),
);
/** Participles that describe a state, not an action someone took: "I was excited", "it was based on". */
const ADJECTIVAL = new Set(
  'based concerned confused convinced delighted disappointed excited exhausted experienced frustrated interested involved limited located married motivated needed overwhelmed pleased prepared qualified related relieved required scared skilled supposed surprised tired used worried determined committed focused aligned blocked stuck'.split(' '),
);
/** Words that may sit between "was" and the participle: "was then migrated", "were all rewritten". */
const BETWEEN = new Set(['then', 'also', 'all', 'finally', 'eventually', 'later', 'soon']);

export interface Passive {
  start: number;
  end: number;
  sentence: Sentence;
}

/** "I" against "we" in the Action, the sentences that say only "we", and passives with no actor. */
export interface OwnershipEvidence {
  singular: number;
  plural: number;
  weOnly: Sentence[];
  passives: Passive[];
  /** True when "we" crowds out "I" by the thresholds. */
  weHeavy: boolean;
}

function isParticiple(word: string): boolean {
  if (ADJECTIVAL.has(word)) return false;
  return IRREGULAR.has(word) || (word.length > 4 && word.endsWith('ed'));
}

/** Passives that hide who acted: a form of "be", a participle, and no "by …" after it. */
function passivesIn(sentence: Sentence): Passive[] {
  const found: Passive[] = [];
  const { words } = sentence;
  for (let i = 0; i < words.length - 1; i++) {
    if (!BE.has(words[i].lower)) continue;
    // "I was asked to lead": the writer is the subject, and the answer is theirs to tell.
    const before = words[i - 1]?.lower;
    if (before && SINGULAR.has(before)) continue;
    let j = i + 1;
    if (BETWEEN.has(words[j].lower) || (words[j].lower.endsWith('ly') && j + 1 < words.length)) j++;
    if (j >= words.length || !isParticiple(words[j].lower)) continue;
    if (words.slice(j + 1, j + 5).some((w) => w.lower === 'by')) continue;
    found.push({ start: words[i].start, end: words[j].end, sentence });
    i = j;
  }
  return found;
}

/** What the ownership rule and the score read from an answer's Action. */
export function ownershipEvidence(tree: AnswerText): OwnershipEvidence {
  return memo(tree, 'ownership', readOwnership);
}

function readOwnership(tree: AnswerText): OwnershipEvidence {
  let singular = 0;
  let plural = 0;
  const weOnly: Sentence[] = [];
  const passives: Passive[] = [];
  for (const sentence of sentencesOfKind(tree, 'action')) {
    let i = 0;
    let we = 0;
    for (const word of sentence.words) {
      if (SINGULAR.has(word.lower)) i++;
      else if (PLURAL.has(word.lower)) we++;
    }
    singular += i;
    plural += we;
    if (we > 0 && i === 0) weOnly.push(sentence);
    passives.push(...passivesIn(sentence));
  }
  const weHeavy = plural >= OWNERSHIP_THRESHOLDS.minWe && plural >= OWNERSHIP_THRESHOLDS.ratio * Math.max(singular, 1) && weOnly.length > 0;
  return { singular, plural, weOnly, passives, weHeavy };
}

/** A sentence's first words, quoted: `"We moved the queue…"`. */
function opening(sentence: string): string {
  const words = sentence.trim().split(/\s+/);
  return words.length <= 5 ? quote(words.join(' ')) : `"${words.slice(0, 4).join(' ')}…"`;
}

const times = (n: number): string => (n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`);

export const ownership: Rule = {
  id: 'STAR009',
  alias: 'ownership',
  description: 'The Action says "we" far more than "I", or hides who acted in the passive voice.',
  defaultSeverity: 'information',
  check({ text, lines, answer }) {
    const tree = answerText(text, answer);
    const evidence = ownershipEvidence(tree);
    const findings: Finding[] = [];
    if (evidence.weHeavy) {
      const first = evidence.weOnly[0];
      // Quoted by their openings, not by line: a line number is wrong once the story moves, and an
      // analysis of one story alone (the incremental engine's) numbers from its own first line.
      const openings = evidence.weOnly.slice(0, 3).map((s) => opening(text.slice(tree.base + s.start, tree.base + s.end)));
      const more = evidence.weOnly.length > 3 ? ', …' : '';
      findings.push({
        message:
          `The Action says "we" ${times(evidence.plural)} and "I" ${evidence.singular === 0 ? 'not at all' : times(evidence.singular)}, so an interviewer cannot tell what you did. ` +
          `Say "I" for your own part (what you decided, built or persuaded people of) and keep "we" for the team's; ` +
          `${evidence.weOnly.length === 1 ? 'this sentence says' : `${evidence.weOnly.length} sentences (${openings.join(', ')}${more}) say`} only "we".`,
        range: offsetRange(lines, tree.base + first.start, tree.base + first.end),
        sections: ['action'],
        edit: null,
      });
    }
    for (const passive of evidence.passives) {
      const phrase = text.slice(tree.base + passive.start, tree.base + passive.end).replace(/\s+/g, ' ');
      findings.push({
        message: `${quote(phrase)} does not say who did it. If it was you, say so ("I …"); if someone else, name them, then say what you did.`,
        range: offsetRange(lines, tree.base + passive.start, tree.base + passive.end),
        sections: ['action'],
        edit: null,
      });
    }
    return findings;
  },
};
