/**
 * A representative part of the core's unit suite, bundled for the browser with the web
 * extension's build options (no Node built-ins: the build fails on any) and run inside
 * a Web Worker in headless Chromium by run.mjs. Every fixture that test/unit/fixtures.test.ts checks is
 * analyzed and compared with its `.expected` file, as test/unit/fixtures.test.ts does
 * in Node; the bank, the configuration loader and Fix all are checked as the web
 * extension uses them. Results go back to the page with postMessage.
 */
import { bundledBank, checkBankData, parseBankText } from '../../src/bank';
import { PRESETS } from '../../src/config/presets';
import { ConfigError, ConfigFinder, loadConfig } from '../../src/config/rc-file';
import { analyze, applyEdits, insertMissingEdits, MISSING_SECTION_RULES } from '../../src/engine';
import { COACHING_RULES } from '../../src/rules';
import { summarize } from '../unit/fixture-summary';
// Filled in at build time by run.mjs: every fixture's text and expected summary, and facts computed in Node.
import { BANK_QUESTION_COUNT, FIXTURES } from 'virtual:web-fixtures';
import { memoryFiles } from '../support/memory-files';
import { BackgroundAnalyzer } from '../../src/vscode/analysis-background';
import { webWorker } from '../../src/vscode/worker-port';

/** The worker's postMessage (the project's TypeScript setup has no DOM or WebWorker lib). */
const postMessage = (message: unknown): void => (globalThis as unknown as { postMessage(message: unknown): void }).postMessage(message);

type Test = { name: string; run: () => void | Promise<void> };
const tests: Test[] = [];
const test = (name: string, run: Test['run']): void => {
  tests.push({ name, run });
};

function equal(actual: unknown, expected: unknown, what = 'value'): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`);
}

/** The first differing line of two summaries, so a failure says where. */
function firstDifference(actual: string, expected: string): string {
  const a = actual.split('\n');
  const e = expected.split('\n');
  for (let i = 0; i < Math.max(a.length, e.length); i++) {
    if (a[i] !== e[i]) return `line ${i + 1}: expected ${JSON.stringify(e[i])}, got ${JSON.stringify(a[i])}`;
  }
  return 'equal';
}

test('runs in a worker with no Node globals', () => {
  const scope = globalThis as Record<string, unknown>;
  equal(typeof scope.importScripts, 'function', 'importScripts (a worker scope)');
  for (const name of ['require', 'process', 'Buffer', 'module', '__dirname', 'window', 'document']) equal(typeof scope[name], 'undefined', name);
});

// As in test/unit/fixtures.test.ts: these fixtures are about reading labels and directives, so the coaching rules are off.
const STRUCTURE_ONLY = Object.fromEntries(COACHING_RULES.map((rule) => [rule.alias, 'off' as const]));

for (const fixture of FIXTURES) {
  test(`fixture ${fixture.name}`, () => {
    const actual = summarize(analyze(fixture.text, { fileName: fixture.name.slice(fixture.name.lastIndexOf('/') + 1), rules: STRUCTURE_ONLY }), fixture.text);
    if (actual !== fixture.expected) throw new Error(`summary differs from ${fixture.name.replace(/\.md$/, '.expected')}: ${firstDifference(actual, fixture.expected)}`);
  });
}

test('the bundled bank is data in the bundle, with every question', () => {
  const bank = bundledBank();
  equal(bank.questions.length, BANK_QUESTION_COUNT, 'questions');
  const first = bank.questions[0];
  equal(bank.byTitle(first.text)?.id, first.id, 'lookup by title');
  equal(checkBankData({ questions: [first] }, 'x').problems, [], 'schema check');
  equal(parseBankText('{ "questions": [', 'team.json').problems.length, 1, 'invalid JSON problems');
});

test('Fix all inserts every missing section, after which none is missing', () => {
  const text = '# Tell me about a time you disagreed\n\n**Situation:** Two teams wanted the same release slot.\n\n**Action:** I set up a joint review.\n';
  const before = analyze(text, { fileName: 'a.star.md' });
  equal(before.diagnostics.filter((d) => MISSING_SECTION_RULES.has(d.ruleId)).map((d) => d.alias), ['missing-task', 'missing-result', 'missing-reflection'], 'missing before');
  const fixed = applyEdits(text, insertMissingEdits(text, before));
  equal(analyze(fixed, { fileName: 'a.star.md' }).diagnostics.filter((d) => MISSING_SECTION_RULES.has(d.ruleId)).length, 0, 'missing after');
});

test('.starcoachrc.json: JSONC, extends of a file and a preset, found by walking up', async () => {
  const files = memoryFiles({
    '/repo/.starcoachrc.json': '{\n  // ours\n  "extends": ["./team.json", "soar"],\n  "rules": { "missing-metrics": "off", },\n}',
    '/repo/team.json': '/* team */ { "synonyms": { "result": ["Payoff"] } }',
  });
  const found = await new ConfigFinder(files).find('/repo/drafts/a.star.md');
  equal(found, '/repo/.starcoachrc.json', 'found');
  const { options } = await loadConfig(found!, files);
  equal(options, { synonyms: { result: ['Payoff'] }, ...PRESETS.soar, rules: { 'missing-metrics': 'off' } }, 'options');
  const text = '# Q\n\n**Situation:** s\n\n**Obstacle:** o\n\n**Action:** a\n\n**Payoff:** It took 3 days.\n';
  // SOAR reads the Obstacle as the Task and asks for no Reflection; metrics are off: no STAR-shape finding is left.
  const shape = analyze(text, { ...options, fileName: 'a.star.md' }).diagnostics.filter((d) => MISSING_SECTION_RULES.has(d.ruleId) || d.alias === 'missing-metrics');
  equal(shape.map((d) => d.alias), [], 'missing parts and metrics under the loaded options');
  const plain = analyze(text, { fileName: 'a.star.md' }).diagnostics.filter((d) => MISSING_SECTION_RULES.has(d.ruleId));
  equal(plain.map((d) => d.alias), ['missing-result', 'missing-reflection'], 'the same draft without the options (Payoff is no Result word)');
});

test('.starcoachrc.json: a cycle is an error naming the chain', async () => {
  const files = memoryFiles({ '/a.json': '{ "extends": "./b.json" }', '/b.json': '{ "extends": "./a.json" }' });
  try {
    await loadConfig('/a.json', files);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    equal(error.message, '/b.json: "extends" goes round in a circle: /a.json → /b.json → /a.json', 'message');
    return;
  }
  throw new Error('no error for a cycle');
});

test("the browser build's analysis worker, started as a nested web worker, answers what analyze() answers", async () => {
  const scope = globalThis as unknown as { location: { href: string } };
  const background = new BackgroundAnalyzer(webWorker(new URL('/analysis-worker.js', scope.location.href).href));
  try {
    const bank = bundledBank();
    const text = '# Tell me about a time you disagreed\n\n**Situation:** Two teams wanted the same release slot.\n\n**Action:** I set up a joint review and we agreed on an order.\n\n**Result:** Both shipped within 9 days.\n';
    const options = { fileName: 'a.star.md', questions: bank };
    const outcome = await background.run('file:///a.star.md', text, options, bank);
    if (!('result' in outcome)) throw new Error(`no result from the worker: ${JSON.stringify(outcome)}`);
    equal(outcome.result, analyze(text, options), 'the worker\'s result');
    const edited = text.replace('9 days', '12 days');
    const second = await background.run('file:///a.star.md', edited, options, bank);
    if (!('result' in second)) throw new Error(`no result after the edit: ${JSON.stringify(second)}`);
    equal(second.result, analyze(edited, options), 'the result after an edit');
  } finally {
    background.dispose();
  }
});

test('a web worker whose script cannot load leaves analysis in place', async () => {
  const scope = globalThis as unknown as { location: { href: string } };
  const background = new BackgroundAnalyzer(webWorker(new URL('/no-such-worker.js', scope.location.href).href));
  try {
    equal(await background.run('file:///a.star.md', 'Situation: x', {}, bundledBank()), { unavailable: true }, 'outcome');
  } finally {
    background.dispose();
  }
});

async function main(): Promise<void> {
  for (const { name, run } of tests) {
    const started = performance.now();
    try {
      await run();
      postMessage({ type: 'result', name, ok: true, ms: performance.now() - started });
    } catch (error) {
      postMessage({ type: 'result', name, ok: false, ms: performance.now() - started, error: (error as Error).stack ?? String(error) });
    }
  }
  postMessage({ type: 'done', count: tests.length });
}

void main();
