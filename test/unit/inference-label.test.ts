import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../src/engine';
import { applyEdits, labelPartsEdits, labelStyleFor } from '../../src/core/label-parts';
import type { Answer } from '../../src/core/types';

const DIR = join(__dirname, '..', 'fixtures', 'inference');

/** A section's words, markup and punctuation aside, to compare what a part holds before and after. */
const words = (text: string): string => (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(' ');
const parts = (answer: Answer): Array<[string, string]> => answer.sections.map((s) => [s.kind, words(s.text)]);

/** Labels every inferred answer of a file and returns the text before and after, with both analyses. */
function labelled(text: string, fileName: string) {
  const before = analyze(text, { fileName });
  const edits = before.answers.flatMap((answer) => labelPartsEdits(text, before.answers, answer));
  const fixed = applyEdits(text, edits);
  return { before, fixed, after: analyze(fixed, { fileName }) };
}

describe('Label the STAR parts', () => {
  for (const name of ['prose-one-paragraph.star.md', 'prose-paragraphs.md', 'prose-no-result.md', 'partial-labels.star.md', 'prose-bank.star.md', 'lone-label-then-bullets.star.md', 'lone-label-under-questions.md']) {
    it(`${name}: the labelled draft reads back as the same parts, with the same sentences in each`, () => {
      const text = readFileSync(join(DIR, name), 'utf8');
      const { before, fixed, after } = labelled(text, name);
      const edits = (result: typeof before) => result.answers.flatMap((answer) => labelPartsEdits(text, result.answers, answer));
      assert.ok(before.answers.some((a) => a.sections.some((s) => s.inferred)), 'the fixture has inferred parts');
      assert.equal(after.answers.length, before.answers.length, fixed);
      before.answers.forEach((answer, i) => {
        assert.deepEqual(parts(after.answers[i]), parts(answer), fixed);
        assert.ok(after.answers[i].sections.every((s) => !s.inferred), 'every part now has a label');
      });
      // Nothing else changed: with the labels taken out again, only line breaks differ.
      const unlabelled = (s: string): string => s.replace(/(?:\*\*)?(?:Situation|Task|Action|Result|Reflection):(?:\*\*)? /g, '').replace(/\s+/g, ' ');
      assert.equal(unlabelled(fixed), unlabelled(text));
      assert.equal(fixed.length - text.length, edits(before).reduce((sum, e) => sum + e.text.length - e.length, 0));
    });
  }

  it('splits a paragraph where a part starts mid-paragraph, and writes bold labels when the draft has none', () => {
    const text = readFileSync(join(DIR, 'prose-one-paragraph.star.md'), 'utf8');
    const { fixed } = labelled(text, 'a.star.md');
    assert.match(fixed, /^# Speed or quality\n\n\*\*Situation:\*\* Last spring/);
    assert.match(fixed, /June\.\n\n\*\*Task:\*\* I was asked/);
    assert.match(fixed, /\n\n\*\*Reflection:\*\* I learned that/);
  });

  it("uses the writer's own label style from their other answers", () => {
    const text = [
      '# Stories',
      '',
      '## Tell me about a time you cut costs',
      '',
      '### Situation',
      '',
      'Our cloud bill had doubled in a year.',
      '',
      '### Action',
      '',
      'I moved the batch jobs to spot instances.',
      '',
      '## Tell me about a time you disagreed with a peer',
      '',
      'Last year a peer wanted to rewrite our queue in a new language. I was responsible for the queue, so I had to weigh in. I wrote a one-page comparison and ran a load test on both designs. As a result we kept the old queue and saved a quarter of work.',
      '',
    ].join('\n');
    const before = analyze(text, { fileName: 'bank.star.md' });
    const prose = before.answers.find((a) => a.sections.some((s) => s.inferred))!;
    assert.equal(labelStyleFor(before.answers).kind, 'heading');
    const fixed = applyEdits(text, labelPartsEdits(text, before.answers, prose));
    assert.match(fixed, /### Situation\n\nLast year a peer/);
    assert.match(fixed, /weigh in\.\n\n### Action\n\nI wrote/);
    const after = analyze(fixed, { fileName: 'bank.star.md' });
    assert.deepEqual(parts(after.answers[1]), parts(prose));
  });

  it('offers nothing on an answer whose parts are all labelled', () => {
    const text = '## Tell me about a time\n\n**Situation:** We were late.\n\n**Action:** I cut scope.\n';
    const result = analyze(text, { fileName: 'a.md' });
    assert.deepEqual(labelPartsEdits(text, result.answers, result.answers[0]), []);
  });
});
