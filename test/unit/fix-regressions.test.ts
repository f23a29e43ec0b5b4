import { strict as assert } from 'node:assert';
import { analyze } from '../../src/engine';
import { applyEdits, insertMissingEdits } from '../../src/core/fix-all';
import { LineIndex } from '../../src/core/markdown';
import { disableDirectiveEdit } from '../../src/core/suppressions';
import type { AnalyzeOptions } from '../../src/engine/options';
import type { AnalyzeResult, Diagnostic, Section } from '../../src/core/types';

/**
 * One test per kind of fix defect the fuzzer found (test/fuzz): a quick fix or "insert all"
 * that lands inside a block the writer's text opened, or that reads back as something else.
 * Each asserts what the fuzz properties do: the finding goes, and every answer and section
 * is still there with its text.
 */
const FORCE: AnalyzeOptions = { forceDraft: true };

const sectionsOf = (result: AnalyzeResult): string[][] =>
  result.answers.map((answer) => answer.sections.map((s: Section) => `${s.kinds.join('+')} ${s.labelText}: ${s.text}`));

const key = (d: Diagnostic): string => `${d.ruleId}|${d.data.answerIndex}|${d.data.sections.join('+')}`;

/** Applies the fix of the one `ruleId` finding and checks it worked; returns the fixed text. */
function applyFix(text: string, ruleId: string, options: AnalyzeOptions = FORCE, answerIndex?: number): string {
  const before = analyze(text, options);
  const finding = before.diagnostics.find((d) => d.ruleId === ruleId && (answerIndex === undefined || d.data.answerIndex === answerIndex));
  assert.ok(finding?.data.edit, `no ${ruleId} fix on ${JSON.stringify(text)}`);
  const fixed = applyEdits(text, [finding.data.edit]);
  // Our prompts count as empty until the writer types over them, as they would.
  const typed = ruleId === 'STAR007' ? applyEdits(text, [{ ...finding.data.edit, text: finding.data.edit.text.replace(/\S[^]*\S/, 'I had to cut the wait from 40 to 15 minutes.') }]) : fixed;
  const after = analyze(typed, options);
  assert.ok(!after.diagnostics.some((d) => key(d) === key(finding)), `${ruleId} is still reported after its fix:\n${fixed}`);
  assert.equal(after.answers.length, before.answers.length, `the fix changes the number of answers:\n${fixed}`);
  // Every section the draft had is still there, with its text (a missing-section fix adds one).
  const old = sectionsOf(before);
  const now = sectionsOf(after);
  old.forEach((sections, a) => {
    for (const section of sections) if (!finding.data.sections.length || !section.endsWith(': ')) assert.ok(now[a].includes(section), `lost ${section} in:\n${fixed}`);
  });
  return fixed;
}

/** Insert all, twice: the findings go, the answers stay, and the second run changes nothing. */
function insertAll(text: string, options: AnalyzeOptions = FORCE): string {
  const before = analyze(text, options);
  const once = applyEdits(text, insertMissingEdits(text, before));
  const after = analyze(once, options);
  assert.equal(after.answers.length, before.answers.length, `insert-all changes the number of answers:\n${once}`);
  assert.deepEqual(after.diagnostics.filter((d) => /^STAR00[1-5]$/.test(d.ruleId)).map(key), [], `findings left after insert-all:\n${once}`);
  assert.equal(applyEdits(once, insertMissingEdits(once, after)), once, 'a second insert-all changes the text');
  return once;
}

describe('fix regressions found by the fuzzer', () => {
  it('an Action in letters right under a `Q:` line is written as a word (`A:` there answers the question)', () => {
    for (const text of ['Q:\nR:', 'Q: Tell me about a time you failed\nR: errors fell 5%']) {
      const fixed = applyFix(text, 'STAR003');
      assert.match(fixed, /\nAction: /, fixed);
      assert.ok(analyze(fixed, FORCE).answers[0].sections.some((s) => s.kinds.includes('action')), fixed);
    }
    // After a section whose last line is a question line, too.
    const after = applyFix('S: the checkout was down\nQ: why did nobody see it?', 'STAR003', { forceDraft: true, requiredSections: ['situation', 'action'] });
    assert.match(after, /\nAction: /, after);
    // Elsewhere letters stay letters.
    assert.match(applyFix('Q: Tell me about a time\nS: we\nR: 5%', 'STAR003'), /\nA: /);
  });

  it('a section after a label on a continuation line indented four columns starts where a paragraph can (not as code)', () => {
    // The paragraph's own one space of indentation is not its container's: a block there at
    // four columns would be code. A writer's decoration before the label (`💡`) stays.
    // So does a label indented inside a raw HTML block, and one on a lazy line of a list item
    // above a fence at the margin that the insert closes (the blocks after it are at the margin).
    for (const [text, expected] of [
      [' _Task_I did it\n    Action\n', /\n\nResult\n/],
      ['e\n    \u{1F4A1}Action: I did\n', /\n\n\u{1F4A1}Result: /u],
      ['<aside>\n    Action: I did\n', /\n\nResult: /],
      ['2. _Task_I did\n    Action\n```', /```\n```\n\nResult\n/],
    ] as const) {
      const fixed = applyFix(text, 'STAR004', { forceDraft: true, requiredSections: ['task', 'action', 'result'] });
      assert.match(fixed, expected, fixed);
      assert.ok(analyze(fixed, FORCE).answers[0].sections.some((s) => s.kinds.includes('result')), fixed);
    }
  });

  it('a front matter title names the first answer before a fix as after it (a lone label in an explicit draft too)', () => {
    const text = '---\nquestion: ambiguity-estimating-unknown-work\ntitle: "Influence"\n---\n\n\u2022 Scenario';
    assert.equal(analyze(text, FORCE).answers[0].title, 'Influence');
    assert.equal(analyze(applyFix(text, 'STAR002'), FORCE).answers[0].title, 'Influence');
  });

  it('a prompt under a label that is the last line of a setext heading goes below the underline', () => {
    const fixed = applyFix('Notes from the call.\nTask\n-', 'STAR007');
    assert.match(fixed, /^Notes from the call\.\nTask\n-\n\nWhat were you responsible for/);
  });

  it('a section after text that is a setext heading goes below its underline, apart from the next label', () => {
    const fixed = applyFix('S\n-\nWe were late.\nT\n=\nA\n=\n\nI rewrote the export.', 'STAR004');
    assert.match(fixed, /\nA\n=\n\nI rewrote the export\.\n\nResult\n/);
    insertAll('S\n-\nWe were late.\nT\n=\nA\n=\n\nI rewrote the export.');
  });

  it('a section after a line of raw HTML starts after a blank line (the HTML block runs on to one)', () => {
    const text = '* S — Our export failed.\n* T — Fix it.\n* A — I rewrote it.\n* R — Churn fell 12%.\n<details>';
    const fixed = applyFix(text, 'STAR005');
    assert.match(fixed, /<details>\n\n\* Reflection — /);
  });

  it('a section after an unclosed code fence closes the fence first', () => {
    const fixed = applyFix('**Task:** Fix the export.\n```', 'STAR004');
    assert.equal(fixed, '**Task:** Fix the export.\n```\n```\n\n**Result:** What changed, in numbers? For example: it went from X to Y in Z weeks.');
    applyFix('- **Task:** Fix the export.\n  ```sql\n  SELECT 1;', 'STAR004');
  });

  it('inline HTML and a closed fence above the insertion change nothing (they need no blank line or closer)', () => {
    const text = '**Situation:** Our export failed <b>again</b>.\n\n```\nSELECT 1;\n```\n\n**Action:** I rewrote it. <!-- note -->';
    const fixed = applyFix(text, 'STAR004');
    assert.equal(fixed, `${text}\n\n**Result:** What changed, in numbers? For example: it went from X to Y in Z weeks.`);
  });

  it('the metrics sentence goes into the Result row of a table, not between its rows', () => {
    const text = '| Part | Notes |\n| --- | --- |\n| Situation | Our export failed. |\n| Result | It went well. |\n| Reflection | Ask sooner. |';
    const edit = analyze(text, FORCE).diagnostics.find((d) => d.ruleId === 'STAR006')!.data.edit!;
    assert.equal(applyEdits(text, [edit]).split('\n')[3], '| Result | It went well. From X to Y in Z. |');
    assert.equal(analyze(applyEdits(text, [edit]), FORCE).answers[0].sections.length, 3);
  });

  it('a row goes under the delimiter row, and none is offered above the header of a table answer', () => {
    const text = '| Task | Fix the export |\n| --- | --- |\n| Result | Churn fell 12% |';
    const fixed = applyFix(text, 'STAR003');
    assert.match(fixed, /^\| Task \| Fix the export \|\n\| --- \| --- \|\n\| Action \|/);
    // Above the header it would no longer be in the table; below it, it would open a new story.
    assert.equal(analyze(text, FORCE).diagnostics.find((d) => d.ruleId === 'STAR001')!.data.edit, null);
    assert.ok(!insertMissingEdits(text, analyze(text, FORCE)).some((edit) => edit.text.includes('Situation')));
  });

  it('a row goes after every row of its neighbour section (two rows with one label are one section)', () => {
    const text = '| Part | Notes |\n| --- | --- |\n| Situation | Our export failed. |\n| Result | Churn fell 12%. |\n| Result | Tickets halved. |';
    const fixed = applyFix(text, 'STAR005');
    assert.match(fixed, /\| Tickets halved\. \|\n\| Reflection \|/);
    // An unclosed fence under the table is no row of it: the new row goes above it, in the table.
    const fenced = applyFix('| Part | Notes |\n| --- | --- |\n| Situation | Our export failed. |\n~~~\n', 'STAR002');
    assert.match(fenced, /\| Situation \| Our export failed\. \|\n\| Task \| [^\n]*\|\n~~~\n$/);
  });

  it('a Reflection goes after the last section, not between a combined label and one written below it', () => {
    const fixed = applyFix('# Give me an example\nActions & Results\nI.\nTask + Action\n', 'STAR005', {});
    assert.match(fixed, /Task \+ Action\n\nReflection\n\nWhat did you learn/);
  });

  it('no fix for a part that a combined label skips over (a Task under "Situation and Result")', () => {
    const text = '**Situation and Result:** The export failed; we fixed it and churn fell 12%.\n\n**Reflection:** Ask sooner.';
    const result = analyze(text, FORCE);
    assert.equal(result.diagnostics.find((d) => d.ruleId === 'STAR002')!.data.edit, null);
    assert.deepEqual(insertMissingEdits(text, result), []);
  });

  it('in an answer written out of order, a part goes before the first later part, not after an earlier one below it', () => {
    // Two empty labels, Result above Situation: one answer. After the Situation the Action would open another.
    const fixed = applyFix('Result:\n- [ ] Situation:', 'STAR003');
    assert.match(fixed, /^Action: What did you do[^\n]*\n\nResult:\n- \[ \] Situation:$/);
  });

  it('a same-line label after unfinished text starts a line of its own, where it reads as a label', () => {
    const fixed = applyFix('S: Our export kept failing. T: I had to fix it', 'STAR003');
    assert.equal(fixed, 'S: Our export kept failing. T: I had to fix it\nA: What did you do, step by step? Say "I" for your own part.');
    insertAll('- S: Our export kept failing. T: I had to fix it');
  });

  it('a <summary> label gets its prompt on the lines below, not after it on the same line', () => {
    const text = '<details>\n<summary>Task</summary> (mine)\n\nFix the export.\n\n</details>';
    const edit = analyze(text, FORCE).diagnostics.find((d) => d.ruleId === 'STAR001')!.data.edit!;
    // Inside the <details> block, one line break: a blank line would end the HTML block.
    assert.ok(edit.text.startsWith('<summary>Situation</summary>\nWhere and when'), JSON.stringify(edit.text));
  });

  it('in a file that mixes line endings, an insert uses the one around it (a CR before an LF would merge into one CRLF)', () => {
    const text = '**Situation:** Our export failed.\r\n\r\n**Task:** Fix it.\n\n**Action:** I rewrote it.\n';
    const edit = analyze(text, FORCE).diagnostics.find((d) => d.ruleId === 'STAR004')!.data.edit!;
    assert.equal(edit.text, '\n\n**Result:** What changed, in numbers? For example: it went from X to Y in Z weeks.');
    const crlf = 'Situation\r\n---------\r\n\r\nOur export failed.\r\nAction\r\n------\n\nI rewrote it.';
    assert.ok(!/\r(?!\n)|(?<!\r)\n/.test(analyze(crlf.replace(/\r?\n/g, '\r\n'), FORCE).diagnostics.map((d) => d.data.edit?.text ?? '').join('')), 'a CRLF file gets CRLF');
  });

  it('a part inserted at the top of the second story stays in it, also after a titled story out of order', () => {
    // The Task goes between the first story's Reflection and the second Action: it leads up to that Action.
    // (All in one paragraph, so with single line breaks.)
    const fixed = applyFix('# Q\nA -\nL -\nAction', 'STAR002', FORCE, 1);
    assert.match(fixed, /^# Q\nA -\nL -\nTask\nWhat were you responsible for[^\n]*\nAction$/);
    assert.match(applyFix('# Q\nA -\nL -\n\nAction', 'STAR002', FORCE, 1), /^# Q\nA -\nL -\n\nTask\n\nWhat were you responsible for[^\n]*\n\nAction$/);
    insertAll('# Q\nA -\nL -\nAction');
    // Parts just before a repeated part that lead up to it begin the next story, after one out of order.
    const sections = (text: string): string[] => analyze(text, FORCE).answers.map((a) => a.sections.map((s) => s.kind).join(','));
    assert.deepEqual(sections('Walk me through\n>[!p]Result\n[!n]Action\nResult'), ['result', 'action,result']);
    assert.deepEqual(sections('Have you ever\n# Task #\n> [!e]- SITUATION\n> TASK\n'), ['task', 'situation,task']);
    // In order, nothing moves: the second Situation opens the second story.
    assert.deepEqual(sections('# Q\nS: a\nA: b\nS: c\nA: d'), ['situation,action', 'situation,action']);
  });

  it('a section after a label indented on a paragraph\'s continuation line is not indented into a code block', () => {
    // A tab before `*S*` is fine inside the paragraph; before a block of its own it makes code.
    assert.match(applyFix('e\n\t*S*', 'STAR002'), /^e\n\t\*S\*\n\n\*T\*\n\nWhat were you/);
    insertAll('e\n\t*S*', { forceDraft: true, requiredSections: ['task', 'action', 'result', 'reflection'] });
    // In a list item, the indentation of the item's text: the new block stays in the item.
    assert.match(applyFix('- e\n\t\t*S*', 'STAR002'), /\n\n {2}\*T\*\n\n/);
  });

  it('before a label on a paragraph\'s continuation line, inserts are continuation lines too (after a blank line "3)" starts a list)', () => {
    const once = insertAll('.\n3) <i>Result</i>\n1) <i>Task</i>');
    assert.match(once, /^\.\n3\) <i>Situation<\/i>\nWhere[^\n]*\n3\) <i>Action<\/i>\nWhat did you do[^\n]*\n3\) <i>Result<\/i>\n1\) <i>Task<\/i>\n/);
  });

  it('inside a raw HTML block that goes on below, inserts keep to single line breaks (a blank line would end the block)', () => {
    // The Result's text "</div" is text in the HTML block, and inline HTML in a paragraph.
    const once = insertAll('<div>\nResult:\n</div\n');
    assert.match(once, /^<div>\nSituation: Where[^\n]*\nTask: [^\n]*\nAction: [^\n]*\nResult:\n<\/div\n/);
    // "+ (T)" is a line of the HTML block after the <summary>; below a blank line it would be a list item of the first story.
    assert.match(applyFix('<summary>A</summary>\n+ (T)', 'STAR004', { forceDraft: true, requiredSections: ['situation', 'task', 'result'] }), /^<summary>A<\/summary>\n<summary>R<\/summary>\nWhat changed/);
    assert.equal(applyFix('<div>\nResult\n</div>\n', 'STAR007'), '<div>\nResult\nWhat changed, in numbers? For example: it went from X to Y in Z weeks.\n</div>\n');
  });

  it('a heading between two parts of one story is a part, not the outline, also once a fix gives the other form three parts', () => {
    const options: AnalyzeOptions = { fileName: 'notes/interview.md' };
    const text = 'Context\n-\nr\nTask\n\nWhat happened\n-\nr\nReflection';
    assert.deepEqual(sectionsOf(analyze(text, options)), [['situation Context: r', 'task Task: ', 'result What happened: r', 'reflection Reflection: ']]);
    // With the Action, the own-line labels name three parts; "What happened" still stands between the Action and the Reflection.
    applyFix(text, 'STAR003', options);
  });

  it('a letter written like the story\'s letters but outside their list is no look-alike, once a fix makes those letters a scheme', () => {
    const options: AnalyzeOptions = { fileName: 'stories/answer.star.md', requiredSections: ['situation', 'result'] };
    // "L:" below the list: with S, A and the inserted R in the list, it was taken for a look-alike and lost.
    applyFix('- S:. A:\nSituation\n\nL:', 'STAR004', options, 0);
  });

  it('the prompt for an empty label that shares its line goes before the next label, not into its part', () => {
    assert.equal(applyFix('- S:. A:\nSituation\n\nL:', 'STAR007', { fileName: 'stories/answer.star.md' }), '- S:. Where and when was this, and what was at stake? A:\nSituation\n\nL:');
  });

  it('a part named again in a list under an empty label is a part of the next story, not the label\'s text, before and after a fix', () => {
    // Under "R:" with no words of its own the list is no SBAR handover: inserting the first story's Action kept "A" its own.
    const text = 'T:\nR:\n- [ ] A\u2014\nResult';
    applyFix(text, 'STAR003', FORCE, 0);
    insertAll('[R]\n1. <mark>n(Situation)</mark>:. <mark>Objective</mark>: I');
    // Under a label with words, the list is still the part's content.
    const sbar = analyze('**Situation:** The night shift.\n\n**Action:** I handed over with SBAR:\n- Situation: bed 4 is septic\n- Background: admitted Monday', FORCE);
    assert.deepEqual(sbar.answers.map((a) => a.sections.map((s) => s.kind)), [['situation', 'action']]);
  });

  it('a placeholder under a label introduces no list, as an empty label and our prompt do, so the fix that writes the prompt over it changes no answer', () => {
    // Seed 20261207 index 6452 of a 100,000-document run: "Fill in" made the list's `<i>Action</i>` a second story, the prompt did not.
    const shape = (text: string): string[][] => analyze(text, FORCE).answers.map((a) => a.sections.map((s) => `${s.kind}@${s.labelRange.start.line}`));
    const text = 'Action\nFill in\n- <i>Action</i>';
    const before = analyze(text, FORCE);
    const fix = before.diagnostics.find((d) => d.ruleId === 'STAR007');
    assert.ok(fix?.data.edit, 'the placeholder has its fix');
    const fixed = applyEdits(text, [fix.data.edit]);
    assert.deepEqual(shape(fixed), shape(text), fixed);
    assert.deepEqual(shape('Action\n- <i>Action</i>'), shape(text), 'an empty label reads the same');
  });

  it('an answer read from prose has its heading\'s title as a labelled one does, so a fix that adds a label keeps it', () => {
    // Without its pandoc attribute "{#}", as the reader titles labelled answers.
    const text = '# Describe{#}\nn_: i I m n y y t. I set p s r t\n- f:\nh l 2% n 3 k w a';
    assert.equal(analyze(text, FORCE).answers[0].title, 'Describe');
    assert.equal(analyze(insertAll(text), FORCE).answers[0].title, 'Describe');
  });

  describe('"Disable … for this line / file"', () => {
    const disable = (text: string, ruleId: string, scope: 'line' | 'file'): { fixed: string; before: AnalyzeResult; after: AnalyzeResult } => {
      const before = analyze(text, FORCE);
      const finding = before.diagnostics.find((d) => d.ruleId === ruleId)!;
      const edit = disableDirectiveEdit(text, new LineIndex(text).lineStart(finding.range.start.line), finding.alias, scope, '\n', finding.ruleId);
      assert.ok(edit, `no "Disable ${finding.alias} for this ${scope}" offered`);
      const fixed = applyEdits(text, [edit]);
      const after = analyze(fixed, FORCE);
      assert.ok(!after.diagnostics.some((d) => d.ruleId === ruleId), `${ruleId} is still reported:\n${fixed}`);
      assert.deepEqual(sectionsOf(after), sectionsOf(before), `the answers change:\n${fixed}`);
      assert.deepEqual(after.answers.map((a) => a.title), before.answers.map((a) => a.title));
      return { fixed, before, after };
    };

    it('for the file, is not offered where an enable directive below turns the rule back on', () => {
      // A disable at the top reaches only down to the enable: the finding under it stays.
      const text = '<!--star-coach-enable-->\n*reflection*';
      const before = analyze(text, FORCE);
      assert.ok(before.diagnostics.length > 0);
      for (const finding of before.diagnostics) {
        const at = new LineIndex(text).lineStart(finding.range.start.line);
        assert.equal(disableDirectiveEdit(text, at, finding.alias, 'file', '\n', finding.ruleId), null, finding.alias);
        assert.ok(disableDirectiveEdit(text, at, finding.alias, 'line', '\n', finding.ruleId));
      }
      // One that turns on another rule, or names the rule by its code, is told apart.
      const other = '<!-- star-coach-enable missing-metrics -->\n\n## Tell me about a time\n\n**Situation:** x\n';
      const finding = analyze(other, FORCE).diagnostics.find((d) => d.alias === 'missing-task')!;
      assert.ok(disableDirectiveEdit(other, 0, finding.alias, 'file', '\n', finding.ruleId));
      assert.equal(disableDirectiveEdit(other.replace('missing-metrics', finding.ruleId), 0, finding.alias, 'file', '\n', finding.ruleId), null);
      disable(other, finding.ruleId, 'file');
    });

    it('on a line inside a raw HTML block, silences the rule around the block (a comment inside it would be its HTML)', () => {
      const text = '1. __Situation:__ Our billing service had no owner.\n\n   <div>\n   Result: inside a div\n   </div>\n\n2. __Task:__ My job was to hand it over.\n';
      const { fixed } = disable(text, 'STAR006', 'line');
      assert.match(fixed, /\n   <!-- star-coach-disable missing-metrics -->\n   <div>\n   Result: inside a div\n   <\/div>\n\n   <!-- star-coach-enable missing-metrics -->\n/, fixed);
    });

    it('around a paragraph whose list item goes on in indented lines, takes them in (a comment at the margin would end the item)', () => {
      // The enable went between `- Action: …` and its `  <div>`, which then left the list item and the answer read differently.
      const text = 'Notes from the mock interview\n- Action: I rewrote the export.\n  <div>Result: the export took 2 minutes, from 20</div>';
      const { fixed } = disable(text, 'STAR001', 'line');
      assert.match(fixed, /<\/div>\n\n {0,2}<!-- star-coach-enable missing-situation -->$/, fixed);
    });

    it('on a line inside a paragraph, silences the rule around the paragraph instead of splitting it', () => {
      // A comment line between the two would make "Q: Describe…" a title of its own.
      const { fixed } = disable('Q: Describe a time you failed\n**Action:** I rewrote the export.', 'STAR001', 'line');
      assert.equal(fixed, '<!-- star-coach-disable missing-situation -->\nQ: Describe a time you failed\n**Action:** I rewrote the export.\n<!-- star-coach-enable missing-situation -->');
    });

    it('around a paragraph, the enable comment goes below a setext underline, which belongs to it', () => {
      const { fixed } = disable('Notes from the call.\nAction\n===\n\nI rewrote the export.', 'STAR001', 'line');
      assert.match(fixed, /\nAction\n===\n<!-- star-coach-enable missing-situation -->\n/);
    });

    it('on a row of a table with lone-CR line endings, silences the rule around the table instead of splitting it', () => {
      // The rows were not found across lone CRs, so the comment went between the delimiter row and the first row.
      const { fixed } = disable('r||\r--|-\r|Action|I \rResult|v', 'STAR001', 'line');
      assert.ok(fixed.startsWith('<!-- star-coach-disable missing-situation -->\nr||\r--|-\r|Action|I \rResult|v\n<!-- star-coach-enable'), JSON.stringify(fixed));
    });

    it('around a paragraph, an image tag on a line of its own is one of the paragraph\'s lines', () => {
      // "<img …>" cannot interrupt a paragraph; the enable comment above it made it an HTML block that swallowed the Reflection.
      const text = '**S**: We were late.\n**T**: Ship it.\n**A**: I cut scope.\n**R**: Wait times went from 616 to 5 minutes.\n<img src="a.png">\n**R**: Next time I would ask for help sooner.';
      const { fixed } = disable(text, 'STAR013', 'line');
      assert.match(fixed, /\n\*\*R\*\*: Next time I would ask for help sooner\.\n<!-- star-coach-enable vague-result -->$/);
    });

    it('for the file, adds the rule to a directive as written, tabs and all', () => {
      const text = '<!--\tstar-coach-disable\tmissing-task -->\n\n**Situation:** Our export failed.\n\n**Action:** I rewrote it.';
      const { fixed } = disable(text, 'STAR004', 'file');
      assert.equal(fixed, text.replace('missing-task', 'missing-task missing-result'));
    });

    it('for the file, above an unclosed "---", which is no front matter: the answers read the same as before', () => {
      // The front matter extension read the list item under an unclosed "---" as a paragraph.
      const { before } = disable('---\n* Task - \nResult', 'STAR005', 'file');
      assert.deepEqual(sectionsOf(before), [['task Task -: ', 'result Result: ']]);
      disable('---\nQuestion)Have you ever\n\nQ:Have you ever?\n- Situation:O', 'STAR002', 'file');
    });

    it('for the file, goes after front matter the parser reads (lone CR too), and above a "..." that closes none', () => {
      const cr = '---\rquestion: x\r---\r\r**Situation:** Our export failed.';
      assert.match(disable(cr, 'STAR002', 'file').fixed, /^---\rquestion: x\r---\r<!-- star-coach-disable missing-task -->/);
      // YAML's "..." does not close front matter for CommonMark: "---" is a thematic break there.
      const dots = '---\ntitle: Influence\n...\n\n**Situation:** Our export failed.';
      assert.match(disable(dots, 'STAR002', 'file').fixed, /^<!-- star-coach-disable missing-task -->\n\n---\n/);
    });
  });

  it('insert-all puts a section at the top of a document after its BOM, not before it', () => {
    // The BOM ended up in front of "RESULT", where it is part of the line and breaks the blank-line layout.
    const once = insertAll('\ufeffRESULT');
    assert.ok(once.startsWith('\ufeffSITUATION\n\n'), JSON.stringify(once));
    assert.match(once, /\n\nRESULT\n\nREFLECTION\n\n/);
  });

  it('a part inserted among bare letters ("- S", its story in nested bullets) is a bare letter item too', () => {
    // The Task went in as "T" and its prompt as paragraphs, outside the list: no label, and the Situation took them in.
    const text = '- S\n  - We were late.\n- A\n  - I cut scope.\n- R\n  - Shipped 2 days early.';
    assert.match(applyFix(text, 'STAR002'), /\n- T\n  - What were you responsible for[^\n]*\n- A\n/);
    assert.match(applyFix(text, 'STAR005'), /\n- R\n  - Shipped 2 days early\.\n- Reflection\n  - What did you learn/);
  });

  it('a part after same-line labels whose section runs on to the next line starts a line of its own', () => {
    // " A: …" after "." on the second line is inside a line no label leads, so it read as the Task's text.
    assert.match(applyFix('S:. T:\n.', 'STAR003'), /^S:\. T:\n\.\nA: What did you do/);
  });

  it('no row is added under a table row whose section takes in text right under the table', () => {
    // "    Act" (code to CommonMark, prose to the reader) is the Result's; a Reflection row above it took it.
    const options: AnalyzeOptions = { fileName: 'stories/answer.star.md' };
    const text = '| Part | Notes |\n| --- | --- |\n| Result | The cuth us. |\n    Act';
    const result = analyze(text, options);
    assert.equal(result.diagnostics.find((d) => d.ruleId === 'STAR005')?.data.edit, null);
    const once = applyEdits(text, insertMissingEdits(text, result));
    assert.match(once, /\| Result \| The cuth us\. \|\n    Act$/);
    assert.deepEqual(analyze(once, options).answers[0].sections.map((s) => s.text).at(-1), 'The cuth us. Act');
    // A line indented four columns is code, not a row, pipes and all: the row goes above it.
    const options2: AnalyzeOptions = { forceDraft: true, requiredSections: ['situation', 'task', 'reflection'] };
    assert.match(applyFix('r||\r--|-\nObjective\r    |', 'STAR005', options2, 1), /\nObjective\r\| Reflection \| [^\r]*\|\r    \|$/);
    // So does a paragraph below the table, after a blank line.
    assert.equal(analyze('t||\n--|-\nResult\n\nc', options).diagnostics.find((d) => d.ruleId === 'STAR005')?.data.edit, null);
  });

  it('a part after prose whose line ends in emphasis that never closed goes after the mark, as a paragraph of its own', () => {
    // Inserted before the "*", the label split the line and joined the prose's paragraph, whose Situation was lost.
    const options: AnalyzeOptions = { fileName: 'stories/answer.star.md' };
    const fixed = applyFix('e me n e a s*\n\nWhat happened', 'STAR002', options);
    assert.match(fixed, /^e me n e a s\*\n\n\*\*Task:\*\* What were you responsible for/);
  });

  it('a part after prose whose last sentence is followed by a symbol (`:)`, `|`) goes after the whole line', () => {
    // Inserted before the symbol, the label split the line: the prose's four inferred parts were lost.
    const story =
      '# Tell me about a time you fixed a slow build\nOur build took 40 minutes at my last job. I had to cut it before the release. ' +
      'I split the test suite and cached the dependencies. The build fell from 40 to 12 minutes in two weeks';
    for (const end of [' :)', '. |']) {
      const fixed = applyFix(story + end, 'STAR005');
      assert.ok(fixed.startsWith(`${story}${end}\n`), fixed);
    }
  });

  it('a Reflection added under a story with one label keeps the parts read from its paragraphs', () => {
    // With a second label, the paragraphs below the first went back to being its text: the fix
    // took away the inferred Task, Action and Result and was held back.
    const story =
      '### Tell me about a time you rescued a late migration.\n\nSituation: Our database move had slipped twice.\n\n' +
      'My job was to get the cutover done before the March close.\n\nI split the migration into five tables and I ran a dry run every night.\n\n' +
      'In the end we cut over two weeks early, with no failed payments.\n';
    for (const fileName of ['prep.md', 'prep.star.md']) {
      const before = analyze(story, { fileName });
      assert.deepEqual(before.answers[0].sections.map((s) => s.kind + (s.inferred ? '~' : '')), ['situation', 'task~', 'action~', 'result~']);
      const fixed = applyFix(story, 'STAR005', { fileName });
      assert.deepEqual(analyze(fixed, { fileName }).answers[0].sections.map((s) => s.kind + (s.inferred ? '~' : '')), ['situation', 'task~', 'action~', 'result~', 'reflection']);
    }
  });

  it('a part inserted after a fence that ends a list item is not indented into code', () => {
    // With the list item's four spaces after the column-0 fence, the Result was read as the Action's text.
    const fixed = applyFix('2. _Task_ I owned the release.\n    _Action_:\n```\nnpm ci\n```', 'STAR004');
    assert.match(fixed, /```\n_Result_: /);
  });

  it('no part is inserted inside a line of prose, where the label would take in the next part\'s sentences', () => {
    // The Task went after "Last spring." on the same paragraph, and the Action's sentence became its text.
    const text = '# Have you ever missed a deadline?\nLast spring. I paired with the new engineer every day\n\n2) <i>Outcome</i>';
    const result = analyze(text, FORCE);
    assert.deepEqual(result.answers[0].sections.map((s) => s.kinds.join('+') + (s.inferred ? '~' : '')), ['situation~', 'action~', 'result']);
    const task = result.diagnostics.find((d) => d.ruleId === 'STAR002');
    assert.ok(task, 'the Task is still reported missing');
    assert.equal(task.data.edit, null);
  });

  describe('the reader keeps an inserted part where the fix put it', () => {
    it('a list naming several parts under a titled story\'s last part is the next story, also after a fix gives the story those parts', () => {
      // With a Task inserted above the Result, "2) __My Task:__" and "3) __Results and impact:__" read as the Result's text.
      const text = '## Give me an example of when you disagreed with your manager.\r\n<div>\r\nResult: inside a div\r\n</div>\r\n\r\n2) __My Task:__ I had to agree a plan with sales.\r\n\r\n3) __Results and impact:__\r\n\r\n';
      const fixed = applyFix(text, 'STAR002', FORCE, 0);
      assert.deepEqual(analyze(fixed, FORCE).answers.map((a) => a.sections.map((s) => s.kind)), [['task', 'result'], ['task', 'result']]);
    });

    it('a list under a combined label that goes on to another part is the next story, also at the part the label names', () => {
      // "- [ ] Task:" under "S/T" went on with the S/T section while the list named two parts, and as its text after a fix split the list.
      const options: AnalyzeOptions = { forceDraft: true, rules: { 'missing-situation': 'information' } };
      const text = '<u>S/T</u>r\n- [ ] Task:s\n- [ ] Outcome:* C';
      assert.deepEqual(sectionsOf(analyze(text, options)), [['situation+task <u>S/T</u>: r'], ['task Task:: s', 'result Outcome:: C']]);
      applyFix(text, 'STAR003', options, 0);
      applyFix(text, 'STAR001', options, 1);
    });

    it('a list under the last part that names several parts is the next story even when its later parts would not open one', () => {
      // With the Action inserted in the story above, the list's S, T and A were all named again there: the list became the Result's text.
      const text = '>> <i>Situation</i>: Our export failed.\n>> <i>Task</i>: TODO\n>> <i>Result</i>: Sign-ups rose 39%.\n\n+ <b>S:</b> Our queue timed out.\n\n+ <b>T:</b> TODO\n\n+ <b>A:</b> I profiled the retry logic.\n\n+ <b>L:</b> Small pilots beat long debates.\n';
      const fixed = applyFix(text, 'STAR003', FORCE, 0);
      assert.deepEqual(analyze(fixed, FORCE).answers.map((a) => a.sections.length), [4, 4]);
    });

    it('a list naming several parts under an untitled story\'s last part is the next story, also when the story above has them all', () => {
      // After insert-all gave the first story every part, "+ S - c" and the parts below it read as the Reflection's text.
      const once = insertAll('# Reflection #\nt\n+ S - c\nA -');
      assert.deepEqual(analyze(once, FORCE).answers.map((a) => a.sections.length), [5, 5], once);
    });

    it('a letter in another form below the story\'s letters, naming a later part, stays a part when insert-all makes those letters a scheme', () => {
      // With *S:*, *A:*, *R:* inserted, "L:" read as a look-alike of the *X:* letters and was dropped.
      const once = insertAll('*T:*\nL:');
      assert.deepEqual(analyze(once, FORCE).answers[0].sections.map((s) => s.labelText), ['*S:*', '*T:*', '*A:*', '*R:*', 'L:']);
    });

    it('a synonym heading above the first part of a story stays its part when insert-all gives the story a scheme', () => {
      // With Action, Result and Reflection written like "Task", "Backdrop" read as the document's outline, a title.
      const options: AnalyzeOptions = { forceDraft: true, synonyms: { situation: ['Backdrop'] } };
      const once = insertAll('Backdrop\n-\nTask', options);
      assert.deepEqual(analyze(once, options).answers.map((a) => [a.title, a.sections[0].labelText]), [[null, 'Backdrop']]);
    });

    it('an empty part named again in a list under the last part is a part still to write, not that part\'s text', () => {
      // After the Action went into the first story, the second story's empty "- [ ] A—" became the Result's text.
      const fixed = applyFix('T:\nR:h\n- [ ] A\u2014\nResult', 'STAR003', FORCE, 0);
      assert.deepEqual(sectionsOf(analyze(fixed, FORCE))[1], ['action A\u2014: ', 'result Result: ']);
      // Our prompt after a leftover "-" is nothing written either.
      const options: AnalyzeOptions = { fileName: 'stories/answer.star.md', requiredSections: ['situation', 'task', 'reflection'] };
      const text = 'action:\nreflection:l\n* **A**ction:-';
      const before = analyze(text, options);
      const prompt = before.diagnostics.find((d) => d.ruleId === 'STAR007' && d.data.answerIndex === 1)!.data.edit!;
      assert.deepEqual(sectionsOf(analyze(applyEdits(text, [prompt]), options)).length, sectionsOf(before).length);
    });

    it('a part inserted with its list bullet inside a raw HTML block is read there, as the block\'s other labels are', () => {
      // CommonMark leaves "- (A)" under "<div>" as text of the HTML block; the reader read it as the Task's text.
      for (const text of ['- (T)\n<div>\nResult', '- <u>T</u>:I \n<div>\nResult:i', '- - T:\n<div>\nResult']) {
        const once = insertAll(text);
        assert.deepEqual(analyze(once, FORCE).answers[0].sections.map((s) => s.kind), ['situation', 'task', 'action', 'result', 'reflection'], once);
      }
    });

    it('a list under an untitled story\'s last part that goes on to an earlier part is the next story, from its first item', () => {
      // The Situation inserted above "+ **T**:" was read as the Outcome's text (a part named again in a list).
      const options: AnalyzeOptions = { fileName: 'notes/interview.md', requiredSections: ['situation', 'result', 'reflection'], rules: { 'missing-reflection': 'off' } };
      const once = insertAll('Situation:\nOutcome:n\n+ **T**:I \n**R**:M', options);
      assert.deepEqual(sectionsOf(analyze(once, options)).at(-1), ['situation **S**:: Where and when was this, and what was at stake?', 'task **T**:: I', 'result **R**:: M']);
    });

    it('a part inserted above a label on the last line of a two-line setext heading stays in that heading\'s text', () => {
      // "Task" and a blank line went between "r" and "Action", so "r" became a paragraph and the Task a story of its own.
      const options: AnalyzeOptions = { fileName: 'stories/answer.star.md' };
      const fixed = applyFix('Impact\n=\nr\nAction\n=\nTakeaway\nContext', 'STAR002', options);
      assert.deepEqual(analyze(fixed, options).answers[0].sections.map((s) => s.kind), ['task', 'action', 'reflection', 'situation']);
      insertAll('Impact\n=\nr\nAction\n=\nTakeaway\nContext', options);
      applyFix('s\n    Reflection\n-', 'STAR002');
    });

    it('"from X to Y in Z" after a code block is kept apart from the label on the next line', () => {
      // "From X to Y in Z." and "Reflection" above "-" made one setext heading, and the Reflection lost its text.
      const text = 'Result\n```\n```\nReflection\n-\n<summary>M</summary>';
      const fixed = applyEdits(text, [analyze(text, FORCE).diagnostics.find((d) => d.ruleId === 'STAR006')!.data.edit!]);
      assert.match(fixed, /```\n\nFrom X to Y in Z\.\n\nReflection\n-/);
      assert.deepEqual(sectionsOf(analyze(fixed, FORCE)), [['result Result: From X to Y in Z.', 'reflection Reflection: M']]);
    });

    it('a part inserted after a story goes above the `<details>` that holds the next story, not inside it', () => {
      // The Action's range took in the "<details>" line, and the Result inserted under it joined the next story.
      const text = '+ *S:* We were late.\n+ *T:* I had to cut the wait.\n+ *A:* I rewrote the retry logic.\n\n<details>\n<summary>Situation</summary>\n\nOur queue had no owner.\n\n</details>\n';
      assert.match(applyFix(text, 'STAR004'), /retry logic\.\n\+ \*R:\* What changed[^\n]*\n\n<details>\n<summary>Situation/);
    });

    it('"from X to Y in Z" inside a raw HTML block that goes on below is one of its lines', () => {
      // A blank line before the sentence ended the "<div" block, and ">Situation/b" became a quote of its own.
      for (const text of ['<div\nResult:v\n<\n>Situation/b', 'A:I\n<div\nResult:n\n<>\n- [ ] R:']) {
        const before = analyze(text, FORCE);
        const fixed = applyEdits(text, [before.diagnostics.find((d) => d.ruleId === 'STAR006')!.data.edit!]);
        assert.doesNotMatch(fixed, /\n\n/, fixed);
        assert.equal(analyze(fixed, FORCE).answers.length, before.answers.length, fixed);
      }
    });

    it('a letter that goes on to a later part ends the story above, even over a story in a scheme\'s form', () => {
      // Once a fix gave the **X:** letters a third part, "L:" read as a look-alike above the <strong> story and was dropped.
      const text = '- **A:** Ia. **R:** .\nL: I wou\n  <strong>Challenge</strong>:\n  <strong>Solution</strong>: I pres.\n  <strong>Outcome (what changed)</strong>: It wor';
      const fixed = applyFix(text, 'STAR001', FORCE, 0);
      assert.deepEqual(analyze(fixed, FORCE).answers[0].sections.map((s) => s.labelText), ['**S:**', '**A:**', '**R:**', 'L:']);
      insertAll(text);
    });

    it('a combined label that names the part above again with an earlier one starts the next story, fixed or not', () => {
      // "Action&Result" under "Result" read as an Action going on with the Result's story, until a fix put a part between them.
      assert.deepEqual(sectionsOf(analyze('Result\nAction&Result\nR:', FORCE)), [['result Result: '], ['action+result Action&Result: ', 'reflection R:: ']]);
      for (const rule of ['STAR001', 'STAR002', 'STAR005']) applyFix('Result\nAction&Result\nR:', rule);
      insertAll('Result\nAction&Result\nR:');
    });
  });
});
