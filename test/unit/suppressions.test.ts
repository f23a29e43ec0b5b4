import { strict as assert } from 'node:assert';
import { analyze } from '../../src/engine';

// The suppression comments the README documents under "Silencing a finding", checked
// through analyze() so that each case names the findings that must stay and go.

/** `line alias` for every finding, in document order. */
function findings(lines: string[]): string[] {
  return analyze(lines.join('\n') + '\n', { fileName: 'answers.md' }).diagnostics.map((d) => `${d.range.start.line} ${d.alias}`);
}

// An answer with an empty Task (line 5 when it starts the file), an empty Result
// (line 9), no Action and no Reflection (both reported on the title, line 1).
const answer = (title: string, taskLine = '**Task:**'): string[] => [
  `## ${title}`,
  '',
  '**Situation:** Two teams shipped the same feature twice in one quarter.',
  '',
  taskLine,
  '',
  '**Result:**',
];

describe('suppressions', () => {
  it('reports every finding of the sample answer when nothing is silenced', () => {
    assert.deepEqual(findings(answer('Tell me about a time you reduced duplicated work')), [
      '1 missing-action',
      '1 missing-reflection',
      '5 empty-section',
      '7 empty-section',
    ]);
  });

  describe('star-coach-disable-line', () => {
    it('silences the named rule on its own line only', () => {
      const doc = answer('Tell me about a time you reduced duplicated work', '**Task:** <!-- star-coach-disable-line empty-section -->');
      // The Task's empty-section goes; the Result's, two lines further down, stays.
      assert.deepEqual(findings(doc), ['1 missing-action', '1 missing-reflection', '7 empty-section']);
    });

    it('does not silence the next line, as disable-next-line would', () => {
      const doc = answer('Tell me about a time you reduced duplicated work', '**Task:** text <!-- star-coach-disable-line empty-section -->');
      doc.splice(5, 1);
      // Task has words now; the Result label directly below keeps its finding.
      assert.deepEqual(findings(doc), ['1 missing-action', '1 missing-reflection', '6 empty-section']);
    });

    it('does not silence rules it does not name', () => {
      const doc = answer('Tell me about a time you reduced duplicated work <!-- star-coach-disable-line missing-reflection -->');
      assert.deepEqual(findings(doc), ['1 missing-action', '5 empty-section', '7 empty-section']);
    });

    it('accepts rule codes and ignores letter case', () => {
      const doc = answer('Tell me about a time you reduced duplicated work <!-- Star-Coach-Disable-Line STAR003, Missing-Reflection -->');
      assert.deepEqual(findings(doc), ['5 empty-section', '7 empty-section']);
    });

    it('with no rule names silences every rule on its line', () => {
      const doc = answer('Tell me about a time you reduced duplicated work <!-- star-coach-disable-line -->');
      assert.deepEqual(findings(doc), ['5 empty-section', '7 empty-section']);
    });
  });

  describe('directives with no rule names', () => {
    it('star-coach-disable silences every rule from there on', () => {
      const doc = [
        '<!-- star-coach-disable -->',
        '',
        ...answer('Tell me about a time you reduced duplicated work'),
        '',
        ...answer('Tell me about a time you joined a team mid-project'),
      ];
      assert.deepEqual(findings(doc), []);
    });

    it('star-coach-disable starts where it is written, not at the top of the file', () => {
      const doc = [
        ...answer('Tell me about a time you reduced duplicated work'),
        '',
        '<!-- star-coach-disable -->',
        '',
        ...answer('Tell me about a time you joined a team mid-project'),
      ];
      assert.deepEqual(findings(doc), ['1 missing-action', '1 missing-reflection', '5 empty-section', '7 empty-section']);
    });

    it('star-coach-enable with no names turns every rule back on', () => {
      const doc = [
        '<!-- star-coach-disable -->',
        '',
        ...answer('Tell me about a time you reduced duplicated work'),
        '',
        '<!-- star-coach-enable -->',
        '',
        ...answer('Tell me about a time you joined a team mid-project'),
      ];
      assert.deepEqual(findings(doc), ['13 missing-action', '13 missing-reflection', '17 empty-section', '19 empty-section']);
    });

    it('star-coach-enable with names turns only those rules back on', () => {
      const doc = [
        '<!-- star-coach-disable -->',
        '',
        ...answer('Tell me about a time you reduced duplicated work'),
        '',
        '<!-- star-coach-enable empty-section -->',
        '',
        ...answer('Tell me about a time you joined a team mid-project'),
      ];
      assert.deepEqual(findings(doc), ['17 empty-section', '19 empty-section']);
    });

    it('star-coach-disable-next-line silences every rule on the next line', () => {
      const doc = ['<!-- star-coach-disable-next-line -->', ...answer('Tell me about a time you reduced duplicated work')];
      assert.deepEqual(findings(doc), ['6 empty-section', '8 empty-section']);
    });
  });
});
