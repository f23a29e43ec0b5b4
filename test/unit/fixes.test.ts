import { strict as assert } from 'node:assert';
import { analyze, disableDirectiveEdit, insertSectionsEdits, LineIndex, SECTION_PLACEHOLDERS, type TextEdit } from '../../src/engine';

function apply(text: string, edit: TextEdit): string {
  return text.slice(0, edit.offset) + edit.text + text.slice(edit.offset + edit.length);
}

/** Applies the missing-result fix and returns the new text, after checking the finding is gone. */
function fixMissing(text: string, ruleId: string, fileName = 'draft.star.md'): string {
  const before = analyze(text, { fileName });
  const diagnostic = before.diagnostics.find((d) => d.ruleId === ruleId);
  assert.ok(diagnostic, `expected ${ruleId} before the fix`);
  assert.ok(diagnostic.data.edit, 'the diagnostic carries its edit');
  const fixed = apply(text, diagnostic.data.edit);
  const after = analyze(fixed, { fileName });
  assert.equal(after.diagnostics.filter((d) => d.ruleId === ruleId).length, 0, `no ${ruleId} after the fix:\n${fixed}`);
  assert.equal(after.answers.length, before.answers.length, 'the fix does not split the answer');
  return fixed;
}

const RESULT = 'What changed, in numbers? For example: it went from X to Y in Z weeks.';

describe('quick-fix edits: insert a missing section in the answer\'s own style', () => {
  it('bold labels with blank lines', () => {
    const text = '## Q\n\n**Situation:** s.\n\n**Task:** t.\n\n**Action:** a.\n\n**Reflection:** r.\n';
    assert.equal(fixMissing(text, 'STAR004'), `## Q\n\n**Situation:** s.\n\n**Task:** t.\n\n**Action:** a.\n\n**Result:** ${RESULT}\n\n**Reflection:** r.\n`);
  });

  it('bold labels with the colon outside', () => {
    const text = '## Q\n\n**Situation**: s.\n\n**Task**: t.\n\n**Action**: a.\n';
    assert.match(fixMissing(text, 'STAR004'), /\*\*Action\*\*: a\.\n\n\*\*Result\*\*: What changed/);
  });

  it('plain labels on consecutive lines stay in one paragraph', () => {
    const text = 'Situation: s.\nTask: t.\nAction: a.\nReflection: r.\n';
    assert.equal(fixMissing(text, 'STAR004'), `Situation: s.\nTask: t.\nAction: a.\nResult: ${RESULT}\nReflection: r.\n`);
  });

  it('headings of the same level', () => {
    const text = '# Q\n\n## Situation\n\ns.\n\n## Task\n\nt.\n\n## Action\n\na.\n';
    assert.equal(fixMissing(text, 'STAR004'), `# Q\n\n## Situation\n\ns.\n\n## Task\n\nt.\n\n## Action\n\na.\n\n## Result\n\n${RESULT}\n`);
  });

  it('setext headings', () => {
    const text = 'Situation\n---------\n\ns.\n\nTask\n----\n\nt.\n\nAction\n------\n\na.\n';
    assert.match(fixMissing(text, 'STAR004'), /a\.\n\nResult\n------\n\nWhat changed/);
  });

  it('list items, with the next number in an ordered list', () => {
    const text = '## Q\n\n1. **Situation:** s.\n2. **Task:** t.\n3. **Action:** a.\n';
    assert.equal(fixMissing(text, 'STAR004'), `## Q\n\n1. **Situation:** s.\n2. **Task:** t.\n3. **Action:** a.\n4. **Result:** ${RESULT}\n`);
  });

  it('blockquotes keep their markers', () => {
    const text = '> **Situation:** s.\n>\n> **Task:** t.\n>\n> **Action:** a.\n';
    assert.match(fixMissing(text, 'STAR004'), /> \*\*Action:\*\* a\.\n>\n> \*\*Result:\*\* What changed/);
  });

  it('single letters', () => {
    const text = 'S: s.\nT: t.\nA: a.\n';
    assert.equal(fixMissing(text, 'STAR004'), `S: s.\nT: t.\nA: a.\nR: ${RESULT}\n`);
  });

  it('ALL CAPS labels', () => {
    const text = 'SITUATION: s.\n\nTASK: t.\n\nACTION: a.\n';
    assert.match(fixMissing(text, 'STAR004'), /\n\nRESULT: What changed/);
  });

  it('a missing Situation goes before the first section', () => {
    const text = '## Q\n\n**Task:** t.\n\n**Action:** a.\n';
    assert.match(fixMissing(text, 'STAR001'), /## Q\n\n\*\*Situation:\*\* Where and when[^\n]*\n\n\*\*Task:\*\* t\./);
  });

  it('table rows', () => {
    const text = '| Part | Notes |\n| --- | --- |\n| Situation | s |\n| Task | t |\n| Action | a |\n';
    assert.match(fixMissing(text, 'STAR004'), /\| Action \| a \|\n\| Result \| What changed[^|]*\|/);
  });

  it('keeps CRLF line endings', () => {
    const text = '## Q\r\n\r\n**Situation:** s.\r\n\r\n**Task:** t.\r\n\r\n**Action:** a.\r\n';
    const fixed = fixMissing(text, 'STAR004');
    assert.ok(!/[^\r]\n/.test(fixed), 'no bare LF');
  });

  it('carries on the diagnostic the section, where it goes and the label style to write it in', () => {
    const text = '## Q\n\n- **Situation:** s.\n- **Task:** t.\n- **Action:** a.\n';
    const missing = analyze(text, { fileName: 'x.star.md' }).diagnostics.find((d) => d.ruleId === 'STAR004')!;
    assert.deepEqual(missing.data.sections, ['result']);
    assert.equal(missing.data.edit!.offset, text.indexOf('a.') + 2, 'right after the Action');
    assert.deepEqual(missing.data.style, { kind: 'inline', wrapper: '**', separator: ':', separatorInside: true, prefix: '- ', blankLine: false, ownLine: false, letter: '', letterCase: 'title' });
  });

  it('places the cursor on the placeholder', () => {
    const text = '**Situation:** s.\n\n**Task:** t.\n\n**Action:** a.\n';
    const edit = analyze(text, { fileName: 'x.star.md' }).diagnostics.find((d) => d.ruleId === 'STAR004')!.data.edit!;
    const [placeholder] = edit.placeholders;
    assert.equal(edit.text.slice(placeholder.start, placeholder.end), RESULT);
  });

  it('inserts all missing sections at once, in canonical order', () => {
    const text = '## Q\n\n**Task:** t.\n\n**Action:** a.\n';
    const result = analyze(text, { fileName: 'x.star.md' });
    const edits = insertSectionsEdits(new LineIndex(text), '\n', result.answers[0], ['situation', 'result', 'reflection']);
    assert.equal(edits.length, 2, 'one insertion before Task, one after Action');
    const fixed = [...edits].reverse().reduce(apply, text);
    const after = analyze(fixed, { fileName: 'x.star.md' });
    assert.deepEqual(after.answers[0].sections.map((s) => s.kind), ['situation', 'task', 'action', 'result', 'reflection']);
    assert.equal(edits.flatMap((e) => e.placeholders).length, 3);
  });

  it('the metrics template adds a from/to sentence the next analysis accepts once filled', () => {
    const text = '**Situation:** s.\n\n**Task:** t.\n\n**Action:** a.\n\n**Result:** It went well.\n';
    const edit = analyze(text, { fileName: 'x.star.md' }).diagnostics.find((d) => d.ruleId === 'STAR006')!.data.edit!;
    assert.equal(edit.text, ' From X to Y in Z.');
    const filled = apply(text, { ...edit, text: ' From 40 minutes to 9 minutes in 2 weeks.' });
    assert.equal(analyze(filled, { fileName: 'x.star.md' }).diagnostics.filter((d) => d.ruleId === 'STAR006').length, 0);
  });

  it('an empty section gets a prompt after its label', () => {
    const text = '**Situation:** s.\n\n**Task:**\n\n**Action:** a.\n';
    const edit = analyze(text, { fileName: 'x.star.md' }).diagnostics.find((d) => d.ruleId === 'STAR007')!.data.edit!;
    const fixed = apply(text, edit);
    assert.match(fixed, /\*\*Task:\*\* What were you responsible for/);
    // The prompt is not an answer: the Task still reads as empty, and is not fixed again.
    const after = analyze(fixed, { fileName: 'x.star.md' }).diagnostics.filter((d) => d.ruleId === 'STAR007');
    assert.deepEqual(after.map((d) => [d.message, d.data.edit]), [['The Task label still has only the prompt under it. Answer it in your own words, in its place.', null]]);
  });

  it('labels that share a line (S: … T: … A: …) get the missing one on that line, in order', () => {
    const text = '## Biggest incident\n\nS: outage at 2am. A: rolled back. R: 12 min downtime.\n';
    const fixed = fixMissing(text, 'STAR002');
    assert.equal(fixed, '## Biggest incident\n\nS: outage at 2am. T: What were you responsible for, and what did success look like? A: rolled back. R: 12 min downtime.\n');
    const first = fixMissing('## Q\n\nT: restore. A: rolled back. R: 12 min downtime.\n', 'STAR001');
    assert.match(first, /^## Q\n\nS: Where and when[^\n]*\? T: restore\. A: rolled back\./);
  });

  it('letters in parentheses or brackets get the same, without a colon', () => {
    const bracketed = fixMissing('## Q\n\n[S] We were late.\n\n[T] I owned the date.\n\n[A] I cut scope.\n', 'STAR004');
    assert.match(bracketed, /\[A\] I cut scope\.\n\n\[R\] What changed/);
    const parenthesized = fixMissing('## Q\n\n(S) We were late.\n\n(T) I owned the date.\n\n(A) I cut scope.\n', 'STAR004');
    assert.match(parenthesized, /\(A\) I cut scope\.\n\n\(R\) What changed/);
  });

  it('a TODO left as a placeholder counts as empty, and the fix writes the prompt in its place', () => {
    const text = '**Situation:** s.\n\n**Task:** t.\n\n**Action:** TODO\n\n**Result:** TBD: add numbers from the Q3 report\n';
    const found = analyze(text, { fileName: 'x.star.md' }).diagnostics;
    assert.deepEqual(found.filter((d) => d.ruleId === 'STAR007').map((d) => d.message), [
      'The Action label has only a placeholder under it ("TODO"). Write a few sentences in its place.',
      'The Result label has only a placeholder under it ("TBD: add numbers from the Q3 report"). Write a few sentences in its place.',
    ]);
    // An empty Result is one finding, not also "no measurable outcome".
    assert.equal(found.filter((d) => d.ruleId === 'STAR006').length, 0);
    const action = found.find((d) => d.ruleId === 'STAR007')!.data.edit!;
    const fixed = apply(text, action);
    assert.match(fixed, /\*\*Action:\*\* What did you do/);
    assert.doesNotMatch(fixed, /TODO/);
  });

  it('a placeholder on the lines under a heading is replaced too', () => {
    const text = '## Q\n\n### Situation\n\ns.\n\n### Result\n\n...\n\n### Reflection\n\nr.\n';
    const edit = analyze(text, { fileName: 'x.star.md' }).diagnostics.find((d) => d.ruleId === 'STAR007')!.data.edit!;
    const fixed = apply(text, edit);
    assert.match(fixed, /### Result\n\nWhat changed, in numbers\?[^\n]*\n\n### Reflection/);
  });

  it('replaces only the placeholder token, never the writer\'s other words, code or images', () => {
    const fixOf = (text: string): string => apply(text, analyze(text, { fileName: 'x.star.md' }).diagnostics.find((d) => d.ruleId === 'STAR007')!.data.edit!);
    // A note after the token stays.
    const note = '**Situation:** s.\n\n**Action:** a.\n\n**Result:** TODO - ask Dana for the numbers\n';
    assert.equal(fixOf(note), note.replace('TODO', SECTION_PLACEHOLDERS.result));
    // A paragraph, a code block or an image after `TBD` is written content: no finding, nothing replaced.
    for (const after of ['Churn fell 12% in Q3 (check with Dana).', '```\nchurn.sql\n```', '![](churn.png)']) {
      const text = `**Situation:** s.\n\n**Action:** a.\n\n**Result:** TBD\n\n${after}\n\n**Reflection:** r.\n`;
      const found = analyze(text, { fileName: 'x.star.md' }).diagnostics;
      assert.deepEqual(found.filter((d) => d.ruleId === 'STAR007'), [], after);
      for (const d of found) if (d.data.edit) assert.equal(d.data.edit.length, 0, `${d.ruleId} replaces text in ${JSON.stringify(text)}`);
    }
  });

  it('a Result holding only our prompt has no metrics finding, and its prompt is not counted as a metric', () => {
    const text = `**Situation:** s.\n\n**Action:** a.\n\n**Result:** ${SECTION_PLACEHOLDERS.result}\n`;
    const result = analyze(text, { fileName: 'x.star.md' });
    assert.deepEqual(result.diagnostics.filter((d) => d.ruleId === 'STAR006'), []);
    assert.deepEqual(result.answers[0].metrics, []);
    assert.equal(result.answers[0].sections.find((s) => s.kind === 'result')!.empty, true);
  });

  it('the metrics template after a code block goes in a paragraph of its own, not onto the fence', () => {
    const text = '**Situation:** s.\n\n**Action:** a.\n\n**Result:** it went well\n\n```\nlog\n```\n';
    const edit = analyze(text, { fileName: 'x.star.md' }).diagnostics.find((d) => d.ruleId === 'STAR006')!.data.edit!;
    assert.equal(apply(text, edit), '**Situation:** s.\n\n**Action:** a.\n\n**Result:** it went well\n\n```\nlog\n```\n\nFrom X to Y in Z.\n');
  });

  it('a real sentence that starts with TODO-like words is content', () => {
    const text = '**Situation:** s.\n\n**Task:** To do the migration in a weekend, I had to cut the scope by half and convince two teams.\n';
    assert.equal(analyze(text, { fileName: 'x.star.md' }).diagnostics.filter((d) => d.ruleId === 'STAR007').length, 0);
  });
});

describe('fixes read back as what they say', () => {
  const draft = 'draft.star.md';
  const sectionsOf = (text: string): string[] => analyze(text, { fileName: draft }).answers.map((a) => a.sections.map((s) => s.kind).join(' '));

  it('a new label in any wrapper is written with that wrapper\'s closing mark', () => {
    for (const [open, close] of [['[[', ']]'], ['<u>', '</u>'], ['<em>', '</em>'], ['<i>', '</i>'], ['<mark>', '</mark>']]) {
      const text = `## Q\n\n${open}Situation${close}: we were late.\n\n${open}Task${close}: I owned it.\n\n${open}Result${close}: 5% up.\n`;
      const fixed = fixMissing(text, 'STAR003');
      assert.match(fixed, new RegExp(`\\n${open.replace(/[[\]]/g, '\\$&')}Action${close.replace(/[[\]/]/g, '\\$&')}: What did you do`), open);
      assert.deepEqual(sectionsOf(fixed), ['situation task action result'], open);
    }
  });

  it('the Reflection in (S), [S] and one-line S: … T: … drafts reads back as a Reflection', () => {
    for (const text of [
      '## Q\n\n(S) We were late.\n\n(T) I owned it.\n\n(A) I cut scope.\n\n(R) 2 days early.\n',
      '## Q\n\n[S] We were late.\n\n[T] I owned it.\n\n[A] I cut scope.\n\n[R] 2 days early.\n',
      '## Q\n\nS: late. T: owned it. A: cut scope. R: 2 days early.\n',
    ]) {
      const fixed = fixMissing(text, 'STAR005');
      assert.deepEqual(sectionsOf(fixed), ['situation task action result reflection'], text);
    }
  });

  it('a letter heading draft gets a title-case heading, not REFLECTION', () => {
    const fixed = fixMissing('## Q\n\n#### S\n\nWe were late.\n\n#### T\n\nI owned it.\n\n#### A\n\nI cut scope.\n\n#### R\n\n2 days early.\n', 'STAR005');
    assert.match(fixed, /\n#### Reflection\n/);
  });

  it('"Disable for this line" in a table answer keeps the table whole', () => {
    const text = '| Part | Answer |\n| --- | --- |\n| Situation | we were late |\n| Action | I cut scope |\n| Result | 2 days early |\n';
    const result = analyze(text, { fileName: draft });
    const finding = result.diagnostics.find((d) => d.ruleId === 'STAR002')!;
    const fixed = apply(text, disableDirectiveEdit(text, new LineIndex(text).lineStart(finding.range.start.line), finding.alias, 'line', '\n'));
    const after = analyze(fixed, { fileName: draft });
    assert.deepEqual(after.answers.map((a) => a.sections.map((s) => s.kind).join(' ')), ['situation action result']);
    assert.deepEqual(after.diagnostics.filter((d) => d.ruleId <= 'STAR005').map((d) => d.ruleId), ['STAR005']);
  });

  it('the Situation fix for the second untitled answer of a bank lands in that answer', () => {
    const story = '**Task:** a\n\n**Action:** b\n\n**Result:** 5%\n';
    const text = `${story}\n${story}`;
    const second = analyze(text, { fileName: draft }).diagnostics.find((d) => d.ruleId === 'STAR001' && d.data.answerIndex === 1)!;
    const fixed = apply(text, second.data.edit!);
    assert.deepEqual(sectionsOf(fixed), ['task action result', 'situation task action result']);
  });

  it('any part inserted at the top of a later untitled answer stays in it, not only a Situation', () => {
    const text = '**Action:** a\n\n**Result:** 5%\n\n**Action:** b\n\n**Result:** 7%\n';
    const second = analyze(text, { fileName: draft }).diagnostics.find((d) => d.ruleId === 'STAR002' && d.data.answerIndex === 1)!;
    assert.deepEqual(sectionsOf(apply(text, second.data.edit!)), ['action result', 'task action result']);
  });
});
