import { missingSectionRule } from './missing-section';

export const missingAction = missingSectionRule({
  id: 'STAR003',
  alias: 'missing-action',
  kind: 'action',
  description: 'An answer has no Action section.',
  message: 'This answer has no Action yet. Walk through what you did, step by step, and say "I" for your own part.',
});
