import { missingSectionRule } from './missing-section';

export const missingResult = missingSectionRule({
  id: 'STAR004',
  alias: 'missing-result',
  kind: 'result',
  description: 'An answer has no Result section.',
  message: 'This answer has no Result yet. Close with the outcome, ideally measurable: a percentage, time saved, money, or a count.',
});
