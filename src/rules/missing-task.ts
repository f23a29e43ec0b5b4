import { missingSectionRule } from './missing-section';

export const missingTask = missingSectionRule({
  id: 'STAR002',
  alias: 'missing-task',
  kind: 'task',
  description: 'An answer has no Task section.',
  message: 'This answer has no Task yet. Say what you were responsible for and what success would look like.',
});
