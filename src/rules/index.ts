import { emptySection } from './empty-section';
import { keyPointsCoverage } from './key-points-coverage';
import { missingAction } from './missing-action';
import { missingMetrics } from './missing-metrics';
import { missingReflection } from './missing-reflection';
import { missingResult } from './missing-result';
import { missingSituation } from './missing-situation';
import { missingTask } from './missing-task';
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
];

/** Finds a rule by its code (`STAR004`) or alias (`missing-result`), ignoring case. */
export function findRule(name: string): Rule | undefined {
  const key = name.toLowerCase();
  return RULES.find((rule) => rule.id.toLowerCase() === key || rule.alias === key);
}
