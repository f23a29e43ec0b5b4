import { answerText, keyPointCoverage, linkedQuestion } from '../bank/coverage';
import { answerAnchor, type Rule } from './rule';

/** Longest question text quoted in a message before it is shortened. */
const QUOTED_QUESTION_LENGTH = 70;

function quoted(text: string): string {
  return text.length <= QUOTED_QUESTION_LENGTH ? text : `${text.slice(0, QUOTED_QUESTION_LENGTH - 1).trimEnd()}…`;
}

export const keyPointsCoverage: Rule = {
  id: 'STAR008',
  alias: 'key-points-coverage',
  description: 'An answer linked to a bank question does not yet cover all of its key points.',
  defaultSeverity: 'information',
  check({ answer, questions }) {
    const question = linkedQuestion(answer, questions);
    // A mistyped `question:` id would otherwise switch coverage off without a word.
    if (answer.questionId && !questions.byId(answer.questionId)) {
      return [
        {
          message: `The front matter links question "${answer.questionId}", which is not in the question bank. Copy the id from the Question Bank view (it is the snippet name without "star-"), or write the question out instead of an id.`,
          range: answerAnchor(answer),
          sections: [],
          edit: null,
        },
      ];
    }
    if (!question) return [];
    const missing = keyPointCoverage(question, answerText(answer)).filter((point) => !point.covered);
    if (missing.length === 0) return [];
    const total = question.keyPoints.length;
    return [
      {
        message:
          `This answer does not yet cover ${missing.length} of the ${total} key points of "${quoted(question.text)}": ` +
          `${missing.map(({ point }) => point.title).join('; ')}.`,
        range: answerAnchor(answer),
        sections: [],
        edit: null,
      },
    ];
  },
};
