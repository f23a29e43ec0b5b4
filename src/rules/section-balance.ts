import type { Answer, Section } from '../core/types';
import type { Rule } from './rule';

/**
 * Shares of an answer's words. Interview coaches put about a fifth of an answer into the
 * setup (Situation and Task) and half or more into the Action; past these lines the
 * story is mostly background, or the Action is a sketch. The docs page explains them.
 */
export const BALANCE_THRESHOLDS = {
  /** Situation and Task together may take at most this share of the words. */
  setupMaxShare: 0.35,
  /** The Action should take at least this share. */
  actionMinShare: 0.35,
  /** Shorter answers are not judged: a few sentences cannot be balanced or unbalanced. */
  minWords: 80,
} as const;

export interface Balance {
  total: number;
  setup: number;
  action: number;
  setupShare: number;
  actionShare: number;
  setupHeavy: boolean;
  actionThin: boolean;
  /** The first Situation or Task section, and the Action, for messages. */
  setupSection: Section | null;
  actionSection: Section | null;
}

const isSetup = (s: Section): boolean => s.kinds.some((k) => k === 'situation' || k === 'task');
const isAction = (s: Section): boolean => s.kinds.includes('action');

/** How an answer's words fall between setup and Action; null when it cannot be judged. */
export function balanceOf(answer: Answer): Balance | null {
  const written = answer.sections.filter((s) => !s.empty);
  // A label that covers both setup and Action ("Situation / Action") cannot be split.
  if (written.some((s) => isSetup(s) && isAction(s))) return null;
  const total = written.reduce((sum, s) => sum + s.words, 0);
  const actionSection = written.find(isAction) ?? null;
  if (total < BALANCE_THRESHOLDS.minWords || !actionSection) return null;
  const setup = written.filter(isSetup).reduce((sum, s) => sum + s.words, 0);
  const action = written.filter(isAction).reduce((sum, s) => sum + s.words, 0);
  const setupShare = setup / total;
  const actionShare = action / total;
  return {
    total,
    setup,
    action,
    setupShare,
    actionShare,
    setupHeavy: setupShare > BALANCE_THRESHOLDS.setupMaxShare,
    actionThin: actionShare < BALANCE_THRESHOLDS.actionMinShare,
    setupSection: written.find(isSetup) ?? null,
    actionSection,
  };
}

const percent = (share: number): string => `${Math.round(share * 100)}%`;

export const sectionBalance: Rule = {
  id: 'STAR011',
  alias: 'section-balance',
  description: 'Situation and Task take more than about 35% of the words, or the Action less than about 35%.',
  defaultSeverity: 'information',
  check({ answer }) {
    const balance = balanceOf(answer);
    if (!balance) return [];
    if (balance.setupHeavy && balance.setupSection) {
      return [
        {
          message:
            `Situation and Task take ${percent(balance.setupShare)} of this answer's ${balance.total} words, and the Action ${percent(balance.actionShare)}. ` +
            `Interviewers listen for what you did: cut the background to what the story needs (about a fifth) and give the words to the Action.`,
          range: balance.setupSection.labelRange,
          sections: ['situation', 'task'],
          edit: null,
        },
      ];
    }
    if (balance.actionThin && balance.actionSection) {
      return [
        {
          message:
            `The Action is ${percent(balance.actionShare)} of this answer's ${balance.total} words. It is the part interviewers score: ` +
            `give it at least a third, with the steps you took, the choices you made and why.`,
          range: balance.actionSection.labelRange,
          sections: ['action'],
          edit: null,
        },
      ];
    }
    return [];
  },
};
