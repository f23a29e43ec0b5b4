import { missingSectionRule } from './missing-section';

export const missingSituation = missingSectionRule({
  id: 'STAR001',
  alias: 'missing-situation',
  kind: 'situation',
  description: 'An answer has no Situation section.',
  message: 'This answer has no Situation yet. Set the scene in a sentence or two: where you were, when, and what was at stake.',
});
