import { strict as assert } from 'node:assert';
import { analyze } from '../../src/engine';
import { copyFixData, fixData, shiftEdit } from '../../src/core/lazy-edit';
import type { TextEdit } from '../../src/core/types';

describe('fix edits worked out when first read', () => {
  const fields = { answerIndex: 0, sections: ['task' as const], style: null };
  const counted = (): { compute: () => TextEdit; calls: () => number } => {
    let calls = 0;
    return { compute: () => (calls++, { offset: 10, length: 0, text: 'x', placeholders: [] }), calls: () => calls };
  };

  it('works the edit out once, on the first read, and then it is plain data', () => {
    const { compute, calls } = counted();
    const data = fixData(fields, compute);
    assert.equal(calls(), 0);
    assert.equal(data.edit?.offset, 10);
    assert.equal(data.edit?.offset, 10);
    assert.equal(calls(), 1);
    assert.deepEqual(Object.getOwnPropertyDescriptor(data, 'edit')?.value, { offset: 10, length: 0, text: 'x', placeholders: [] });
  });

  it('spreading, JSON and structured cloning see the edit', () => {
    assert.equal({ ...fixData(fields, counted().compute) }.edit?.offset, 10);
    assert.match(JSON.stringify(fixData(fields, counted().compute)), /"offset":10/);
    assert.equal(structuredClone(fixData(fields, counted().compute)).edit?.offset, 10);
  });

  it('moves an edit not yet worked out, and copies keep their own moves', () => {
    const { compute, calls } = counted();
    const data = fixData(fields, compute);
    shiftEdit(data, 5);
    const copy = copyFixData(data, { answerIndex: 3 }, 100);
    shiftEdit(data, 1);
    assert.equal(calls(), 0);
    assert.equal(copy.answerIndex, 3);
    assert.equal(copy.edit?.offset, 115);
    assert.equal(data.edit?.offset, 16);
    // A settled edit moves as plain data.
    shiftEdit(data, 4);
    assert.equal(data.edit?.offset, 20);
    assert.equal(copyFixData(data, {}, 1).edit?.offset, 21);
  });

  it('a null edit stays null', () => {
    const data = fixData(fields, () => null);
    shiftEdit(data, 3);
    assert.equal(data.edit, null);
    assert.equal(fixData(fields, null).edit, null);
  });

  it('analyze(): a BOM moves every missing-part fix by one, as if it were worked out at once', () => {
    const text = '## Q\n\n**Situation:** We had a queue.\n\n**Result:** It fell 20%.\n';
    const plain = analyze(text, { forceDraft: true });
    const withBom = analyze(`\ufeff${text}`, { forceDraft: true });
    const edits = (r: typeof plain) => r.diagnostics.filter((d) => d.data.edit).map((d) => [d.ruleId, d.data.edit!.offset]);
    assert.ok(edits(plain).length >= 2);
    assert.deepEqual(edits(withBom), edits(plain).map(([rule, offset]) => [rule, (offset as number) + 1]));
  });
});
