import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import Ajv from 'ajv';
import { generatedSchemas, BANK_SCHEMA_FILE, RC_SCHEMA_FILE } from '../../scripts/gen-schemas';
import { validateOptions } from '../../src/engine/options';
import { RULES } from '../../src/rules';

const ROOT = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

function validator(file: string): (value: unknown) => boolean {
  const ajv = new Ajv({ allErrors: true, strict: false });
  return ajv.compile(JSON.parse(readFileSync(file, 'utf8')));
}

describe('JSON schemas for config files', () => {
  for (const { file, text } of generatedSchemas()) {
    it(`${relative(ROOT, file)} is up to date (run npm run gen:schemas if this fails)`, () => {
      assert.ok(existsSync(file), `${file} is missing`);
      assert.equal(readFileSync(file, 'utf8'), text);
    });
  }

  it('are contributed through jsonValidation for .starcoachrc.json and .star-coach/questions.json', () => {
    const entries: Array<{ fileMatch: string | string[]; url: string }> = manifest.contributes.jsonValidation;
    const urlFor = (name: string): string | undefined => entries.find((e) => [e.fileMatch].flat().includes(name))?.url;
    assert.equal(urlFor('.starcoachrc.json'), './schemas/starcoachrc.schema.json');
    assert.equal(urlFor('**/.star-coach/questions.json'), './schemas/questions.schema.json');
    for (const { url } of entries) assert.ok(existsSync(join(ROOT, url)), url);
  });

  describe('.starcoachrc.json schema', () => {
    const valid = validator(RC_SCHEMA_FILE);
    // Each case: what the options validator says, and the schema must say the same.
    const cases: Array<[string, unknown]> = [
      ['empty', {}],
      ['a rule by alias', { rules: { 'missing-reflection': 'off' } }],
      ['a rule by code', { rules: { STAR006: 'error' } }],
      ['required sections', { requiredSections: ['situation', 'task', 'action', 'result'] }],
      ['synonyms', { synonyms: { result: ['Payoff', 'Impact'] } }],
      ['an unknown key', { rulez: {} }],
      ['an unknown rule', { rules: { 'missing-conclusion': 'off' } }],
      ['a bad severity', { rules: { 'missing-result': 'warn' } }],
      ['a bad section', { requiredSections: ['situation', 'outcome'] }],
      ['synonyms for an unknown part', { synonyms: { outcome: ['Payoff'] } }],
      ['synonyms that are not a list', { synonyms: { result: 'Payoff' } }],
      ['an empty synonym', { synonyms: { result: ['  '] } }],
      ['rules as a list', { rules: ['missing-result'] }],
      ['not an object', ['rules']],
    ];
    for (const [name, config] of cases) {
      it(`agrees with the options validator on ${name}`, () => {
        const accepted = validateOptions(config, 'test').problems.length === 0;
        assert.equal(valid(config), accepted);
      });
    }

    it('has a property for every key the options validator accepts', () => {
      // The validator names its keys in the message for an unknown one.
      const [problem] = validateOptions({ 'no-such-key': true }, 'test').problems;
      const known = /expected one of (.+)$/.exec(problem)?.[1].split(/,\s*/) ?? [];
      assert.ok(known.length >= 3, problem);
      const properties = Object.keys(JSON.parse(readFileSync(RC_SCHEMA_FILE, 'utf8')).properties);
      for (const key of known) assert.ok(properties.includes(key), `${key} is missing from the schema (scripts/gen-schemas.ts)`);
    });

    it('knows every rule by alias and code', () => {
      const rules = JSON.parse(readFileSync(RC_SCHEMA_FILE, 'utf8')).properties.rules.properties;
      assert.deepEqual(Object.keys(rules).sort(), RULES.flatMap((rule) => [rule.alias, rule.id]).sort());
    });

    it('accepts extends as a preset, a relative path or a list of them, and nothing else', () => {
      assert.ok(valid({ extends: 'car' }));
      assert.ok(valid({ extends: './base.starcoachrc.json' }));
      assert.ok(valid({ extends: ['star', '../team.json'] }));
      assert.ok(!valid({ extends: 'no-such-preset' }));
      assert.ok(!valid({ extends: [] }));
      assert.ok(!valid({ extends: 3 }));
    });
  });

  describe('question bank schema', () => {
    const valid = validator(BANK_SCHEMA_FILE);

    it('accepts the bundled bank and rejects a question without key points', () => {
      const folder = join(ROOT, 'src', 'bank', 'questions');
      const files = readdirSync(folder).filter((f) => f.endsWith('.json'));
      assert.ok(files.length > 0);
      for (const file of files) assert.ok(valid(JSON.parse(readFileSync(join(folder, file), 'utf8'))), file);
      const bank = JSON.parse(readFileSync(join(folder, files[0]), 'utf8'));
      const broken = structuredClone(bank);
      delete broken.questions[0].keyPoints;
      assert.ok(!valid(broken));
    });
  });
});
