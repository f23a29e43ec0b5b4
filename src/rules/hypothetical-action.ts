import { answerText, memo, sentencesOfKind, type AnswerText, type Sentence } from '../core/sentences';
import { offsetRange, type Rule } from './rule';

/** After "I": words that make the sentence a habit or a hypothetical rather than one past event. */
const HABITS = new Set(['usually', 'typically', 'always', 'normally', 'generally', 'tend', 'often']);
/** After "I'd": words that make it "I had", which is past: "I'd already shipped", "I'd been". */
const HAD_AFTER = new Set(['been', 'already', 'never', 'just', 'had', 'seen', 'done', 'gone', 'made', 'written', 'built', 'taken', 'told', 'spoken', 'given']);
/** Verbs of saying or deciding: "I told them I would fix it" reports a past promise. */
const REPORTING = new Set(['told', 'said', 'promised', 'agreed', 'committed', 'explained', 'knew', 'thought', 'realized', 'realised', 'decided', 'warned', 'announced', 'confirmed', 'wrote', 'emailed', 'replied', 'offered', 'guaranteed', 'assured', 'that', 'if', 'whether']);

export interface Hypothetical {
  start: number;
  end: number;
  kind: 'would' | 'habit';
  sentence: Sentence;
}

/** "I would …", "I'd …" and "I usually …" in the Action's sentences. */
export function hypotheticalsOf(tree: AnswerText): Hypothetical[] {
  return memo(tree, 'hypotheticals', readHypotheticals);
}

function readHypotheticals(tree: AnswerText): Hypothetical[] {
  const found: Hypothetical[] = [];
  for (const sentence of sentencesOfKind(tree, 'action')) {
    const { words } = sentence;
    for (let i = 0; i < words.length; i++) {
      const word = words[i].lower;
      const next = words[i + 1]?.lower;
      let kind: Hypothetical['kind'] | null = null;
      let end = i;
      if (word === 'i' && next === 'would') (kind = 'would'), (end = i + 1);
      else if (word === 'i' && next && HABITS.has(next)) (kind = 'habit'), (end = i + 1);
      else if (word === "i'd" && !(next && (HAD_AFTER.has(next) || next.endsWith('ed')))) kind = 'would';
      if (!kind) continue;
      if (words.slice(0, i).some((w) => REPORTING.has(w.lower))) continue;
      found.push({ start: words[i].start, end: words[end].end, kind, sentence });
      break;
    }
  }
  return found;
}

export const hypotheticalAction: Rule = {
  id: 'STAR010',
  alias: 'hypothetical-action',
  description: 'The Action says what you would or usually do ("I would…", "I\'d…", "I usually…") instead of what you did.',
  defaultSeverity: 'information',
  check({ text, lines, answer }) {
    const tree = answerText(text, answer);
    return hypotheticalsOf(tree).map((found) => {
      const said = text.slice(tree.base + found.start, tree.base + found.end);
      const message =
        found.kind === 'would'
          ? `"${said} …" tells what you would do, not what you did. Interviewers score past behaviour: tell what you did that time ("I called …", "I rewrote …"), and keep "next time I would …" for the Reflection.`
          : `"${said} …" describes a habit. Interviewers ask about one occasion: tell what you did that time, with its details, and say it in the past tense.`;
      return { message, range: offsetRange(lines, tree.base + found.start, tree.base + found.end), sections: ['action'], edit: null };
    });
  },
};
