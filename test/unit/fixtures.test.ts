import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { analyze } from '../../src/engine';
import { COACHING_RULES } from '../../src/rules';
import { summarize } from './fixture-summary';

// These fixtures are about reading labels and directives; the coaching rules have tests of their own.
const STRUCTURE_ONLY = Object.fromEntries(COACHING_RULES.map((rule) => [rule.alias, 'off' as const]));

const FIXTURES = join(__dirname, '..', 'fixtures');
// Set UPDATE_FIXTURES=1 to write or rewrite the .expected files, then review every changed line by hand.
const update = process.env.UPDATE_FIXTURES === '1';

for (const group of ['labels', 'suppressions', 'not-drafts']) {
  describe(`fixtures: ${group}`, () => {
    for (const name of readdirSync(join(FIXTURES, group)).filter((f) => f.endsWith('.md'))) {
      it(name, () => {
        const path = join(FIXTURES, group, name);
        const text = readFileSync(path, 'utf8');
        const actual = summarize(analyze(text, { fileName: name, rules: STRUCTURE_ONLY }), text);
        const expectedPath = path.replace(/\.md$/, '.expected');
        if (update) writeFileSync(expectedPath, actual);
        // A missing expectation is a failure, never a free pass: otherwise a new fixture
        // would record whatever the code does today and check nothing.
        if (!existsSync(expectedPath)) {
          assert.fail(
            `${relative(process.cwd(), expectedPath)} is missing. Create it with UPDATE_FIXTURES=1 npx mocha test/unit/fixtures.test.ts, ` +
              'then review it by hand before committing: it records what the code does now, not what it should do.',
          );
        }
        assert.equal(actual, readFileSync(expectedPath, 'utf8'));
      });
    }
  });
}
