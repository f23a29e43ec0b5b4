import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { compileSchema, formatPath, type JsonSchema, type SchemaError } from '../../src/bank';

const schema = JSON.parse(readFileSync(join(__dirname, '..', '..', 'src', 'bank', 'bank.schema.json'), 'utf8')) as JsonSchema;

/** A question that passes the schema; the broken files below change one thing each. */
function goodQuestion(id = 'good-question'): Record<string, unknown> {
  return {
    id,
    text: 'Tell me about a time you changed your mind after seeing data.',
    category: 'data-driven-decisions',
    competencies: ['judgment'],
    values: ['dive-deep'],
    difficulty: 'medium',
    whyAsked: 'Interviewers want to see that evidence, not rank or habit, settles the arguments you take part in.',
    keyPoints: [
      { title: 'Named the belief', signals: ['i believed', 'assumed'] },
      { title: 'Found the data', signals: ['dashboard', 'query'] },
      { title: 'Changed course', signals: ['changed', 'reversed'] },
    ],
    mistakes: ['Telling a story where the data proved you right all along.', 'No numbers at all.'],
    followUps: ['What would have changed your mind sooner?', 'Who disagreed with the data?'],
    targetSeconds: 120,
  };
}

const withQuestion = (change: (question: Record<string, unknown>) => void): unknown => {
  const question = goodQuestion();
  change(question);
  return { questions: [goodQuestion('first'), question] };
};

/** Deliberately broken bank files, each with the problem it should be reported for. */
const BROKEN: Record<string, unknown> = {
  'an array instead of an object': [goodQuestion()],
  'a string': 'questions',
  'no questions': {},
  'questions is an object': { questions: { a: goodQuestion() } },
  'an unknown top-level property': { questions: [goodQuestion()], categories: [] },
  'a question that is a string': { questions: ['Tell me about a time…'] },
  'an id that is not kebab-case': withQuestion((q) => (q.id = 'Not Kebab')),
  'an id that is too long': withQuestion((q) => (q.id = 'a'.repeat(81))),
  'a text that is too short': withQuestion((q) => (q.text = 'Why?')),
  'a text that is too long': withQuestion((q) => (q.text = 'x'.repeat(301))),
  'a missing whyAsked': withQuestion((q) => delete q.whyAsked),
  'several missing fields': withQuestion((q) => {
    delete q.mistakes;
    delete q.followUps;
    delete q.targetSeconds;
  }),
  'an unknown question property': withQuestion((q) => (q.answer = 'I did it all')),
  'a difficulty outside the enum': withQuestion((q) => (q.difficulty = 'impossible')),
  'two key points only': withQuestion((q) => (q.keyPoints = (q.keyPoints as unknown[]).slice(0, 2))),
  'a key point without signals': withQuestion((q) => delete (q.keyPoints as Array<Record<string, unknown>>)[1].signals),
  'a repeated signal': withQuestion((q) => ((q.keyPoints as Array<Record<string, unknown>>)[0].signals = ['flag', 'flag'])),
  'a one-letter signal': withQuestion((q) => ((q.keyPoints as Array<Record<string, unknown>>)[2].signals = ['x', 'changed'])),
  'an empty competencies list': withQuestion((q) => (q.competencies = [])),
  'repeated competencies': withQuestion((q) => (q.competencies = ['judgment', 'judgment'])),
  'values that are a string': withQuestion((q) => (q.values = 'ownership')),
  'a mistake that is a number': withQuestion((q) => (q.mistakes = [42, 'A mistake written out in full.'])),
  'a fractional targetSeconds': withQuestion((q) => (q.targetSeconds = 90.5)),
  'a targetSeconds below the minimum': withQuestion((q) => (q.targetSeconds = 10)),
  'a targetSeconds above the maximum': withQuestion((q) => (q.targetSeconds = 900)),
  'a targetSeconds that is a string': withQuestion((q) => (q.targetSeconds = '120')),
  'null where an object belongs': { questions: [null] },
  'many problems at once': withQuestion((q) => {
    q.id = 'UPPER';
    q.difficulty = 3;
    q.keyPoints = [];
    q.followUps = ['short'];
  }),
};

const ajvValidate = new Ajv({ allErrors: true, strict: false }).compile(schema);
const ours = compileSchema(schema);

/** Each failed keyword as `<JSON pointer> <keyword>`, in the shape both validators share. */
function ajvFindings(data: unknown): string[] {
  ajvValidate(data);
  return (ajvValidate.errors ?? []).map((error) => `${error.instancePath} ${error.keyword}`).sort();
}

function ourFindings(errors: SchemaError[]): string[] {
  return errors.map((error) => `${error.path.map((part) => `/${part}`).join('')} ${error.keyword}`).sort();
}

describe('bank schema validator', () => {
  it('accepts a good file, as ajv does', () => {
    const good = { $schema: './bank.schema.json', questions: [goodQuestion()] };
    assert.equal(ajvValidate(good), true);
    assert.deepEqual(ours(good), []);
  });

  for (const [name, data] of Object.entries(BROKEN)) {
    it(`agrees with ajv on a file with ${name}`, () => {
      const expected = ajvFindings(data);
      assert.ok(expected.length > 0, 'ajv rejects it');
      assert.deepEqual(ourFindings(ours(data)), expected);
    });
  }

  it('words its messages with the JSON path and what is wrong', () => {
    const data = withQuestion((q) => {
      q.keyPoints = [{ title: 'Only one', signals: ['one', 'two'] }];
      q.difficulty = 'impossible';
      delete q.whyAsked;
      q.extra = true;
    });
    const messages = ours(data).map((error) => `${formatPath(error.path)}: ${error.message}`);
    assert.deepEqual(messages.sort(), [
      'questions[1].difficulty: must be one of "easy", "medium", "hard", not "impossible"',
      'questions[1].keyPoints: must have at least 3 items (it has 1)',
      'questions[1]: has an unknown property "extra"; allowed: id, text, category, competencies, values, difficulty, whyAsked, keyPoints, mistakes, followUps, targetSeconds, modelAnswer',
      'questions[1]: missing required property "whyAsked"',
    ]);
  });

  it('formats paths with indexes and quotes keys that are not identifiers', () => {
    assert.equal(formatPath([]), '');
    assert.equal(formatPath(['questions', 3, 'keyPoints', 0, 'signals']), 'questions[3].keyPoints[0].signals');
    assert.equal(formatPath(['odd key', 1]), '["odd key"][1]');
  });

  it('refuses a schema that uses a keyword it does not implement, rather than ignoring it', () => {
    assert.throws(() => compileSchema({ type: 'string', format: 'email' }), /unsupported JSON Schema keyword "format"/);
    assert.throws(() => compileSchema({ properties: { a: { oneOf: [] } } }), /#\/properties\/a: unsupported JSON Schema keyword "oneOf"/);
    assert.throws(() => compileSchema({ $ref: 'other.json#/x' }), /unsupported or unresolved \$ref/);
    assert.throws(() => compileSchema({ items: [{ type: 'string' }] }), /tuple "items"/);
  });

  it('checks own properties only, so "constructor" or "toString" keys are not mistaken for known ones', () => {
    const validate = compileSchema({ type: 'object', required: ['toString'], properties: { a: { type: 'string' } }, additionalProperties: false });
    assert.deepEqual(
      validate(JSON.parse('{"constructor": 1}')).map((error) => error.keyword).sort(),
      ['additionalProperties', 'required'],
    );
  });

  it('counts string length in code points, as JSON Schema does', () => {
    const validate = compileSchema({ type: 'string', minLength: 2, maxLength: 2 });
    assert.deepEqual(validate('😀😀'), []);
    assert.equal(validate('😀')[0].keyword, 'minLength');
  });
});
