import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../src/engine';
import { RULES } from '../../src/rules';
import { version } from '../../package.json';

const ROOT = join(__dirname, '..', '..');

/** The fenced example under a `## heading` of a docs page. */
function example(page: string, heading: string): string {
  const fence = '`'.repeat(3);
  const code = new RegExp(`^## ${heading}\\n[^\`]*${fence}markdown\\n([\\s\\S]*?)${fence}`, 'm').exec(page);
  assert.ok(code, `docs page has a "${heading}" example`);
  return code[1];
}

describe('rules', () => {
  it('have unique, stable codes and aliases', () => {
    assert.deepEqual(
      RULES.map((rule) => `${rule.id} ${rule.alias}`),
      ['STAR001 missing-situation', 'STAR002 missing-task', 'STAR003 missing-action', 'STAR004 missing-result', 'STAR005 missing-reflection', 'STAR006 missing-metrics', 'STAR007 empty-section', 'STAR008 key-points-coverage', 'STAR009 ownership', 'STAR010 hypothetical-action', 'STAR011 section-balance', 'STAR012 answer-length', 'STAR013 vague-result', 'STAR014 hedging', 'STAR015 risk-arithmetic', 'STAR016 no-star-parts'],
    );
  });

  it('default to warning, information for the reflection, key-points coverage and coaching rules, and hint for the two that would crowd a draft (a wrong sum stays a warning)', () => {
    assert.deepEqual(
      RULES.filter((rule) => rule.defaultSeverity !== 'warning').map((rule) => [rule.alias, rule.defaultSeverity]),
      [
        ['missing-reflection', 'information'],
        ['key-points-coverage', 'information'],
        ['ownership', 'information'],
        ['hypothetical-action', 'information'],
        ['section-balance', 'information'],
        ['answer-length', 'hint'],
        ['vague-result', 'information'],
        ['hedging', 'hint'],
        ['no-star-parts', 'information'],
      ],
    );
  });

  for (const rule of RULES) {
    describe(`${rule.id} ${rule.alias}`, () => {
      const docs = join(ROOT, 'docs', 'rules', `${rule.alias}.md`);

      it('has a docs page titled with its code and alias', () => {
        assert.ok(existsSync(docs), docs);
        assert.match(readFileSync(docs, 'utf8'), new RegExp(`^# ${rule.id} \`${rule.alias}\``));
      });

      it('flags the docs page\'s "Flagged" example, with ruleId, alias and a versioned docs URL', () => {
        const result = analyze(example(readFileSync(docs, 'utf8'), 'Flagged'), { fileName: 'example.md' });
        const found = result.diagnostics.filter((d) => d.ruleId === rule.id);
        assert.ok(found.length > 0, `expected ${rule.id}`);
        for (const d of found) {
          assert.equal(d.alias, rule.alias);
          assert.equal(d.severity, rule.defaultSeverity);
          assert.ok(d.url.endsWith(`/blob/v${version}/docs/rules/${rule.alias}.md`), d.url);
          assert.ok(d.message.length > 40, 'the message coaches');
        }
      });

      it('stays quiet on the "Not flagged" example', () => {
        const result = analyze(example(readFileSync(docs, 'utf8'), 'Not flagged'), { fileName: 'example.md' });
        assert.deepEqual(result.diagnostics.filter((d) => d.ruleId === rule.id), []);
      });

      it('is silenced by its severity setting, by code or alias', () => {
        const text = example(readFileSync(docs, 'utf8'), 'Flagged');
        for (const key of [rule.id, rule.alias]) {
          const result = analyze(text, { fileName: 'example.md', rules: { [key]: 'off' } });
          assert.deepEqual(result.diagnostics.filter((d) => d.ruleId === rule.id), []);
        }
        const raised = analyze(text, { fileName: 'example.md', rules: { [rule.alias]: 'error' } });
        assert.ok(raised.diagnostics.some((d) => d.ruleId === rule.id && d.severity === 'error'));
      });
    });
  }
});
