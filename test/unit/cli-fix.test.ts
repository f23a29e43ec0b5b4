import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, lstatSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../../src/engine/analyze';
import { applyEdits, insertMissingEdits } from '../../src/core/fix-all';
import { unifiedDiff } from '../../src/cli/diff';
import { run, type Io } from '../../src/cli/main';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');

function cli(args: string[], cwd = ROOT): { code: number; stdout: Buffer; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' }, timeout: 15_000 });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr.toString('utf8') };
}

function json(args: string[]): Array<{ file: string; diagnostics: Array<{ ruleId: string; line: number }> }> {
  const { stdout, stderr } = cli(['check', ...args, '--format', 'json']);
  assert.equal(stderr, '');
  return JSON.parse(stdout.toString('utf8'));
}

const MISSING = /^STAR00[1-5]$/;

/** Drafts in the label styles people write, each missing parts. */
const DRAFTS: Record<string, string> = {
  'bold.md': `## Tell me about a time you cut latency

**Situation:** Checkout timed out during sales.

**Task:** I owned the checkout service.

**Action:** I added a cache behind a feature flag.
`,
  'headings.md': `# Tell me about a time you disagreed with your manager

## Situation

We were about to ship a feature without an accessibility review.

## Action

I booked a review with two screen-reader users and shared the findings.

## Result

We shipped a week later with 14 fixes; support tickets about the feature stayed at zero.
`,
  'plain.star.md': `Situation: Our on-call rota burned people out.
Task: Make nights quieter without hiding real alerts.
Result: Pages fell from 30 to 8 a week.
`,
  'two-answers.md': `## Tell me about a time you learned something fast

**Situation:** A new team used Kotlin, which I had never written.

**Action:** I paired every morning for two weeks.

## Tell me about a time you missed a deadline

**Task:** Deliver the export feature by March.

**Action:** I cut scope and told the customer early.

**Result:** We shipped 80% in March and the rest in April.
`,
  'list.md': `### Tell me about a time you mentored someone

- **Situation:** A junior engineer struggled with code review feedback.
- **Task:** Help her grow without taking over her work.
- **Action:** We reviewed one pull request together each week.
`,
  'readme.md': '# Notes\n\nNothing here is an answer.\n',
};

/** True when every line of `before` appears in `after`, in order: nothing was lost or moved. */
function keepsEveryLine(before: string, after: string): boolean {
  const lines = after.split('\n');
  let at = 0;
  for (const line of before.split('\n')) {
    while (at < lines.length && lines[at] !== line) at++;
    if (at === lines.length) return false;
    at++;
  }
  return true;
}

/** Applies a unified diff to `text`, independently of the CLI's diff code, or throws when a hunk does not fit. */
function applyUnifiedDiff(text: string, diff: string): string {
  const old = text.split(/(?<=\n)/);
  const out: string[] = [];
  let at = 0;
  const lines = diff.split(/(?<=\n)/);
  let i = 0;
  while (i < lines.length && !lines[i].startsWith('@@')) i++;
  while (i < lines.length) {
    const header = /^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@\n$/.exec(lines[i++]);
    assert.ok(header, `hunk header expected, got ${JSON.stringify(lines[i - 1])}`);
    const oldStart = Number(header[1]) - (header[2] === '0' ? 0 : 1);
    while (at < oldStart) out.push(old[at++]);
    while (i < lines.length && !lines[i].startsWith('@@') && !lines[i].startsWith('--- ')) {
      let line = lines[i++].slice(1);
      const kind = lines[i - 1][0];
      if (lines[i]?.startsWith('\\ No newline')) line = line.slice(0, -1), i++;
      if (kind === ' ' || kind === '-') {
        assert.equal(old[at], line, `context or removed line ${at + 1}`);
        at++;
      }
      if (kind === ' ' || kind === '+') out.push(line);
    }
    if (lines[i]?.startsWith('--- ')) break;
  }
  while (at < old.length) out.push(old[at++]);
  return out.join('');
}

describe('star-coach fix', function () {
  let dir: string;

  before(() => {
    execFileSync(process.execPath, ['esbuild.js'], { cwd: ROOT, stdio: 'ignore' });
  });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'star-coach-fix-'));
    for (const [name, text] of Object.entries(DRAFTS)) writeFileSync(join(dir, name), text);
    for (const name of readdirSync(join(ROOT, 'examples'))) copyFileSync(join(ROOT, 'examples', name), join(dir, `example-${name}`));
  });

  it('inserts what the editor\'s Fix all inserts, after which check reports none of the missing sections it fixed', () => {
    const before = json([dir]);
    const missingBefore = before.flatMap((entry) => entry.diagnostics.filter((d) => MISSING.test(d.ruleId)).map((d) => `${entry.file}:${d.ruleId}`));
    assert.ok(missingBefore.length >= 8, `the drafts miss parts: ${missingBefore.join(', ')}`);
    const originals = new Map(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), 'utf8')]));

    const { code, stdout, stderr } = cli(['fix', dir]);
    assert.equal(code, 0, stderr);
    const output = stdout.toString('utf8');
    assert.match(output, new RegExp(`${join(dir, 'bold.md')}:1  fixed  inserted Result, Reflection`));
    assert.match(output, new RegExp(`${join(dir, 'two-answers.md')}:1  fixed  inserted Task, Result, Reflection`));
    // The second answer's line is given in the fixed file, as the findings after it are.
    const second = new RegExp(`${join(dir, 'two-answers.md')}:(\\d+)  fixed  inserted Situation, Reflection`).exec(output);
    assert.ok(second, output);
    const fixedLines = readFileSync(join(dir, 'two-answers.md'), 'utf8').split('\n');
    assert.equal(fixedLines[Number(second[1]) - 1], '## Tell me about a time you missed a deadline');
    assert.match(output, /^Inserted \d+ sections in \d+ answers in \d+ files\.$/m);

    const after = json([dir]);
    const missingAfter = after.flatMap((entry) => entry.diagnostics.filter((d) => MISSING.test(d.ruleId)).map((d) => `${entry.file}:${d.ruleId}`));
    assert.deepEqual(missingAfter, []);
    for (const [name, text] of originals) {
      const fixed = readFileSync(join(dir, name), 'utf8');
      assert.ok(keepsEveryLine(text, fixed), `${name} keeps every original line`);
      // The same edits as the editor's Fix all (source.fixAll.starCoach), computed by the core.
      const result = analyze(text, { fileName: join(dir, name) });
      assert.equal(fixed, applyEdits(text, insertMissingEdits(text, result)), name);
    }
    assert.equal(readFileSync(join(dir, 'readme.md'), 'utf8'), DRAFTS['readme.md'], 'a file that is not a draft is left alone');
  });

  it('the bundled CLI fixes the drafts the fuzzer found (setext, raw HTML, open fence, tables, same-line, mixed endings) and keeps every character', () => {
    const cases: Record<string, string> = {
      'setext-label.star.md': 'Notes from the call.\nTask\n-\n',
      'setext-text.star.md': 'S\n-\nWe were late.\nT\n=\nA\n=\n\nI rewrote the export.\n',
      'html-after.star.md': '* S — Our export failed.\n* T — Fix it.\n* A — I rewrote it.\n* R — Churn fell 12%.\n<details>\n',
      'open-fence.star.md': '**Task:** Fix the export.\n```\n',
      'table-result.star.md': '| Part | Notes |\n| --- | --- |\n| Situation | Our export failed. |\n| Result | It went well. |\n| Reflection | Ask sooner. |\n',
      'same-line.star.md': 'S: Our export kept failing. T: I had to fix it\n',
      'summary.star.md': '<details>\n<summary>Task</summary> (mine)\n\nFix the export.\n\n</details>\n',
      'out-of-order.star.md': 'Result:\n- [ ] Situation:\n',
      'mixed-eol.star.md': '**Situation:** Our export failed.\r\n\r\n**Task:** Fix it.\n\n**Action:** I rewrote it.\n',
      'cr-front-matter.star.md': '---\rquestion: x\r---\r\r**Situation:** Our export failed.\r',
    };
    const own = mkdtempSync(join(tmpdir(), 'star-coach-fix-fuzz-'));
    for (const [name, text] of Object.entries(cases)) writeFileSync(join(own, name), text);
    assert.equal(cli(['fix', own]).code, 0);
    const missing = json([own]).flatMap((entry) => entry.diagnostics.filter((d) => MISSING.test(d.ruleId)).map((d) => `${entry.file}:${d.ruleId}`));
    assert.deepEqual(missing, []);
    for (const [name, text] of Object.entries(cases)) {
      const fixed = readFileSync(join(own, name), 'utf8');
      let at = 0;
      for (const ch of fixed) if (at < text.length && text[at] === ch) at++;
      assert.equal(at, text.length, `${name} keeps every character:\n${fixed}`);
    }
    const second = cli(['fix', own]);
    assert.match(second.stdout.toString('utf8'), /^Nothing to fix\.$/m);
  });

  it('changes nothing when run a second time', () => {
    assert.equal(cli(['fix', dir]).code, 0);
    const once = new Map(readdirSync(dir).map((name) => [name, { bytes: readFileSync(join(dir, name)), mtime: statSync(join(dir, name)).mtimeMs }]));
    const second = cli(['fix', dir]);
    assert.equal(second.code, 0, second.stderr);
    assert.doesNotMatch(second.stdout.toString('utf8'), / {2}fixed {2}/);
    assert.match(second.stdout.toString('utf8'), /^Nothing to fix\.$/m);
    for (const [name, { bytes, mtime }] of once) {
      assert.deepEqual(readFileSync(join(dir, name)), bytes, name);
      assert.equal(statSync(join(dir, name)).mtimeMs, mtime, `${name} is not rewritten`);
    }
  });

  it('--diff writes nothing and prints a unified diff that turns each file into what fix writes', () => {
    const names = readdirSync(dir);
    const originals = new Map(names.map((name) => [name, { text: readFileSync(join(dir, name), 'utf8'), mtime: statSync(join(dir, name)).mtimeMs }]));
    const { code, stdout, stderr } = cli(['fix', dir, '--diff']);
    assert.equal(code, 0, stderr);
    const diff = stdout.toString('utf8');
    for (const [name, { text, mtime }] of originals) {
      assert.equal(readFileSync(join(dir, name), 'utf8'), text, `${name} unchanged`);
      assert.equal(statSync(join(dir, name)).mtimeMs, mtime);
    }
    const bold = join(dir, 'bold.md');
    assert.ok(
      diff.includes(
        `--- ${bold}\n+++ ${bold}\n@@ -5,3 +5,7 @@\n **Task:** I owned the checkout service.\n \n **Action:** I added a cache behind a feature flag.\n+\n+**Result:** `,
      ),
      diff,
    );
    assert.ok(!diff.includes(join(dir, 'readme.md')), 'no diff for a file with nothing to fix');

    // Split the diff per file and apply each part; the result must equal what fix writes.
    const parts = diff.split(/^(?=--- )/m).filter(Boolean);
    const patched = new Map(parts.map((part) => {
      const file = /^--- (.*)\n/.exec(part)![1];
      return [file, applyUnifiedDiff(readFileSync(file, 'utf8'), part)];
    }));
    assert.ok(patched.size >= 5, `${patched.size} files in the diff`);
    assert.equal(cli(['fix', dir]).code, 0);
    for (const [file, text] of patched) assert.equal(readFileSync(file, 'utf8'), text, file);
  });

  it('--stdout writes nothing and prints the fixed text of one file, byte for byte', () => {
    const file = join(dir, 'bold.md');
    const { code, stdout, stderr } = cli(['fix', file, '--stdout']);
    assert.equal(code, 0, stderr);
    assert.equal(readFileSync(file, 'utf8'), DRAFTS['bold.md'], 'unchanged');
    const expected = applyEdits(DRAFTS['bold.md'], insertMissingEdits(DRAFTS['bold.md'], analyze(DRAFTS['bold.md'], { fileName: file })));
    assert.equal(stdout.toString('utf8'), expected);
    assert.match(expected, /\*\*Result:\*\*/);
    const readme = cli(['fix', join(dir, 'readme.md'), '--stdout']);
    assert.equal(readme.stdout.toString('utf8'), DRAFTS['readme.md'], 'nothing to fix: the text as it is');
    const two = cli(['fix', dir, '--stdout']);
    assert.equal(two.code, 2);
    assert.match(two.stderr, /--stdout prints one file, but \d+ files were given or found/);
    assert.equal(two.stdout.length, 0);
    assert.equal(cli(['fix', file, '--stdout', '--diff']).code, 2);
  });

  it('keeps CRLF line endings and a UTF-8 byte-order mark, and UTF-16 stays UTF-16', () => {
    const file = join(dir, 'crlf-bom.md');
    const crlf = DRAFTS['bold.md'].replace(/\n/g, '\r\n');
    writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(crlf, 'utf8')]));
    const utf16 = join(dir, 'utf16.md');
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(crlf, 'utf16le')]));
    const diff = cli(['fix', file, '--diff']).stdout.toString('utf8');
    assert.match(diff, /^\+\*\*Result:\*\*.*\r\n/m, 'the diff keeps the CRLF of the lines it adds');
    assert.equal(cli(['fix', file, utf16]).code, 0);
    const bytes = readFileSync(file);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the byte-order mark is kept');
    assert.equal(bytes.subarray(3, 6).toString('utf8'), '## ', 'once');
    const text = bytes.subarray(3).toString('utf8');
    assert.match(text, /\*\*Result:\*\*/);
    assert.doesNotMatch(text, /[^\r]\n/, 'no bare LF');
    assert.doesNotMatch(text, /\r(?!\n)/, 'no bare CR');
    assert.ok(keepsEveryLine(crlf, text));
    const wide = readFileSync(utf16);
    assert.deepEqual([...wide.subarray(0, 2)], [0xff, 0xfe]);
    assert.equal(wide.subarray(2).toString('utf16le'), text);
    assert.deepEqual(
      json([file]).flatMap((entry) => entry.diagnostics.filter((d) => MISSING.test(d.ruleId))),
      [],
    );
  });

  it('keeps the file mode, leaves no temporary file behind, and writes through a symbolic link', () => {
    const file = join(dir, 'bold.md');
    chmodSync(file, 0o640);
    const script = join(dir, 'two-answers.md');
    chmodSync(script, 0o755);
    const target = join(dir, 'list.md');
    const link = join(dir, 'linked.md');
    symlinkSync(target, link);
    const namesBefore = readdirSync(dir).sort();
    const { code, stderr } = cli(['fix', file, script, link]);
    assert.equal(code, 0, stderr);
    assert.deepEqual(readdirSync(dir).sort(), namesBefore, 'no temporary files');
    assert.equal(statSync(file).mode & 0o7777, 0o640);
    assert.equal(statSync(script).mode & 0o7777, 0o755);
    assert.ok(lstatSync(link).isSymbolicLink(), 'the link is still a link');
    assert.match(readFileSync(target, 'utf8'), /\*\*Result:\*\*/, 'its target is fixed');
  });

  it('exits as check does: 1 when an error-severity finding is left, 2 for input problems', () => {
    writeFileSync(join(dir, '.starcoachrc.json'), JSON.stringify({ rules: { 'missing-metrics': 'error' } }));
    // A Result without a number, which no fix can write; the missing Reflection is inserted.
    const vague = join(dir, 'vague.md');
    writeFileSync(vague, `${DRAFTS['bold.md']}\n**Result:** Customers were much happier.\n`);
    const left = cli(['fix', vague]);
    assert.equal(left.code, 1, left.stderr);
    assert.match(left.stdout.toString('utf8'), /vague\.md:9:1 {2}error {2}This Result has no measurable outcome/);
    assert.match(left.stdout.toString('utf8'), /vague\.md:1 {2}fixed {2}inserted Reflection/);
    assert.match(readFileSync(vague, 'utf8'), /\*\*Reflection:\*\*/, 'and the fix was written');
    assert.equal(cli(['fix', vague, '--diff']).code, 1, 'with --diff too');
    assert.equal(cli(['fix', join(dir, 'headings.md')]).code, 0, 'warnings only');
    const missing = cli(['fix', join(dir, 'nope.md'), join(dir, 'list.md')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nope\.md: no such file or directory/);
    assert.match(readFileSync(join(dir, 'list.md'), 'utf8'), /\*\*Result:\*\*/, 'the other file is still fixed');
    assert.equal(cli(['fix', dir, '--format', 'json']).code, 2);
    assert.match(cli(['check', dir, '--diff']).stderr, /--diff is not an option of "star-coach check"/);
  });

  it('honours --config: a part that is not required is not inserted', () => {
    const config = join(dir, 'no-reflection.json');
    writeFileSync(config, JSON.stringify({ requiredSections: ['situation', 'task', 'action', 'result'] }));
    const { code, stderr } = cli(['fix', join(dir, 'bold.md'), '--config', config]);
    assert.equal(code, 0, stderr);
    const text = readFileSync(join(dir, 'bold.md'), 'utf8');
    assert.match(text, /\*\*Result:\*\*/);
    assert.doesNotMatch(text, /Reflection/);
  });

  it('fixes the other files when the analysis of one fails, names it, and exits 2', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io: Io = { out: (line) => out.push(line), err: (line) => err.push(line), write: (chunk) => out.push(String(chunk)), color: false };
    const failing: typeof analyze = (text, options) => {
      if (options?.fileName?.endsWith('headings.md')) throw new RangeError('Maximum call stack size exceeded');
      return analyze(text, options);
    };
    const code = await run(['fix', join(dir, 'bold.md'), join(dir, 'headings.md'), join(dir, 'list.md')], io, { analyze: failing });
    assert.equal(code, 2);
    assert.deepEqual(err, [`star-coach: ${join(dir, 'headings.md')}: internal error: Maximum call stack size exceeded; please report it`]);
    assert.equal(readFileSync(join(dir, 'headings.md'), 'utf8'), DRAFTS['headings.md']);
    assert.match(readFileSync(join(dir, 'bold.md'), 'utf8'), /\*\*Result:\*\*/);
    assert.match(readFileSync(join(dir, 'list.md'), 'utf8'), /\*\*Result:\*\*/);
    assert.match(out.join('\n'), /list\.md:1  fixed  inserted Result, Reflection/);
  });
});

describe('unifiedDiff', () => {
  it('turns the old text into the new one, whatever the lines, endings and last newline', () => {
    // A seeded generator, so a failure can be replayed.
    let seed = 20261201;
    const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const pieces = ['a\n', 'b\n', 'c\r\n', '\n', 'Result: 12%\n', '\r\n'];
    const text = (): string => {
      let out = '';
      for (let n = Math.floor(random() * 25); n > 0; n--) out += pieces[Math.floor(random() * pieces.length)];
      return random() < 0.3 ? `${out}end` : out;
    };
    for (let round = 0; round < 500; round++) {
      const before = text();
      const after = random() < 0.5 ? text() : before.split(/(?<=\n)/).flatMap((line) => (random() < 0.2 ? ['new\n', line] : random() < 0.1 ? [] : [line])).join('');
      const diff = unifiedDiff(before, after, 'f.md', 'f.md');
      if (before === after) assert.equal(diff, '');
      else assert.equal(applyUnifiedDiff(before, diff), after, JSON.stringify({ before, after, diff }));
    }
  });

  it('writes diff -u headers, ranges and the no-newline marker', () => {
    assert.equal(unifiedDiff('a\nb', 'a\nb\nc\n', 'x.md', 'x.md'), '--- x.md\n+++ x.md\n@@ -1,2 +1,3 @@\n a\n-b\n\\ No newline at end of file\n+b\n+c\n');
    assert.equal(unifiedDiff('', 'new\n', 'x.md', 'x.md'), '--- x.md\n+++ x.md\n@@ -0,0 +1 @@\n+new\n');
    const long = Array.from({ length: 20 }, (_, i) => `line ${i + 1}\n`);
    const changed = [...long.slice(0, 10), 'inserted\n', ...long.slice(10)].join('');
    assert.equal(unifiedDiff(long.join(''), changed, 'x.md', 'x.md'), '--- x.md\n+++ x.md\n@@ -8,6 +8,7 @@\n line 8\n line 9\n line 10\n+inserted\n line 11\n line 12\n line 13\n');
  });
});
