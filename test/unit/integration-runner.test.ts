import { strict as assert } from 'node:assert';
import { run } from '../integration/index';

describe('the integration runner', () => {
  // Run from the sources, test/integration holds only *.test.ts: the runner looks for built *.test.js.
  it('fails when it finds no test file, instead of passing with nothing run', async () => {
    await assert.rejects(run(), /no integration test files \(\*\.test\.js\)/);
  });
});
