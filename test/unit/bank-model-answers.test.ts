import { strict as assert } from 'node:assert';
import { analyze } from '../../src/engine/analyze';
import { explainScore } from '../../src/engine/score';
import { bundledBank, checkBankData, modelAnswerDraft, type BankQuestion } from '../../src/bank';

const bank = bundledBank();
const withModel = bank.questions.filter((question) => question.modelAnswer);

describe('model answers in the bank', () => {
  it('a good handful of questions carry one, across categories', () => {
    assert.ok(withModel.length >= 8, `${withModel.length} model answers`);
    assert.ok(new Set(withModel.map((question) => question.category)).size >= 8, 'at least eight categories');
  });

  for (const question of withModel) {
    describe(question.id, () => {
      const text = modelAnswerDraft(question)!;
      const result = analyze(text, { fileName: `${question.id}.star.md` });
      const [answer] = result.answers;

      it('reads as one answer linked to its question, with all five parts written', () => {
        assert.equal(result.answers.length, 1);
        assert.equal(answer.questionId, question.id);
        assert.deepEqual(answer.sections.map((section) => [section.kind, section.empty]), ['situation', 'task', 'action', 'result', 'reflection'].map((kind) => [kind, false]));
      });

      it('scores at least 85, key points included, and gets no warning-level finding', () => {
        const explained = explainScore(text, answer, { questions: bank });
        const lost = explained.dimensions.flatMap((d) => d.evidence.filter((e) => e.points < 0).map((e) => `${d.name}: ${e.text}`));
        assert.ok(answer.score!.dimensions.coverage, 'scored on key-point coverage');
        assert.ok(answer.score!.total >= 85, `${answer.score!.total}: ${lost.join('; ')}`);
        assert.deepEqual(result.diagnostics.filter((d) => d.severity === 'warning' || d.severity === 'error').map((d) => `${d.alias}: ${d.message}`), []);
      });

      it('is about two minutes or less spoken, within the question\'s target', () => {
        const seconds = (answer.words * 60) / 150;
        assert.ok(seconds >= 60 && seconds <= question.targetSeconds, `${Math.round(seconds)} s for a ${question.targetSeconds} s target`);
      });
    });
  }

  it('the same rules would catch a weak answer: a model answer rewritten with "we", hedges and no figure scores under 85', () => {
    const question = withModel[0];
    const weak: BankQuestion = {
      ...question,
      modelAnswer: {
        ...question.modelAnswer!,
        action: 'We basically looked at the problem and we kind of fixed most of it. We would usually test things first, and we talked to a lot of people about it over several meetings that went on for a while.',
        result: 'Things got significantly better and everyone was a lot happier with how it went afterwards.',
      },
    };
    const text = modelAnswerDraft(weak)!;
    const result = analyze(text, { fileName: 'weak.star.md' });
    assert.ok(result.answers[0].score!.total < 85, String(result.answers[0].score!.total));
  });

  it('the bank validator rejects a model answer with a part missing or an unknown field, and keeps the other questions', () => {
    const [first, second] = withModel;
    const { reflection: _dropped, ...noReflection } = first.modelAnswer!;
    const file = checkBankData({ questions: [{ ...first, modelAnswer: noReflection }, { ...second, modelAnswer: { ...second.modelAnswer, summary: 'An extra field the schema does not know about.' } }, bank.questions.find((q) => !q.modelAnswer)] }, 'test.json');
    assert.deepEqual(file.questions.map((q) => q.id), [bank.questions.find((q) => !q.modelAnswer)!.id]);
    assert.ok(file.problems.some((p) => /questions\[0\]\.modelAnswer: missing required property "reflection"/.test(p)), file.problems.join('\n'));
    assert.ok(file.problems.some((p) => /questions\[1\]\.modelAnswer: has an unknown property "summary"/.test(p)), file.problems.join('\n'));
  });

  it('renders no draft for a question without a model answer', () => {
    assert.equal(modelAnswerDraft(bank.questions.find((q) => !q.modelAnswer)!), undefined);
  });
});
