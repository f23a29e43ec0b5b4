import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { BUNDLED_CATEGORIES, BUNDLED_QUESTION_FILES, bundledBank, checkBankData, compileSchema, normalizeQuestionText, type BankQuestion, type JsonSchema } from '../../src/bank';

const BANK_DIR = join(__dirname, '..', '..', 'src', 'bank');
const QUESTIONS_DIR = join(BANK_DIR, 'questions');
const schema = JSON.parse(readFileSync(join(BANK_DIR, 'bank.schema.json'), 'utf8')) as JsonSchema;
const files = readdirSync(QUESTIONS_DIR)
  .filter((name) => name.endsWith('.json'))
  .map((name) => ({ name, data: JSON.parse(readFileSync(join(QUESTIONS_DIR, name), 'utf8')) as { questions: BankQuestion[] } }));
const questions = files.flatMap((file) => file.data.questions);

const REQUIRED_CATEGORIES = [
  'conflict',
  'failure-and-learning',
  'leadership-and-influence',
  'ownership',
  'speed-vs-quality',
  'integrity-and-ethics',
  'ambiguity',
  'customer-focus',
  'prioritization',
  'teamwork',
  'data-driven-decisions',
  'innovation',
  'communication',
];

/** Asserts that each required idea is found (by pattern) in at least one of the texts. */
function assertCovers(texts: string[], required: Record<string, RegExp>, what: string): void {
  for (const [idea, pattern] of Object.entries(required)) {
    assert.ok(texts.some((text) => pattern.test(text)), `${what}: nothing about "${idea}" (${pattern}) in:\n- ${texts.join('\n- ')}`);
  }
}

const keyPointTexts = (question: BankQuestion): string[] => question.keyPoints.map((point) => `${point.title} | ${point.signals.join(', ')}`);

describe('bundled question bank', () => {
  it('validates against bank.schema.json with ajv, file by file', () => {
    const validate = new Ajv({ allErrors: true }).compile(schema);
    for (const file of files) assert.ok(validate(file.data), `${file.name}: ${JSON.stringify(validate.errors, null, 2)}`);
  });

  it('validates with the bundled validator too, so it loads without problems', () => {
    const validate = compileSchema(schema);
    for (const file of files) assert.deepEqual(validate(file.data), [], file.name);
    for (const file of BUNDLED_QUESTION_FILES) assert.deepEqual(checkBankData(file.data, file.name).problems, [], file.name);
    assert.equal(bundledBank().questions.length, questions.length);
  });

  it('bundles every file in src/bank/questions (the extension and CLI import them)', () => {
    assert.deepEqual(BUNDLED_QUESTION_FILES.map((file) => file.name).sort(), files.map((file) => file.name).sort());
  });

  it('has at least 100 questions with unique ids and texts', () => {
    assert.ok(questions.length >= 100, `${questions.length} questions`);
    const ids = questions.map((question) => question.id);
    assert.deepEqual(ids.filter((id, index) => ids.indexOf(id) !== index), [], 'duplicate ids');
    const texts = questions.map((question) => normalizeQuestionText(question.text));
    assert.deepEqual(texts.filter((text, index) => texts.indexOf(text) !== index), [], 'duplicate texts');
  });

  it('has every required category, labelled, with at least 5 questions each', () => {
    const labelled = new Map(BUNDLED_CATEGORIES.map((category) => [category.id, category.label]));
    for (const id of REQUIRED_CATEGORIES) {
      assert.ok(labelled.get(id), `categories.json labels ${id}`);
      const count = questions.filter((question) => question.category === id).length;
      assert.ok(count >= 5, `${id} has ${count} questions`);
    }
  });

  it('files each question under a category that categories.json names, in the file named after it', () => {
    const known = new Set(BUNDLED_CATEGORIES.map((category) => category.id));
    for (const file of files) {
      for (const question of file.data.questions) {
        assert.ok(known.has(question.category), `${question.id}: unknown category ${question.category}`);
        assert.equal(`${question.category}.json`, file.name, question.id);
      }
    }
  });

  it('gives every question every field, value tags included (a model answer is optional)', () => {
    const fields = Object.keys((schema.definitions as Record<string, { properties: object }>).question.properties).filter((field) => field !== 'modelAnswer');
    for (const question of questions) {
      assert.deepEqual(Object.keys(question).filter((field) => field !== 'modelAnswer').sort(), [...fields].sort(), question.id);
      assert.ok(question.values && question.values.length > 0, `${question.id} has value tags`);
    }
  });

  it('writes signals in lower case, as the schema asks, without stray spaces', () => {
    for (const question of questions) {
      for (const signal of question.keyPoints.flatMap((point) => point.signals)) {
        assert.equal(signal, signal.toLowerCase().trim(), `${question.id}: "${signal}"`);
      }
    }
  });

  it('matches BankQuestion field for field with the schema', () => {
    // The record type makes tsc fail when BankQuestion gains or loses a field; the assertion catches the schema side.
    const typed: Record<keyof BankQuestion, true> = {
      id: true,
      text: true,
      category: true,
      competencies: true,
      values: true,
      difficulty: true,
      whyAsked: true,
      keyPoints: true,
      mistakes: true,
      followUps: true,
      targetSeconds: true,
      modelAnswer: true,
    };
    const definitions = schema.definitions as Record<string, { properties: object; required: string[] }>;
    assert.deepEqual(Object.keys(typed).sort(), Object.keys(definitions.question.properties).sort());
    assert.deepEqual([...definitions.question.required].sort(), Object.keys(typed).filter((key) => key !== 'values' && key !== 'modelAnswer').sort());
  });

  describe('the two questions users prepare with', () => {
    it('"drawing the line between shipping fast and quality" has the notes the issue asks for', () => {
      const question = bundledBank().byId('speed-quality-drawing-the-line');
      assert.ok(question, 'speed-quality-drawing-the-line is in the bank');
      assert.equal(question.category, 'speed-vs-quality');
      assert.match(question.whyAsked, /context, not control/i);
      assert.match(question.whyAsked, /without waiting|on their own/i);
      assertCovers(keyPointTexts(question), {
        'triage by user impact and reversibility': /impact[\s\S]*revers|revers[\s\S]*impact/i,
        'feature flags, canary or A/B rollouts and CI/CD as safety nets': /feature flag[\s\S]*canary|canary[\s\S]*feature flag/i,
        'CI/CD': /ci\/cd/i,
        'A/B rollouts': /a\/b/i,
        'quality as failing gracefully and recovering fast, not zero bugs': /graceful[\s\S]*recover|recover[\s\S]*graceful/i,
        'a concrete example with metrics': /metric/i,
        'critical infrastructure (payments, data integrity) versus experiments': /payment[\s\S]*experiment|experiment[\s\S]*payment/i,
      }, question.id);
      assertCovers(question.mistakes, {
        'always putting quality first': /always put quality first/i,
        'skipping tests with no monitoring or rollback plan': /skipping tests[\s\S]*(monitoring|rollback)/i,
        'a generic answer with no engineering practices': /generic[\s\S]*engineering practices/i,
        'process and approvals instead of your own decisions': /approv[\s\S]*decision/i,
      }, question.id);
    });

    it('"balancing integrity against speed under pressure" has the notes the issue asks for', () => {
      const question = bundledBank().byId('integrity-speed-under-pressure');
      assert.ok(question, 'integrity-speed-under-pressure is in the bank');
      assert.equal(question.category, 'integrity-and-ethics');
      assertCovers(keyPointTexts(question), {
        'non-negotiables: security, privacy, safety, compliance, critical reliability': /non-negotiable[\s\S]*security[\s\S]*privacy[\s\S]*safety[\s\S]*compliance[\s\S]*reliability/i,
        'risk as probability × impact against a threshold': /probability[\s\S]*impact[\s\S]*threshold/i,
        'mitigations: flags, canaries, monitoring, rollback, time-boxed plan': /flag[\s\S]*canar[\s\S]*monitoring[\s\S]*rollback[\s\S]*time-box/i,
        'explicit go/no-go criteria': /go\/no-go[\s\S]*criteria/i,
        'which stakeholders were aligned and how': /stakeholder/i,
        'measurable results': /measurable/i,
        'reflection on prevention: CI checks, definition of done, playbooks': /prevent[\s\S]*ci check[\s\S]*definition of done[\s\S]*playbook/i,
      }, question.id);
      assertCovers(question.mistakes, {
        'vague risk talk with no criteria': /vague[\s\S]*criteria/i,
        'binary ship-or-block thinking': /ship or block|ship-or-block|binary/i,
        'no owner or timebox for mitigations': /no owner[\s\S]*timebox|no timebox[\s\S]*owner/i,
        'an undocumented decision': /undocumented/i,
      }, question.id);
      assertCovers(question.followUps, {
        'who the stakeholders were': /stakeholders/i,
        'how the risks were communicated or pushed back on': /communicat[\s\S]*risk|push(ed)? back/i,
        'the measurable outcome': /measurable outcome/i,
        'what they would do differently': /differently/i,
      }, question.id);
    });
  });
});
