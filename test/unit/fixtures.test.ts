import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../src/core';
import { summarize } from './fixture-summary';

const FIXTURES = join(__dirname, '..', 'fixtures');
// Set UPDATE_FIXTURES=1 to rewrite the .expected files, then review the diff by eye.
const update = process.env.UPDATE_FIXTURES === '1';

for (const group of ['labels', 'suppressions', 'not-drafts']) {
  describe(`fixtures: ${group}`, () => {
    for (const name of readdirSync(join(FIXTURES, group)).filter((f) => f.endsWith('.md'))) {
      it(name, () => {
        const path = join(FIXTURES, group, name);
        const actual = summarize(analyze(readFileSync(path, 'utf8'), { fileName: name }));
        const expectedPath = path.replace(/\.md$/, '.expected');
        if (update || !existsSync(expectedPath)) writeFileSync(expectedPath, actual);
        assert.equal(actual, readFileSync(expectedPath, 'utf8'));
      });
    }
  });
}
