import { SECTION_TITLES } from '../core/types';
import type { BankQuestion, ModelAnswer } from './types';

const PARTS: ReadonlyArray<keyof ModelAnswer> = ['situation', 'task', 'action', 'result', 'reflection'];

/**
 * A question's model answer as the draft a writer would keep: front matter linking the
 * question by id, the question as the heading, and one labelled paragraph per part. This
 * is the text the model-answer test analyzes, so the bank's examples are held to the same
 * rules and score as the writer's own drafts. Undefined when the question has none.
 */
export function modelAnswerDraft(question: BankQuestion): string | undefined {
  const answer = question.modelAnswer;
  if (!answer) return undefined;
  const parts = PARTS.map((part) => `**${SECTION_TITLES[part]}:** ${answer[part]}`);
  return [`---\nquestion: ${question.id}\n---`, `# ${question.text}`, ...parts].join('\n\n') + '\n';
}
