import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv from 'ajv-draft-04';
import { analyze } from '../../src/engine/analyze';
import { escapeGithubData, escapeGithubProperty, formatGithub, formatText, toSarif } from '../../src/cli/format';
import { docsUrl, RULES } from '../../src/rules';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');

function cli(args: string[], cwd: string): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 15_000 });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** The published SARIF 2.1.0 schema (the final "rtm.5" text), as an npm package ships it. */
function sarifValidator(): ReturnType<Ajv['compile']> {
  const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
  // The schema is draft-04 and uses a pattern that is not valid with the u flag.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false, logger: false });
  ajv.addFormat('uri', (value: string) => URL.canParse(value));
  ajv.addFormat('uri-reference', (value: string) => URL.canParse(value, 'file:///') && !/\s/.test(value));
  ajv.addFormat('date-time', (value: string) => !Number.isNaN(Date.parse(value)));
  return ajv.compile(schema);
}

const NO_RESULT = `## Tell me about a time you cut latency

**Situation:** Checkout timed out during sales.

**Task:** I owned the checkout service.

**Action:** I added a cache behind a feature flag.
`;

const COMPLETE = `## Tell me about a time you cut latency

**Situation:** Checkout timed out during sales.

**Task:** I owned the checkout service.

**Action:** I added a cache behind a feature flag.

**Result:** p95 latency fell from 900 ms to 120 ms.

**Reflection:** I would load-test earlier.
`;

const STRUCTURE_RULES = ['STAR001', 'STAR002', 'STAR003', 'STAR004', 'STAR005', 'STAR006', 'STAR007'];

describe('CLI formats for CI', function () {
  let dir: string;

  before(() => {
    execFileSync(process.execPath, ['esbuild.js'], { cwd: ROOT, stdio: 'ignore' });
    dir = mkdtempSync(join(tmpdir(), 'star-coach-formats-'));
    mkdirSync(join(dir, 'my stories'));
    writeFileSync(join(dir, 'my stories', 'latency #1.star.md'), NO_RESULT);
    writeFileSync(join(dir, 'done.star.md'), COMPLETE);
    // The structure rules only, so the fixtures' findings do not move when coaching rules are added.
    const quiet = Object.fromEntries(RULES.filter((rule) => !STRUCTURE_RULES.includes(rule.id)).map((rule) => [rule.alias, 'off']));
    writeFileSync(join(dir, '.starcoachrc.json'), JSON.stringify({ rules: quiet }));
    writeFileSync(join(dir, 'strict.json'), JSON.stringify({ rules: { ...quiet, 'missing-result': 'error' } }));
  });

  describe('--format sarif', () => {
    it('is a valid SARIF 2.1.0 log by the published schema', () => {
      const { code, stdout } = cli(['check', '.', '--format', 'sarif'], dir);
      assert.equal(code, 0);
      const log = JSON.parse(stdout);
      const validate = sarifValidator();
      assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
      assert.equal(log.version, '2.1.0');
    });

    it('the schema check can fail: a log with a bad level or no message is rejected', () => {
      const validate = sarifValidator();
      const log = JSON.parse(cli(['check', '.', '--format', 'sarif'], dir).stdout);
      log.runs[0].results[0].level = 'information';
      assert.equal(validate(log), false);
      delete log.runs[0].results[0].level;
      delete log.runs[0].results[0].message;
      assert.equal(validate(log), false);
    });

    it('describes every rule with its alias, description, default level and docs page', () => {
      const log = JSON.parse(cli(['check', '.', '--format', 'sarif'], dir).stdout);
      const driver = log.runs[0].tool.driver;
      assert.equal(driver.name, 'STAR Coach');
      assert.match(driver.version, /^\d+\.\d+\.\d+/);
      assert.deepEqual(
        driver.rules.map((r: { id: string; name: string; helpUri: string; shortDescription: { text: string }; defaultConfiguration: { level: string } }) => [r.id, r.name, r.helpUri, r.shortDescription.text, r.defaultConfiguration.level]),
        RULES.map((rule) => [rule.id, rule.alias, docsUrl(rule.alias), rule.description, rule.defaultSeverity === 'information' || rule.defaultSeverity === 'hint' ? 'note' : rule.defaultSeverity]),
      );
    });

    it('gives each finding its rule, level, message and region, with paths relative to %SRCROOT%', () => {
      const { code, stdout } = cli(['check', '.', '--format', 'sarif', '--config', 'strict.json'], dir);
      assert.equal(code, 1, 'an error-severity finding still exits 1');
      const run = JSON.parse(stdout).runs[0];
      assert.equal(run.originalUriBaseIds['%SRCROOT%'].uri, pathToFileURL(dir).href + '/');
      assert.equal(run.columnKind, 'utf16CodeUnits');
      const result = run.results.find((r: { ruleId: string }) => r.ruleId === 'STAR004');
      assert.ok(result, 'the missing Result is reported');
      assert.equal(result.level, 'error');
      assert.equal(result.ruleIndex, RULES.findIndex((rule) => rule.id === 'STAR004'));
      assert.match(result.message.text, /no Result yet/);
      assert.deepEqual(result.locations[0].physicalLocation, {
        artifactLocation: { uri: 'my%20stories/latency%20%231.star.md', uriBaseId: '%SRCROOT%' },
        region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 40 },
      });
      const reflection = run.results.find((r: { ruleId: string }) => r.ruleId === 'STAR005');
      assert.equal(reflection.level, 'note', 'information findings are notes');
      assert.ok(run.results.every((r: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => !r.locations[0].physicalLocation.artifactLocation.uri.includes('done')), 'a complete answer has no results');
    });

    it('reports a hint as a note that still says hint, valid by the schema, and as "hint" in text and a notice for GitHub', () => {
      const hedged = NO_RESULT.replace('I added a cache', 'I basically added a cache');
      const analysis = analyze(hedged, { fileName: 'a.star.md' });
      const hints = analysis.diagnostics.filter((d) => d.ruleId === 'STAR014');
      assert.deepEqual(hints.map((d) => d.severity), ['hint']);
      analysis.diagnostics = hints;
      const log = toSarif([{ file: 'a.star.md', result: analysis }], '/repo', { version: '1.0.0', informationUri: 'https://example.com' }) as { runs: Array<{ results: Array<{ level: string; properties?: { severity: string } }> }> };
      assert.ok(sarifValidator()(log));
      assert.deepEqual(log.runs[0].results.map((r) => [r.level, r.properties?.severity]), [['note', 'hint']]);
      assert.match(formatText('a.star.md', analysis, false)[0], /^a\.star\.md:\d+:\d+ {2}hint {2}"basically" softens/);
      assert.match(formatGithub('/repo/a.star.md', analysis, '/repo')[0], /^::notice /);
    });

    it('names a file outside the working directory by its absolute file: URI', () => {
      const analysis = analyze(NO_RESULT, { fileName: 'x.star.md' });
      const log = toSarif([{ file: '/elsewhere/x.star.md', result: analysis }], '/work/repo', { version: '1.0.0', informationUri: 'https://example.org' }) as {
        runs: Array<{ results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: object } }> }> }>;
      };
      assert.deepEqual(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation, { uri: 'file:///elsewhere/x.star.md' });
    });

    it('prints an empty results list, still valid, when nothing is found', () => {
      const { code, stdout } = cli(['check', 'done.star.md', '--format', 'sarif'], dir);
      assert.equal(code, 0);
      const log = JSON.parse(stdout);
      assert.deepEqual(log.runs[0].results, []);
      assert.ok(sarifValidator()(log));
    });
  });

  describe('--format github', () => {
    it('escapes %, CR and LF in messages, and also : and , in properties', () => {
      assert.equal(escapeGithubData('100% done\r\nnext: a, b'), '100%25 done%0D%0Anext: a, b');
      assert.equal(escapeGithubProperty('dir, 50%:\nx'), 'dir%2C 50%25%3A%0Ax');
    });

    it('prints one workflow command per finding with file, line, col, endLine, endColumn and title', () => {
      const { code, stdout } = cli(['check', '.', '--format', 'github'], dir);
      assert.equal(code, 0);
      const lines = stdout.trim().split('\n');
      assert.equal(
        lines[0],
        '::warning file=my stories/latency #1.star.md,line=1,col=1,endLine=1,endColumn=40,title=STAR Coach STAR004 missing-result::This answer has no Result yet. Close with the outcome, ideally measurable: a percentage, time saved, money, or a count.',
      );
      assert.match(lines[1], /^::notice file=my stories\/latency #1\.star\.md,line=1,.*title=STAR Coach STAR005 missing-reflection::/);
      assert.match(lines[lines.length - 1], /^2 problems /, 'the summary closes the log as plain text');
    });

    it('uses error for error-severity findings and escapes the path and message', () => {
      const analysis = analyze(NO_RESULT, { fileName: 'a.star.md', rules: { 'missing-result': 'error' } });
      analysis.diagnostics = analysis.diagnostics.filter((d) => d.ruleId === 'STAR004');
      analysis.diagnostics[0].message = 'Line one\nline two at 100%';
      const [line] = formatGithub('/repo/odd, name: 1.star.md', analysis, '/repo');
      assert.match(line, /^::error file=odd%2C name%3A 1\.star\.md,line=1,col=1,endLine=1,endColumn=40,title=STAR Coach STAR004 missing-result::Line one%0Aline two at 100%25$/);
    });
  });

  it('refuses an unknown format and names the four it knows', () => {
    const { code, stderr } = cli(['check', '.', '--format', 'xml'], dir);
    assert.equal(code, 2);
    assert.match(stderr, /--format must be text, json, sarif or github, not "xml"/);
  });

  it('.pre-commit-hooks.yaml runs the CLI on markdown files', () => {
    const hooks = readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8');
    assert.match(hooks, /^- id: star-coach$/m);
    assert.match(hooks, /^ {2}entry: star-coach check$/m);
    assert.match(hooks, /^ {2}language: node$/m);
    assert.match(hooks, /^ {2}types: \[markdown\]$/m);
    // pre-commit installs the package that `npm pack` makes in this repository; its bin is the entry.
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    assert.equal(pkg.bin['star-coach'], './dist/cli.js');
  });
});
