import { strict as assert } from 'node:assert';
import { analyze, applyEdits, detectEol, disableDirectiveEdit, LineIndex } from '../../src/engine';

const draft = { fileName: 'draft.star.md' };
const story = '# Tell me about a time you failed\n\n**Situation:** We were late.\n\n**Action:** I cut scope.\n';

describe('bad input: the core reads it and points into the text as given', () => {
  it('a #tag over a --- or === line (a setext heading that starts with #) does not throw', () => {
    for (const text of ['#t\n-', '#interview\n---\n', '#t\n===\n', '#interview\n---\n\n**Situation:** x\n\n**Task:** y\n']) {
      assert.doesNotThrow(() => analyze(text, draft), JSON.stringify(text));
      assert.doesNotThrow(() => analyze(text), JSON.stringify(text));
    }
  });

  it('thousands of nested list markers or quote levels do not overflow the stack', function () {
    // About 8 s, nearly all of it inside the markdown parser (it is quadratic in nesting depth);
    // a loaded machine can double that, so this test gets more than the default 20 s.
    this.timeout(60_000);
    for (const text of ['- '.repeat(3000) + 'Situation: x', '> '.repeat(5000) + 'x', '1. '.repeat(3000) + '**Result:** 5%']) {
      assert.doesNotThrow(() => analyze(text, draft));
    }
  });

  it('a leading byte-order mark shifts nothing: ranges and edits point at the same characters', () => {
    const plain = analyze(story, draft);
    const bom = analyze('\uFEFF' + story, draft);
    assert.deepEqual(
      bom.diagnostics.map((d) => [d.ruleId, d.range.start.line, d.range.start.column - (d.range.start.line === 1 ? 1 : 0), d.range.start.offset - 1]),
      plain.diagnostics.map((d) => [d.ruleId, d.range.start.line, d.range.start.column, d.range.start.offset]),
    );
    const label = bom.answers[0].sections[0].labelRange;
    assert.equal(('\uFEFF' + story).slice(label.start.offset, label.end.offset), '**Situation:**');
    for (const d of bom.diagnostics) {
      const fixed = applyEdits('\uFEFF' + story, [d.data.edit!]);
      assert.equal(fixed.slice(1), applyEdits(story, [plain.diagnostics.find((p) => p.ruleId === d.ruleId)!.data.edit!]), d.ruleId);
    }
  });

  it('lone-CR line endings are line endings: labels, lines and inserted text as with LF', () => {
    const cr = story.replace(/\n/g, '\r');
    const result = analyze(cr, draft);
    const lf = analyze(story, draft);
    assert.equal(detectEol(cr), '\r');
    assert.deepEqual(result.answers[0].sections.map((s) => [s.kind, s.labelRange.start.line, s.style.kind === 'inline' ? s.style.prefix : '']), [
      ['situation', 3, ''],
      ['action', 5, ''],
    ]);
    assert.deepEqual(result.diagnostics.map((d) => [d.ruleId, d.range.start.line]), lf.diagnostics.map((d) => [d.ruleId, d.range.start.line]));
    const task = result.diagnostics.find((d) => d.ruleId === 'STAR002')!.data.edit!;
    assert.ok(!task.text.includes('\n'), JSON.stringify(task.text));
  });
});

describe('edits on odd line endings, BOMs and HTML blocks land where they say', () => {
  it('sentences end at a blank line and a new list item whatever the line endings (findings quote the same text)', () => {
    const draft = '## Tell me about a time\n\nAction: Our team shipped it. We fixed 1\n\nOur release went out.\n- We paged Dana\n\nResult: errors fell 40%.\n';
    const messages = (eol: string): string[] => analyze(draft.replace(/\n/g, eol), { forceDraft: true }).diagnostics.map((d) => d.message);
    const lf = messages('\n');
    assert.ok(lf.some((m) => m.includes('"Our release went out."')), lf.join('\n'));
    assert.deepEqual(messages('\r\n'), lf);
    assert.deepEqual(messages('\r'), lf);
  });

  it('LineIndex treats a lone CR as a line ending, and CR CR as two', () => {
    const lines = new LineIndex('a\r\rb\r\nc\nd');
    assert.equal(lines.lineCount, 5);
    assert.deepEqual([1, 2, 3, 4, 5].map((n) => [lines.lineStart(n), lines.lineEnd(n)]), [[0, 1], [2, 2], [3, 4], [6, 7], [8, 9]]);
  });

  it('"Disable … for this line / file" goes after a byte-order mark, never before it', () => {
    const text = '\uFEFF# Tell me about a time\n\n**Situation:** x\n';
    for (const scope of ['line', 'file'] as const) {
      const edit = disableDirectiveEdit(text, 0, 'missing-task', scope, '\n');
      assert.ok(edit && edit.offset >= 1, scope);
      assert.equal(applyEdits(text, [edit]).charCodeAt(0), 0xfeff);
    }
  });

  it('a directive inside a <details> or <aside> block silences the line below it', () => {
    const text = '<aside>\n<!-- star-coach-disable-next-line missing-task -->\n**Situation:** We were late.\n**Action:** I cut scope.\n</aside>\n';
    const found = analyze(text, { fileName: 'draft.star.md' }).diagnostics.map((d) => d.alias);
    assert.ok(!found.includes('missing-task'), found.join(', '));
  });
});
