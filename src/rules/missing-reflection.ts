import { missingSectionRule } from './missing-section';

export const missingReflection = missingSectionRule({
  id: 'STAR005',
  alias: 'missing-reflection',
  kind: 'reflection',
  description: 'An answer has no Reflection: what you learned or would do differently.',
  message: 'This answer has no Reflection yet. Add what you learned or would do differently; interviewers often ask for it.',
  defaultSeverity: 'information',
});
