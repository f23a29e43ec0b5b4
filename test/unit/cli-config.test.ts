import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');

function cli(args: string[], cwd: string): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 15_000 });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

// Situation, Task and Action, no Result and no Reflection.
const DRAFT = '## Tell me about a time you cut latency\n\n**Situation:** Checkout timed out during sales.\n\n**Task:** I owned the checkout service.\n\n**Action:** I added a cache behind a feature flag.\n';

describe('star-coach CLI: .starcoachrc.json with comments and extends', () => {
  let dir: string;

  before(() => {
    // The bundled dist/cli.js, as users run it: the shared loader must survive bundling (jsonc-parser's ESM build).
    execFileSync(process.execPath, ['esbuild.js'], { cwd: ROOT, stdio: 'ignore' });
    dir = mkdtempSync(join(tmpdir(), 'star-coach-cli-rc-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads JSONC and what it extends, nearest file first, and exits 1 on an error-severity finding', () => {
    const project = join(dir, 'project');
    mkdirSync(join(project, 'shared'), { recursive: true });
    mkdirSync(join(project, 'drafts'));
    writeFileSync(join(project, 'drafts', 'story.star.md'), DRAFT);
    writeFileSync(join(project, 'shared', 'team.json'), '{\n  /* the team wants Results */\n  "rules": { "missing-result": "error", },\n}\n');
    writeFileSync(join(project, '.starcoachrc.json'), '// ours\n{ "extends": ["./shared/team.json", "soar"] }\n');
    const { code, stdout, stderr } = cli(['check', 'drafts'], project);
    assert.equal(stderr, '');
    assert.equal(code, 1);
    assert.match(stdout, /error {2}This answer has no Result yet\..*STAR004\/missing-result/);
    assert.doesNotMatch(stdout, /missing-reflection/, 'the soar preset asks for no Reflection');
  });

  it('honours --config with extends, relative to that file', () => {
    const conf = join(dir, 'conf');
    mkdirSync(conf, { recursive: true });
    writeFileSync(join(dir, 'story.star.md'), DRAFT);
    writeFileSync(join(conf, 'base.json'), '{ "rules": { "missing-result": "off" } }');
    writeFileSync(join(conf, 'ci.json'), '{ "extends": "./base.json", /* and */ "rules": { "missing-reflection": "off" } }');
    const { code, stdout } = cli(['check', 'story.star.md', '--config', join('conf', 'ci.json')], dir);
    assert.equal(code, 0);
    assert.doesNotMatch(stdout, /missing-result|missing-reflection/);
  });

  it('stops with exit 2 on an extends cycle, naming the files', () => {
    const loop = join(dir, 'loop');
    mkdirSync(loop, { recursive: true });
    writeFileSync(join(loop, 'story.star.md'), DRAFT);
    writeFileSync(join(loop, '.starcoachrc.json'), '{ "extends": "./a.json" }');
    writeFileSync(join(loop, 'a.json'), '{ "extends": "./.starcoachrc.json" }');
    const { code, stderr } = cli(['check', '.'], loop);
    assert.equal(code, 2);
    const rc = join(loop, '.starcoachrc.json');
    assert.equal(stderr.trim(), `star-coach: ${join(loop, 'a.json')}: "extends" goes round in a circle: ${rc} → ${join(loop, 'a.json')} → ${rc}`);
  });
});
