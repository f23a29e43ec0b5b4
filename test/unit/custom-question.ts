import type { BankQuestion } from '../../src/bank';

/** A valid custom-bank question (a team's own category), with fields to override per test. */
export function customQuestion(id: string, overrides: Partial<BankQuestion> = {}): BankQuestion {
  return {
    id,
    text: `Tell me about a time you handled ${id.replace(/-/g, ' ')}.`,
    category: 'site-reliability',
    competencies: ['operations'],
    values: ['ownership'],
    difficulty: 'medium',
    whyAsked: 'The interviewer checks that you can keep a service healthy and explain the trade-offs you made under load.',
    keyPoints: [
      { title: 'Named the service level objective', signals: ['slo', 'error budget'] },
      { title: 'Found the cause', signals: ['root cause', 'postmortem'] },
      { title: 'Prevented a repeat', signals: ['alert', 'runbook'] },
    ],
    mistakes: ['Blaming another team for the outage.', 'No numbers about the impact.'],
    followUps: ['What would you monitor next time?', 'Who did you tell, and when?'],
    targetSeconds: 150,
    ...overrides,
  };
}
