import { strict as assert } from 'node:assert';
import { COACHING_RULES } from '../../src/rules';
import { analyze, answerReadiness, documentReadiness, draftSkeleton, requiredParts, SECTION_PLACEHOLDERS, type AnalyzeOptions, type Readiness } from '../../src/engine';
import { formatSummary } from '../../src/cli/format';
import { answerDetail, lensTitle, nextStep, readinessCount, readinessLines, sectionDetail } from '../../src/vscode/summaries';

const SAR = ['situation', 'action', 'result'] as const;

/** Analyzes a draft and returns its analysis with each answer's readiness under the same options. */
// Readiness is about the STAR parts; the coaching rules (which have tests of their own) are off here.
const STRUCTURE_ONLY = Object.fromEntries(COACHING_RULES.map((rule) => [rule.alias, 'off' as const]));

function readinessOf(text: string, options: AnalyzeOptions = {}): { readiness: Readiness[]; result: ReturnType<typeof analyze> } {
  const result = analyze(text, { fileName: 'a.star.md', ...options, rules: { ...STRUCTURE_ONLY, ...options.rules } });
  return { result, readiness: documentReadiness(result, options) };
}

const states = (readiness: Readiness): string[] => readiness.parts.map((part) => `${part.kind}:${part.state}`);

const SAR_ANSWER = [
  '## Tell me about a time you cut costs',
  '',
  '**Situation:** Our cloud bill doubled in a year.',
  '',
  '**Action:** I tagged every resource and shut down idle test clusters.',
  '',
  '**Result:** The bill fell 38% in two months.',
  '',
].join('\n');

const EMPTY_REFLECTION = [
  '## Tell me about a time you cut costs',
  '',
  '**Situation:** Our cloud bill doubled in a year.',
  '',
  '**Task:** I owned the budget.',
  '',
  '**Action:** I tagged every resource and shut down idle test clusters.',
  '',
  '**Result:** The bill fell 38% in two months.',
  '',
  '**Reflection:**',
  '',
].join('\n');

describe('readiness: what each part of an answer is, under the options in force', () => {
  it('all five required by default: missing Task and Reflection are missing and required', () => {
    const { readiness } = readinessOf(SAR_ANSWER);
    assert.deepEqual(states(readiness[0]), ['situation:written', 'task:missing-required', 'action:written', 'result:written', 'reflection:missing-required']);
    assert.equal(readiness[0].requiredWritten, 3);
    assert.equal(readiness[0].requiredTotal, 5);
    assert.equal(readiness[0].ready, false);
    assert.deepEqual(readiness[0].missingRequired, ['task', 'reflection']);
  });

  it('only S/A/R required: the same answer is ready, Task and Reflection are optional', () => {
    const options = { requiredSections: [...SAR] };
    const { readiness, result } = readinessOf(SAR_ANSWER, options);
    assert.deepEqual(states(readiness[0]), ['situation:written', 'task:missing-optional', 'action:written', 'result:written', 'reflection:missing-optional']);
    assert.equal(readiness[0].ready, true);
    assert.equal(readinessCount(readiness[0]), 'STAR 3/3');
    // The Problems panel agrees: nothing reported.
    assert.deepEqual(result.diagnostics, []);
  });

  it('a label with nothing under it is empty, not written, and the answer is not ready', () => {
    const { readiness, result } = readinessOf(EMPTY_REFLECTION);
    const reflection = readiness[0].parts[4];
    assert.equal(reflection.state, 'empty');
    assert.equal(reflection.required, true);
    assert.ok(reflection.section);
    assert.equal(readiness[0].requiredWritten, 4);
    assert.equal(readiness[0].ready, false);
    assert.deepEqual(readiness[0].empty, ['reflection']);
    // Problems reports the same part.
    assert.deepEqual(result.diagnostics.map((d) => d.ruleId), ['STAR007']);
  });

  it('a part whose missing-part rule is off is not required', () => {
    const options: AnalyzeOptions = { rules: { 'missing-reflection': 'off', STAR002: 'off' } };
    assert.deepEqual(requiredParts(options), ['situation', 'action', 'result']);
    const { readiness, result } = readinessOf(SAR_ANSWER, options);
    assert.deepEqual(readiness[0].missingOptional, ['task', 'reflection']);
    assert.equal(readiness[0].ready, true);
    assert.deepEqual(result.diagnostics, []);
  });

  it('a missing part whose finding a comment silences is optional for that answer only', () => {
    const text = `<!-- star-coach-disable-next-line missing-task -->\n${SAR_ANSWER}\n${SAR_ANSWER.replace('cut costs', 'saved money')}`;
    const { readiness, result } = readinessOf(text, { requiredSections: ['situation', 'task', 'action', 'result'] });
    assert.equal(readiness.length, 2);
    assert.equal(readiness[0].parts[1].state, 'missing-optional');
    assert.equal(readiness[0].ready, true);
    assert.equal(readiness[1].parts[1].state, 'missing-required');
    assert.deepEqual(result.diagnostics.map((d) => `${d.ruleId}@${d.data.answerIndex}`), ['STAR002@1']);
  });

  it('a combined label covers both of its parts; a second label of a part counts when the first is empty', () => {
    const text = '## Q\n\n**Situation / Task:** We had two weeks.\n\n**Action:**\n\n**Action:** I wrote the plan.\n\n**Result:** Done 3 days early.\n\n**Reflection:** Start sooner.\n';
    const { readiness } = readinessOf(text);
    assert.deepEqual(states(readiness[0]), ['situation:written', 'task:written', 'action:written', 'result:written', 'reflection:written']);
    assert.equal(readiness[0].parts[2].section?.text, 'I wrote the plan.');
    assert.equal(readiness[0].ready, true);
  });

  it('marks a section holding only one of STAR Coach\'s prompts, when the parser calls it empty', () => {
    const [answer] = analyze(SAR_ANSWER, { fileName: 'a.star.md' }).answers;
    // The reader marks prompt-only sections empty; stand in for it so this test needs only readiness.
    const result = answer.sections[2];
    Object.assign(result, { empty: true, text: SECTION_PLACEHOLDERS.result, words: 14 });
    const readiness = answerReadiness(answer, {});
    assert.equal(readiness.parts[3].state, 'empty');
    assert.equal(readiness.parts[3].prompt, true);
    assert.equal(readiness.parts[0].prompt, false);
    assert.equal(sectionDetail(result, readiness), 'only the prompt');
  });

  it('a fresh draft skeleton, untouched, has every part empty (prompt only) and no metrics finding', () => {
    const { readiness, result } = readinessOf(draftSkeleton({ text: 'Tell me about a time you failed' }).text);
    assert.deepEqual(states(readiness[0]), ['situation:empty', 'task:empty', 'action:empty', 'result:empty', 'reflection:empty']);
    assert.ok(readiness[0].parts.every((part) => part.prompt));
    assert.equal(readinessCount(readiness[0]), 'STAR 0/5');
    assert.ok(!result.diagnostics.some((d) => d.ruleId === 'STAR006'), result.diagnostics.map((d) => d.ruleId).join(', '));
  });
});

describe('what the views say, from readiness', () => {
  it('CodeLens: ✓ written, ○ empty, ✗ missing and required, – missing and optional', () => {
    const text = EMPTY_REFLECTION.replace('**Task:** I owned the budget.\n\n', '');
    const all = readinessOf(text).readiness[0];
    assert.equal(lensTitle(all, 33, 150), 'S ✓  T ✗  A ✓  R ✓  Reflection ○ · 33 words · ~0:13 spoken (S 0:03, A 0:04, R 0:03)');
    assert.equal(lensTitle(all, 33, 150, { total: 72, dimensions: {} }), 'S ✓  T ✗  A ✓  R ✓  Reflection ○ · 33 words · ~0:13 spoken (S 0:03, A 0:04, R 0:03) · 72/100');
    const sar = readinessOf(text, { requiredSections: [...SAR] }).readiness[0];
    assert.equal(lensTitle(sar, 1, 150), 'S ✓  T –  A ✓  R ✓  Reflection ○ · 1 word · ~0:00 spoken (S 0:03, A 0:04, R 0:03)');
  });

  it('status bar and tooltip: counts and singular/plural wording', () => {
    const one = readinessOf(SAR_ANSWER, { requiredSections: ['situation', 'action', 'result', 'reflection'] }).readiness[0];
    assert.equal(readinessCount(one), 'STAR 3/4');
    assert.deepEqual(readinessLines(one), ['3 of 4 required parts written.', 'Missing: Reflection. Click to insert it.', 'Optional, not there: Task.']);
    const two = readinessOf(SAR_ANSWER).readiness[0];
    assert.deepEqual(readinessLines(two), ['3 of 5 required parts written.', 'Missing: Task and Reflection. Click to insert them.']);
    assert.deepEqual(readinessLines(two, false), ['3 of 5 required parts written.', 'Missing: Task and Reflection.']);
    const ready = readinessOf(SAR_ANSWER, { requiredSections: [...SAR] }).readiness[0];
    assert.deepEqual(readinessLines(ready), ['All 3 required parts are written.', 'Optional, not there: Task and Reflection.']);
  });

  it('the click does what the text says: insert what is missing, else go to the empty part, else nothing', () => {
    const missing = readinessOf(SAR_ANSWER).readiness[0];
    assert.deepEqual(nextStep(missing), { kind: 'insert', sections: ['task', 'reflection'] });
    const empty = readinessOf(EMPTY_REFLECTION).readiness[0];
    const step = nextStep(empty);
    assert.equal(step.kind, 'write');
    assert.equal(step.kind === 'write' && step.part.kind, 'reflection');
    assert.deepEqual(readinessLines(empty), ['4 of 5 required parts written.', 'Not written yet: Reflection. Click to go to Reflection.']);
    const ready = readinessOf(SAR_ANSWER, { requiredSections: [...SAR] }).readiness[0];
    assert.deepEqual(nextStep(ready), { kind: 'none' });
  });

  it('Outline details: the answer\'s count and words, each section\'s words or "not written", optional marked', () => {
    const { result, readiness } = readinessOf(EMPTY_REFLECTION, { requiredSections: [...SAR] });
    const [answer] = result.answers;
    assert.equal(answerDetail(readiness[0], answer.words), `STAR 3/3 · ${answer.words} words`);
    assert.deepEqual(
      answer.sections.map((section) => sectionDetail(section, readiness[0])),
      ['7 words', '4 words · optional', '10 words', '7 words', 'not written · optional'],
    );
  });
});

describe('the CLI summary line, with readiness', () => {
  const none = { error: 0, warning: 0, information: 0, hint: 0 };

  it('writes proper plurals and says how many answers have every required part written', () => {
    assert.equal(formatSummary(none, 1, 1, 1, 1), 'All clear: 1 markdown file, 1 answer draft, 1 answer; it has every required part written.');
    assert.equal(formatSummary(none, 7, 7, 9, 9), 'All clear: 7 markdown files, 7 answer drafts, 9 answers; all have every required part written.');
    assert.equal(
      formatSummary({ error: 1, warning: 9, information: 0, hint: 0 }, 7, 7, 9, 6),
      '10 problems (1 error, 9 warnings, 0 information) in 7 markdown files, 7 answer drafts, 9 answers; 6 of 9 have every required part written.',
    );
    assert.equal(formatSummary({ error: 0, warning: 1, information: 0, hint: 0 }, 1, 1, 1, 0), '1 problem (0 errors, 1 warning, 0 information) in 1 markdown file, 1 answer draft, 1 answer; it still needs a required part written.');
    // Hints are named only when there are some.
    assert.equal(formatSummary({ error: 0, warning: 1, information: 2, hint: 1 }, 1, 1, 1, 0), '4 problems (0 errors, 1 warning, 2 information, 1 hint) in 1 markdown file, 1 answer draft, 1 answer; it still needs a required part written.');
  });

  it('counts ready answers with the same readiness the editor shows', () => {
    const text = `${SAR_ANSWER}\n${EMPTY_REFLECTION.replace('cut costs', 'saved money')}`;
    const options = { requiredSections: [...SAR] };
    const { readiness, result } = readinessOf(text, options);
    const counts = { ...none };
    for (const d of result.diagnostics) counts[d.severity]++;
    assert.equal(
      formatSummary(counts, 1, 1, result.answers.length, readiness.filter((r) => r.ready).length),
      '1 problem (0 errors, 1 warning, 0 information) in 1 markdown file, 1 answer draft, 2 answers; both have every required part written.',
    );
  });
});
