import { strict as assert } from 'node:assert';
import { answerText, bundledBank, coversKeyPoint, keyPointCoverage, linkedQuestion, mergeBanks, parseBankText, QuestionBank, skeletonQuestion, type BankQuestion, type KeyPoint } from '../../src/bank';
import { analyze, draftSkeleton } from '../../src/engine';

const point = (...signals: string[]): KeyPoint => ({ title: 'A point', signals });
const coverage = (text: string, options: Parameters<typeof analyze>[1] = {}) =>
  analyze(text, { fileName: 'answer.star.md', ...options }).diagnostics.filter((d) => d.ruleId === 'STAR008');

const DRAWING_THE_LINE = 'speed-quality-drawing-the-line';

describe('key-point coverage', () => {
  describe('signal matching', () => {
    it('matches a signal at the start of a word, ignoring case', () => {
      assert.ok(coversKeyPoint('We CUT the scope.', point('cut', 'trimmed')));
      assert.ok(coversKeyPoint('We kept cutting scope.', point('cut', 'trimmed')), 'a signal may end mid-word');
      assert.ok(coversKeyPoint('The change was reversible.', point('reversib', 'undo')));
    });

    it('does not match inside a word', () => {
      assert.equal(coversKeyPoint('I had to execute the plan.', point('cut', 'trimmed')), false);
      assert.equal(coversKeyPoint('Our rollout plan was solid.', point('out', 'exit')), false);
    });

    it('matches multi-word signals as phrases, with spaces and hyphens interchangeable', () => {
      const flags = point('feature flag', 'kill switch');
      assert.ok(coversKeyPoint('I put it behind a feature\nflag.', flags));
      assert.ok(coversKeyPoint('We used feature-flags everywhere.', flags));
      assert.equal(coversKeyPoint('Every feature had a flag.', flags), false);
      assert.ok(coversKeyPoint('It was a one way door.', point('one-way door', 'irreversible')));
    });

    it('treats signals as text, not patterns, and matches curly apostrophes', () => {
      assert.ok(coversKeyPoint('We ran an A/B test.', point('a/b', 'experiment')));
      assert.equal(coversKeyPoint('We ran an AxB test.', point('a.b', 'experiment')), false);
      assert.ok(coversKeyPoint('I didn’t wait for approval.', point("didn't wait", 'approval first')));
      assert.ok(coversKeyPoint('Weekly 1:1s helped.', point('1:1', 'one-on-one')));
    });

    it('lists each key point of a question with whether it is covered', () => {
      const question = bundledBank().byId(DRAWING_THE_LINE)!;
      const result = keyPointCoverage(question, 'I shipped it behind a feature flag.');
      assert.equal(result.length, question.keyPoints.length);
      assert.deepEqual(result.filter((entry) => entry.covered).map((entry) => entry.point.title), ['Used safety nets that make speed safe']);
    });
  });

  describe('linking an answer to a question', () => {
    const bank = bundledBank();
    const question = bank.byId(DRAWING_THE_LINE)!;
    const answerTitled = (title: string | null, questionId: string | null = null) => ({ title, questionId, sections: [] }) as unknown as Parameters<typeof linkedQuestion>[0];

    it('by the front matter id first', () => {
      assert.equal(linkedQuestion(answerTitled('Something else entirely', DRAWING_THE_LINE), bank), question);
    });

    it('by a title that is the question text, ignoring case, markup and punctuation', () => {
      assert.equal(linkedQuestion(answerTitled(question.text.toUpperCase().replace(/\?/g, '')), bank), question);
      assert.equal(linkedQuestion(answerTitled(`Q3: ${question.text}`), bank), question);
    });

    it('by a title that is the first sentence of the question text', () => {
      const firstSentence = question.text.slice(0, question.text.search(/[.?!](\s|$)/) + 1);
      assert.notEqual(firstSentence, question.text, 'the question has more than one sentence');
      assert.equal(linkedQuestion(answerTitled(firstSentence), bank), question);
    });

    it('falls back to the title when the front matter id is unknown, and links nothing otherwise', () => {
      assert.equal(linkedQuestion(answerTitled(question.text, 'not-in-the-bank'), bank), question);
      assert.equal(linkedQuestion(answerTitled('Tell me about a time you cut latency'), bank), undefined);
      assert.equal(linkedQuestion(answerTitled(null), bank), undefined);
    });

    it('links every bundled question by its own text', () => {
      for (const each of bank.questions) assert.equal(bank.byTitle(each.text), each, each.id);
    });
  });

  describe('STAR008 in analyze()', () => {
    const question = bundledBank().byId(DRAWING_THE_LINE)!;

    it('lists every key point of a fresh draft skeleton: prompts and the key-point comment do not count', () => {
      const skeleton = draftSkeleton(skeletonQuestion(question, { linkById: true })).text;
      const [finding] = coverage(skeleton);
      assert.ok(finding, 'STAR008 on the skeleton');
      assert.equal(finding.severity, 'information');
      for (const keyPoint of question.keyPoints) assert.ok(finding.message.includes(keyPoint.title), keyPoint.title);
      assert.match(finding.message, new RegExp(`cover ${question.keyPoints.length} of the ${question.keyPoints.length} key points`));
    });

    it('links an inserted skeleton (no front matter) by its heading', () => {
      const inserted = `# My story bank\n\nSome notes.\n\n${draftSkeleton(skeletonQuestion(question, { linkById: false })).text}`;
      const findings = coverage(inserted, { fileName: 'bank.md' });
      assert.equal(findings.length, 1);
      assert.equal(findings[0].range.start.line, 5, 'reported on the question heading');
    });

    it('names only the points still missing, and goes quiet when all are covered', () => {
      const covering = (keyPoints: readonly KeyPoint[]): string => keyPoints.map((kp) => `I worked on ${kp.signals[0]}.`).join(' ');
      const partial = `---\nquestion: ${DRAWING_THE_LINE}\n---\n\n**Situation:** ${covering(question.keyPoints.slice(1))}\n**Task:** t.\n**Action:** a.\n**Result:** r.\n`;
      const [finding] = coverage(partial);
      assert.ok(finding);
      assert.match(finding.message, new RegExp(`cover 1 of the ${question.keyPoints.length} key points`));
      assert.ok(finding.message.includes(question.keyPoints[0].title));
      assert.equal(coverage(partial.replace('**Task:** t.', `**Task:** ${covering(question.keyPoints.slice(0, 1))}`)).length, 0);
    });

    it('does not count the words of the title, which repeats the question', () => {
      const questions = new QuestionBank([], [
        {
          ...question,
          id: 'flag-saved-launch',
          text: 'Tell me about a time a feature flag saved a launch.',
          keyPoints: [
            { title: 'Used a feature flag', signals: ['feature flag', 'kill switch'] },
            { title: 'Measured the damage avoided', signals: ['percent', 'customers'] },
            { title: 'Kept the flag afterwards', signals: ['cleanup', 'removed'] },
          ],
        },
      ]);
      const text = '# Tell me about a time a feature flag saved a launch.\n\n**Situation:** s.\n**Task:** t.\n**Action:** a.\n**Result:** r.\n';
      const [finding] = coverage(text, { questions });
      assert.ok(finding);
      assert.match(finding.message, /cover 3 of the 3 key points/);
    });

    it('checks only linked answers', () => {
      assert.deepEqual(coverage('# Tell me about a time you cut latency\n\n**Situation:** s.\n**Task:** t.\n**Action:** a.\n**Result:** r.\n'), []);
    });

    it('uses the questions passed in the options instead of the bundled bank', () => {
      const custom = parseBankText(
        JSON.stringify({
          questions: [
            {
              ...question,
              id: 'team-on-call',
              text: 'Tell me about your worst night on call and what you changed afterwards.',
              keyPoints: [
                { title: 'Named the alert that woke you', signals: ['paged', 'alert'] },
                { title: 'Found the root cause', signals: ['root cause', 'postmortem'] },
                { title: 'Changed the runbook', signals: ['runbook', 'playbook'] },
              ],
            } satisfies BankQuestion,
          ],
        }),
        'team.json',
      );
      assert.deepEqual(custom.problems, []);
      const questions = mergeBanks(bundledBank(), [custom]).bank;
      const text = '# Tell me about your worst night on call and what you changed afterwards.\n\n**Situation:** I was paged at 3am.\n**Task:** t.\n**Action:** I updated the runbook.\n**Result:** r.\n';
      assert.deepEqual(coverage(text), [], 'the bundled bank does not know this question');
      const [finding] = coverage(text, { questions });
      assert.match(finding.message, /cover 1 of the 3 key points .*: Found the root cause\.$/);
    });

    it('is built once: the default lookup is the same bundled bank on every call', () => {
      assert.equal(bundledBank(), bundledBank());
      assert.ok(bundledBank() instanceof QuestionBank);
    });
  });

  it('answerText joins the sections and drops untouched prompts', () => {
    const question = bundledBank().byId(DRAWING_THE_LINE) as BankQuestion;
    const [answer] = analyze(draftSkeleton(skeletonQuestion(question, { linkById: true })).text, { fileName: 'a.star.md' }).answers;
    assert.equal(answerText(answer).trim(), '');
  });
});

describe('STAR008 with an unknown question id', () => {
  it('says the front matter links a question the bank does not have', () => {
    const text = '---\nquestion: speed-qualty-drawing-the-line\n---\n\n**Situation:** s.\n\n**Task:** t.\n';
    const finding = analyze(text, { fileName: 'a.star.md' }).diagnostics.find((d) => d.ruleId === 'STAR008');
    assert.ok(finding);
    assert.match(finding.message, /links question "speed-qualty-drawing-the-line", which is not in the question bank/);
  });

  it('reads a written-out question as the title, not as an id, and links it by its text', () => {
    const own = '---\nquestion: Tell me about a time you calmed down an angry parent\n---\n\n**Situation:** s.\n\n**Task:** t.\n';
    const mine = analyze(own, { fileName: 'a.md' });
    assert.equal(mine.answers[0].title, 'Tell me about a time you calmed down an angry parent');
    assert.deepEqual(mine.diagnostics.filter((d) => d.ruleId === 'STAR008'), []);
    const question = bundledBank().byId(DRAWING_THE_LINE) as BankQuestion;
    const bankText = analyze(`---\nquestion: "${question.text}"\n---\n\n**Situation:** I had a week.\n\n**Task:** t.\n`, { fileName: 'a.md' });
    assert.match(bankText.diagnostics.find((d) => d.ruleId === 'STAR008')!.message, /does not yet cover \d+ of the \d+ key points of "How do you decide where to draw the line/);
  });
});
