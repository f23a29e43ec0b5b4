import { linkedQuestion } from '../bank/coverage';
import type { QuestionLookup } from '../bank/types';
import { SECTION_TITLES, type Answer } from '../core/types';
import { answerAnchor, type Rule } from './rule';

/** Spoken-length bounds, in seconds, when the answer is not linked to a bank question. */
export const LENGTH_LIMITS = { defaultTargetSeconds: 120, minSeconds: 45, wordsPerMinute: 150 } as const;

/** Seconds to say a number of words at a speaking rate. */
export function spokenSeconds(words: number, wordsPerMinute: number): number {
  return Math.round((words * 60) / wordsPerMinute);
}

/** "2 min 10 s", "45 s". */
export function formatSeconds(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  if (minutes === 0) return `${rest} s`;
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}

export interface Length {
  seconds: number;
  target: number;
  /** Where the target comes from, for messages. */
  targetFrom: 'question' | 'default';
  tooLong: boolean;
  /** Only judged once the answer has a written Action and Result and no part is still empty. */
  tooShort: boolean;
}

/** How long an answer takes to say, against its question's target or the default. */
export function lengthOf(answer: Answer, questions: QuestionLookup, wordsPerMinute: number): Length {
  const question = linkedQuestion(answer, questions);
  const target = question?.targetSeconds ?? LENGTH_LIMITS.defaultTargetSeconds;
  const seconds = spokenSeconds(answer.words, wordsPerMinute);
  const complete = answer.sections.length > 0 && answer.sections.every((s) => !s.empty) && answer.sections.some((s) => s.kinds.includes('action')) && answer.sections.some((s) => s.kinds.includes('result'));
  return {
    seconds,
    target,
    targetFrom: question ? 'question' : 'default',
    tooLong: seconds > target,
    tooShort: complete && seconds < LENGTH_LIMITS.minSeconds,
  };
}

export const answerLength: Rule = {
  id: 'STAR012',
  alias: 'answer-length',
  description: 'An answer takes longer to say than its question\'s target (2 minutes by default), or less than about 45 seconds.',
  defaultSeverity: 'hint',
  check({ answer, questions, wordsPerMinute }) {
    const length = lengthOf(answer, questions, wordsPerMinute);
    const rate = `at ${wordsPerMinute} words a minute`;
    if (length.tooLong) {
      const longest = [...answer.sections].sort((a, b) => b.words - a.words)[0];
      const target = length.targetFrom === 'question' ? `the question's target is ${formatSeconds(length.target)}` : `aim for ${formatSeconds(length.target)} or less`;
      return [
        {
          message:
            `Said aloud ${rate}, this answer takes about ${formatSeconds(length.seconds)}; ${target}. ` +
            `Interviewers start to lose the thread past that: trim the longest part, the ${SECTION_TITLES[longest.kind]} (${longest.words} words), and keep the detail for follow-up questions.`,
          range: answerAnchor(answer),
          sections: [],
          edit: null,
        },
      ];
    }
    if (length.tooShort) {
      return [
        {
          message:
            `Said aloud ${rate}, this answer takes about ${formatSeconds(length.seconds)}, under the ${LENGTH_LIMITS.minSeconds} s that a full story needs. ` +
            `Add what you did step by step and what changed because of it.`,
          range: answerAnchor(answer),
          sections: [],
          edit: null,
        },
      ];
    }
    return [];
  },
};
