/**
 * The follow-up questions an interviewer is likely to ask about an answer: first those its
 * gaps invite (a figure with no baseline, "we" for everything, no Reflection), then the
 * linked bank question's own follow-ups. The hover shows them so the writer can answer them
 * in the draft, or at least have an answer ready.
 */
import { linkedQuestion } from '../bank/coverage';
import type { QuestionLookup } from '../bank/types';
import { hypotheticalsOf } from '../rules/hypothetical-action';
import { ownershipEvidence } from '../rules/ownership';
import { resultChecks } from '../rules/vague-result';
import { answerText } from '../core/sentences';
import type { Answer } from '../core/types';

/** Where a follow-up comes from: a gap in the answer, or the bank question. */
export interface FollowUp {
  question: string;
  /** Why it is likely: the gap it probes, or 'question bank'. */
  reason: string;
}

/** The follow-ups an answer's gaps invite, then the linked question's, without repeats. */
export function followUpQuestions(text: string, answer: Answer, questions: QuestionLookup): FollowUp[] {
  const found: FollowUp[] = [];
  const add = (question: string, reason: string): void => {
    if (!found.some((f) => f.question.toLowerCase() === question.toLowerCase())) found.push({ question, reason });
  };
  const tree = answerText(text, answer);
  const action = answer.sections.some((s) => s.kinds.includes('action') && !s.empty);
  if (action) {
    if (ownershipEvidence(tree).weHeavy) add('What did you personally do?', 'the Action says "we" far more than "I"');
    if (hypotheticalsOf(tree).length > 0) add('What did you actually do that time?', 'the Action says what you would or usually do');
  }
  const checks = resultChecks(answer);
  const metrics = checks.some((c) => c.check.evidence.metrics.length > 0);
  if (checks.length > 0 && !metrics) add('How did you measure the result?', 'the Result has no figure');
  if (checks.some((c) => c.check.missing.includes('baseline'))) add('What was it before?', 'the figure has no baseline');
  if (checks.some((c) => c.check.missing.includes('time frame'))) add('How long did that take?', 'the figure has no time frame');
  if (!answer.sections.some((s) => s.kinds.includes('reflection') && !s.empty)) add('What would you do differently?', 'there is no Reflection');
  for (const question of linkedQuestion(answer, questions)?.followUps ?? []) add(question, 'question bank');
  return found;
}
