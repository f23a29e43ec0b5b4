import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { RULES } from '../../src/rules';

const ROOT = join(__dirname, '..', '..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const DRAFT = '## Tell me about a time you cut latency\n\n**Situation:** Checkout timed out.\n\n**Task:** I owned checkout.\n\n**Action:** I added a cache.\n';

/** The entries of a zip file, with `unzip -Z1`, and one entry's text. */
function zipEntries(file: string): string[] {
  return execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' }).trim().split('\n');
}
function zipText(file: string, entry: string): string {
  return execFileSync('unzip', ['-p', file, entry], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

describe('packages', function () {
  this.timeout(180_000);
  let dir: string;
  let tarball: string;
  let packOutput: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'star-coach-pack-'));
    // npm pack runs prepack, which builds the production bundles.
    packOutput = execFileSync(NPM, ['pack', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });
    tarball = join(dir, packOutput.trim());
  });

  it('npm pack prints only the tarball name, as pre-commit reads it', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    assert.equal(packOutput.trim(), `star-coach-${version}.tgz`);
  });

  describe('npm pack: the command-line checker', () => {
    it('holds the CLI bundle, the rule docs, the schemas, the READMEs, LICENSE and package.json, and nothing else', () => {
      const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).trim().split('\n').sort();
      const expected = [
        'LICENSE',
        'README.marketplace.md',
        'README.md',
        'dist/cli.js',
        ...RULES.map((rule) => `docs/rules/${rule.alias}.md`),
        // Other pages of the docs folder (scoring, …) go with them.
        ...readdirSync(join(ROOT, 'docs'), { recursive: true, withFileTypes: true })
          .filter((entry) => entry.isFile() && !entry.parentPath.endsWith(join('docs', 'rules')))
          .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)).split(sep).join('/')),
        'package.json',
        'schemas/questions.schema.json',
        'schemas/starcoachrc.schema.json',
      ].map((f) => `package/${f}`);
      assert.deepEqual(files, expected.sort());
    });

    it('has a star-coach bin and no dependencies, so it installs offline', () => {
      const manifest = JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }));
      assert.equal(manifest.bin['star-coach'], './dist/cli.js');
      assert.equal(manifest.dependencies, undefined);
    });

    it('installs from the tarball with no network and checks a draft in another folder', () => {
      const project = join(dir, 'project');
      mkdirSync(project);
      writeFileSync(join(project, 'package.json'), '{ "name": "someone-elses-repo", "version": "1.0.0", "private": true }\n');
      writeFileSync(join(project, 'story.star.md'), DRAFT);
      execFileSync(NPM, ['install', '--offline', '--no-audit', '--no-fund', tarball], { cwd: project, stdio: 'pipe', env: { ...process.env, npm_config_update_notifier: 'false' } });
      const run = spawnSync(NPM, ['exec', '--offline', '--', 'star-coach', 'check', '--format', 'github'], { cwd: project, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, /^::warning file=story\.star\.md,line=1,col=1,.*title=STAR Coach STAR004 missing-result::/m);
    });
  });

  it('the users\u2019 page lists every rule (add a row to README.marketplace.md for a new rule)', () => {
    const page = readFileSync(join(ROOT, 'README.marketplace.md'), 'utf8');
    for (const rule of RULES) assert.match(page, new RegExp(`^\\| ${rule.id} \\| ${rule.alias} \\| `, 'm'), rule.alias);
  });

  describe('the .vsix: the VS Code extension', () => {
    let vsix: string;
    before(() => {
      vsix = join(dir, 'star-coach.vsix');
      execFileSync(process.execPath, [join(ROOT, 'scripts', 'package-vsix.mjs'), '--no-build', '-o', vsix], { cwd: ROOT, stdio: 'pipe' });
    });

    it('ships a manifest with no bin, scripts or dependencies, and no links to the repository that is not online yet', () => {
      const manifest = JSON.parse(zipText(vsix, 'extension/package.json'));
      for (const key of ['bin', 'scripts', 'dependencies', 'devDependencies', 'repository', 'homepage', 'bugs']) assert.equal(manifest[key], undefined, key);
      assert.equal(manifest.main, './dist/extension.js');
      assert.ok(manifest.contributes.jsonValidation.length > 0);
      assert.doesNotMatch(zipText(vsix, 'extension.vsixmanifest'), /github\.com\/star-coach/, 'no placeholder links on the extension page');
    });

    it('has the users’ README, with no image the extension page could not show', () => {
      const readme = zipText(vsix, 'extension/readme.md');
      assert.equal(readme, readFileSync(join(ROOT, 'README.marketplace.md'), 'utf8'));
      assert.doesNotMatch(readme, /npm install|npm test/, 'not the developer README');
      // VS Code's extension page and the Marketplace show only https images.
      for (const [, src] of readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)|<img[^>]*src="([^"]+)"/g)) assert.match(src, /^https:\/\//, src);
    });

    it('holds the extension bundle, schemas and rule docs, but not the CLI', () => {
      const entries = zipEntries(vsix);
      for (const entry of ['extension/dist/extension.js', 'extension/schemas/starcoachrc.schema.json', 'extension/schemas/questions.schema.json', 'extension/docs/rules/missing-result.md']) {
        assert.ok(entries.includes(entry), entry);
      }
      assert.ok(!entries.includes('extension/dist/cli.js'));
      assert.ok(!entries.some((e) => e.endsWith('.map') || e.startsWith('extension/src/')));
    });
  });
});
