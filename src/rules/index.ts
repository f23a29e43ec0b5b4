import { answerLength } from './answer-length';
import { emptySection } from './empty-section';
import { hedging } from './hedging';
import { hypotheticalAction } from './hypothetical-action';
import { keyPointsCoverage } from './key-points-coverage';
import { missingAction } from './missing-action';
import { missingMetrics } from './missing-metrics';
import { missingReflection } from './missing-reflection';
import { missingResult } from './missing-result';
import { missingSituation } from './missing-situation';
import { missingTask } from './missing-task';
import { noStarParts } from './no-star-parts';
import { ownership } from './ownership';
import { riskArithmetic } from './risk-arithmetic';
import { sectionBalance } from './section-balance';
import { vagueResult } from './vague-result';
import type { Rule } from './rule';

export { docsUrl, type Rule } from './rule';

/** Every rule, in code order. Settings, docs tables and the CLI are generated from this list. */
export const RULES: readonly Rule[] = [
  missingSituation,
  missingTask,
  missingAction,
  missingResult,
  missingReflection,
  missingMetrics,
  emptySection,
  keyPointsCoverage,
  ownership,
  hypotheticalAction,
  sectionBalance,
  answerLength,
  vagueResult,
  hedging,
  riskArithmetic,
  noStarParts,
];

/**
 * The coaching rules (STAR009 onwards): what interviewers listen for beyond the STAR shape.
 * Tests about reading labels switch them off, so their expectations show structure only.
 */
export const COACHING_RULES: readonly Rule[] = RULES.filter((rule) => Number(rule.id.slice(4)) >= 9 && rule !== noStarParts);

/** Finds a rule by its code (`STAR004`) or alias (`missing-result`), ignoring case. */
export function findRule(name: string): Rule | undefined {
  const key = name.toLowerCase();
  return RULES.find((rule) => rule.id.toLowerCase() === key || rule.alias === key);
}
