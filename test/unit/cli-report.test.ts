import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');

function cli(args: string[], cwd: string): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 15_000 });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

// Linked by front matter to a bundled conflict question; a complete answer with figures.
const STRONG = `---
question: conflict-disagreed-with-manager
---

# My manager wanted to skip the load test

**Situation:** Two weeks before the launch of our billing page, my manager asked us to skip the load test to save three days.

**Task:** I owned the release and had to decide whether I could accept that risk.

**Action:** I disagreed and told my manager my concern privately in our one-on-one. I asked why the date mattered and learned the constraints. I built a prototype load test in one afternoon and brought the numbers.

**Result:** He changed his mind; we fixed the slow query and launched on the date, with p95 latency down from 4 s to 320 ms within the first week.

**Reflection:** I learned to bring evidence early and to keep the relationship by disagreeing in private.
`;

const WEAK = `# Tell me about a time you failed

**Situation:** I missed a deadline.

**Action:** TODO
`;

describe('star-coach report (as a process)', function () {
  let dir: string;

  before(() => {
    execFileSync(process.execPath, ['esbuild.js'], { cwd: ROOT, stdio: 'ignore' });
    dir = mkdtempSync(join(tmpdir(), 'star-coach-report-'));
    mkdirSync(join(dir, 'stories'));
    writeFileSync(join(dir, 'stories', 'strong.star.md'), STRONG);
    writeFileSync(join(dir, 'stories', 'weak.star.md'), WEAK);
    writeFileSync(join(dir, 'notes.md'), '# Shopping\n\n- milk\n');
  });

  it('prints markdown by default: the summary, each story linked to its line, and the matrix', () => {
    const { code, stdout, stderr } = cli(['report', 'stories'], dir);
    assert.equal(stderr, '');
    assert.equal(code, 0);
    assert.match(stdout, /^# Story bank\n\n2 stories in 2 drafts, average score [\d.]+; Core competencies: /);
    assert.match(stdout, /\[My manager wanted to skip the load test\]\(stories\/strong\.star\.md#L5\)/);
    assert.match(stdout, /\| Handling conflict \| covered \| ● \|/);
    assert.match(stdout, /\| Innovation \| gap: no story \|/);
  });

  it('prints JSON with the stories, rows and summary', () => {
    const { code, stdout } = cli(['report', '.', '--format', 'json'], dir);
    assert.equal(code, 0);
    const report = JSON.parse(stdout);
    assert.equal(report.summary.drafts, 2);
    assert.deepEqual(report.stories.map((s: { file: string; line: number }) => `${s.file}:${s.line}`), ['stories/strong.star.md:5', 'stories/weak.star.md:1']);
    assert.equal(report.stories[0].question.id, 'conflict-disagreed-with-manager');
    assert.equal(typeof report.stories[0].score, 'number');
    assert.equal(report.rows.length, 13);
  });

  it('prints one self-contained HTML page with no script and no remote content', () => {
    const { code, stdout } = cli(['report', 'stories', '--format=html'], dir);
    assert.equal(code, 0);
    assert.match(stdout, /^<!DOCTYPE html>/);
    assert.match(stdout, /<a class="story-link" href="stories\/strong\.star\.md#L5">/);
    assert.doesNotMatch(stdout, /<script|<link|https?:\/\//i);
  });

  it('takes the targets from --targets or from .starcoachrc.json', () => {
    assert.match(cli(['report', 'stories', '--targets', 'values'], dir).stdout, /; Culture values: /);
    const withRc = mkdtempSync(join(tmpdir(), 'star-coach-report-rc-'));
    writeFileSync(join(withRc, '.starcoachrc.json'), JSON.stringify({ targets: ['Conflict', { label: 'Coaching others', matches: ['mentoring', 'coaching'] }] }));
    writeFileSync(join(withRc, 'a.star.md'), STRONG);
    const { code, stdout } = cli(['report', '.'], withRc);
    assert.equal(code, 0);
    assert.match(stdout, /; Your targets: 1 of 2 covered, 0 only by weak stories, 1 with no story/);
  });

  it('--fail-under: exit 0 at or above the average, 1 below it, naming the average', () => {
    const average = JSON.parse(cli(['report', 'stories', '--format', 'json'], dir).stdout).summary.averageScore as number;
    assert.equal(cli(['report', 'stories', '--fail-under', String(Math.floor(average))], dir).code, 0);
    const below = cli(['report', 'stories', '--fail-under', String(Math.ceil(average + 1))], dir);
    assert.equal(below.code, 1);
    assert.match(below.stderr, /^star-coach: average score [\d.]+ is below --fail-under \d+ \(2 stories in 2 drafts/);
    assert.ok(below.stdout.startsWith('# Story bank'), 'the report is still printed');
    const none = cli(['report', 'notes.md', '--fail-under', '10'], dir);
    assert.equal(none.code, 1);
    assert.match(none.stderr, /no answers found/);
  });

  it('exit 2 with a clear message for a bad --fail-under, format or targets', () => {
    for (const bad of ['abc', '-5', '101', '']) {
      const { code, stderr, stdout } = cli(['report', 'stories', `--fail-under=${bad}`], dir);
      assert.equal(code, 2, bad);
      assert.equal(stdout, '');
      assert.match(stderr, bad === '' ? /^star-coach: --fail-under needs a value/ : new RegExp(`^star-coach: --fail-under must be a number from 0 to 100, not "${bad}"`));
    }
    assert.match(cli(['report', '--format', 'sarif'], dir).stderr, /--format must be markdown, html or json, not "sarif"/);
    assert.match(cli(['report', '--targets', 'amazon'], dir).stderr, /--targets: "amazon" is not a target preset/);
    assert.equal(cli(['report', 'missing-folder'], dir).code, 2);
  });
});
