import { strict as assert } from 'node:assert';
import { bundledBank, coachingNotesMarkdown, escapeMarkdown, filterQuestions, filterTerms, formatTargetTime, groupByCategory, keyPointCoverage, pickRandom, QuestionBank, type BankQuestion } from '../../src/bank';

const bank = bundledBank();
const ids = (questions: readonly BankQuestion[]): string[] => questions.map((question) => question.id);

describe('question bank view logic', () => {
  describe('grouping', () => {
    it('puts every question under its category, in the order of categories.json', () => {
      const groups = groupByCategory(bank);
      assert.deepEqual(
        groups.map((group) => group.category.id),
        bank.categories.map((category) => category.id),
      );
      assert.equal(groups.reduce((sum, group) => sum + group.questions.length, 0), bank.questions.length);
      for (const group of groups) assert.ok(group.questions.every((question) => question.category === group.category.id), group.category.id);
    });

    it('leaves out categories with no question shown', () => {
      const groups = groupByCategory(bank, filterQuestions(bank, 'conflict'));
      assert.ok(groups.length >= 1);
      assert.ok(groups.every((group) => group.questions.length > 0));
      assert.ok(groups.length < bank.categories.length);
    });
  });

  describe('filter', () => {
    it('shows everything for an empty filter', () => {
      assert.equal(filterQuestions(bank, '   ').length, bank.questions.length);
      assert.deepEqual(filterTerms(' Conflict,  manager '), ['conflict', 'manager']);
    });

    it('finds a category by its id or label', () => {
      const byLabel = filterQuestions(bank, 'speed versus quality');
      const inCategory = bank.questions.filter((question) => question.category === 'speed-vs-quality');
      for (const question of inCategory) assert.ok(byLabel.includes(question), question.id);
      assert.ok(ids(filterQuestions(bank, 'speed-vs-quality')).includes('speed-quality-drawing-the-line'));
    });

    it('finds questions by a value tag', () => {
      const tagged = bank.questions.filter((question) => question.values?.includes('context-not-control'));
      assert.ok(tagged.length > 0, 'some bundled question has the context-not-control tag');
      const found = filterQuestions(bank, 'context-not-control');
      for (const question of tagged) assert.ok(found.includes(question), question.id);
    });

    it('needs every word to match, at the start of a word, ignoring case', () => {
      const found = filterQuestions(bank, 'SHIPPING quality');
      assert.ok(found.length > 0);
      for (const question of found) {
        const text = [question.text, question.id, question.category, ...(question.values ?? []), ...question.competencies].join(' ').toLowerCase();
        assert.ok(/\bshipping/.test(text) && /\bquality/.test(text), question.id);
      }
      assert.deepEqual(filterQuestions(bank, 'uality'), [], 'not in the middle of a word');
    });

    it('matches nothing for words no question has', () => {
      assert.deepEqual(filterQuestions(bank, 'zzyzx'), []);
    });
  });

  it('picks a random item, and nothing from an empty list', () => {
    assert.equal(pickRandom(['a', 'b', 'c'], () => 0), 'a');
    assert.equal(pickRandom(['a', 'b', 'c'], () => 0.999), 'c');
    assert.equal(pickRandom([], () => 0.5), undefined);
  });

  describe('coaching notes', () => {
    const question = bank.byId('integrity-speed-under-pressure')!;

    it('shows why it is asked, key points, mistakes, follow-ups and the target time', () => {
      const notes = coachingNotesMarkdown(question, { categoryLabel: 'Integrity and ethics' });
      assert.ok(notes.startsWith(`**${escapeMarkdown(question.text)}**`));
      assert.ok(notes.includes(`aim for about ${formatTargetTime(question.targetSeconds)} spoken`));
      assert.ok(notes.includes(`**Why it is asked:** ${escapeMarkdown(question.whyAsked)}`));
      for (const item of [...question.keyPoints.map((kp) => kp.title), ...question.mistakes, ...question.followUps]) {
        assert.ok(notes.includes(`- ${escapeMarkdown(item)}`), item);
      }
      assert.ok(notes.indexOf('**Key points**') < notes.indexOf('**Common mistakes**'));
      assert.ok(notes.indexOf('**Common mistakes**') < notes.indexOf('**Likely follow-ups**'));
    });

    it('ticks the key points an answer covers when given its coverage', () => {
      const coverage = keyPointCoverage(question, 'We kept a feature flag and a canary ready.');
      const notes = coachingNotesMarkdown(question, { categoryLabel: 'Integrity and ethics', coverage });
      const covered = coverage.filter((entry) => entry.covered);
      assert.ok(covered.length > 0 && covered.length < coverage.length);
      assert.ok(notes.includes(`**Key points (${covered.length} of ${question.keyPoints.length} covered)**`));
      for (const { point, covered: done } of coverage) assert.ok(notes.includes(`- ${done ? '✓' : '✗'} ${escapeMarkdown(point.title)}`), point.title);
    });

    it('names the custom bank a question came from', () => {
      assert.ok(coachingNotesMarkdown(question, { categoryLabel: 'X', source: '.star-coach/questions.json' }).endsWith('From \\.star\\-coach/questions\\.json'));
    });

    it('escapes markdown in bank text, so custom text cannot inject links or emphasis', () => {
      const custom = new QuestionBank([], [{ ...question, id: 'odd', text: 'Tell me about *this* [link](http://x) time #1.' }]).byId('odd')!;
      const notes = coachingNotesMarkdown(custom, { categoryLabel: 'Odd' });
      assert.ok(notes.startsWith('**Tell me about \\*this\\* \\[link\\]\\(http://x\\) time \\#1\\.**'), notes.split('\n')[0]);
    });
  });

  it('formats target times', () => {
    assert.equal(formatTargetTime(45), '45 s');
    assert.equal(formatTargetTime(120), '2 min');
    assert.equal(formatTargetTime(150), '2 min 30 s');
  });
});
