import assert from 'node:assert/strict';
// @ts-expect-error: a plain ES module script with no type declarations
import { closingSummary, counts } from '../../scripts/test.mjs';

describe('npm test: the closing line', () => {
  it('adds up mocha summaries, with or without colours, and the web suites\' own lines', () => {
    const output = [
      '  \u001b[92m 739 passing\u001b[0m (2m)',
      '  3 pending',
      'web worker suite: 400 KiB bundle',
      '103 passing, 0 failing (12.0 s)',
      '[web e2e] passed in 142.4 s',
      '  19 passing (2m)',
      '  2 failing',
    ].join('\n');
    assert.deepEqual(counts(output), { passed: 739 + 103 + 1 + 19, failed: 2, skipped: 3 });
  });

  it('does not count test titles that mention passing', () => {
    assert.deepEqual(counts('    ✔ 3 passing cases stay quiet\n  shows 2 failing rules'), { passed: 0, failed: 0, skipped: 0 });
  });

  it('repeats the totals as a Jest "Tests:" line and TAP closing comments', () => {
    assert.equal(
      closingSummary({ passed: 980, failed: 2, skipped: 1 }),
      'Tests:       2 failed, 1 skipped, 980 passed, 983 total\n# tests 983\n# pass 980\n# fail 2\n# skip 1',
    );
    assert.match(closingSummary({ passed: 5, failed: 0, skipped: 0 }), /^Tests: {7}5 passed, 5 total\n/);
  });
});
