import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NearestFileFinder } from '../../src/config/file-access';
import { nodeFiles } from '../../src/config/node-files';
import { PRESETS, PRESET_NAMES } from '../../src/config/presets';
import { ConfigError, ConfigFinder, loadConfig, loadConfigFile, parseConfigText } from '../../src/config/rc-file';
import { analyze, MISSING_SECTION_RULES } from '../../src/engine';
import { FRAMEWORK_NAMES } from '../../src/core/frameworks';
import { validateOptions, type StarCoachOptions } from '../../src/engine/options';
import { memoryFiles } from '../support/memory-files';

async function rejection(promise: Promise<unknown>): Promise<ConfigError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the load to fail');
}

describe('.starcoachrc.json', () => {
  describe('JSONC', () => {
    it('accepts line and block comments and trailing commas', () => {
      const text = '{\n  // the team turns reflections off\n  "rules": { "missing-reflection": "off", },\n  /* block */ "requiredSections": ["situation", "action",],\n}\n';
      assert.deepEqual(parseConfigText(text, 'rc'), { rules: { 'missing-reflection': 'off' }, requiredSections: ['situation', 'action'] });
    });

    it('ignores a byte-order mark', () => {
      assert.deepEqual(parseConfigText('\uFEFF{ "rules": {} }', 'rc'), { rules: {} });
    });

    it('names the file, line and column of a syntax error', () => {
      assert.throws(() => parseConfigText('{\n  "rules": {\n    "missing-reflection" "off"\n  }\n}', '/p/.starcoachrc.json'), {
        message: '/p/.starcoachrc.json: invalid JSON at line 3, column 26: a colon was expected',
      });
      assert.throws(() => parseConfigText('', 'empty.json'), /empty\.json: invalid JSON at line 1, column 1: a value was expected/);
      assert.throws(() => parseConfigText('{ "a": 1 } {}', 'more.json'), /more\.json: invalid JSON at line 1, column 12: nothing more was expected/);
      assert.throws(() => parseConfigText('{ "a": 1 } x', 'tail.json'), /tail\.json: invalid JSON at line 1, column 12: unexpected character/);
    });
  });

  describe('extends', () => {
    it('lays a preset under the file, whose own options win', async () => {
      const files = memoryFiles({ '/p/.starcoachrc.json': '{ "extends": "car", "rules": { "missing-metrics": "off" } }' });
      assert.deepEqual(await loadConfigFile('/p/.starcoachrc.json', files), { framework: 'car', rules: { 'missing-metrics': 'off' } });
      const own = memoryFiles({ '/p/rc.json': '{ "extends": "car", "framework": "soar" }' });
      assert.deepEqual(await loadConfigFile('/p/rc.json', own), { framework: 'soar' });
    });

    it('takes preset names in any case', async () => {
      const files = memoryFiles({ '/rc.json': '{ "extends": "STARR" }' });
      assert.deepEqual(await loadConfigFile('/rc.json', files), PRESETS.starr);
    });

    it('reads a relative path against the extending file, and lists every file it read', async () => {
      const files = memoryFiles({
        '/repo/answers/.starcoachrc.json': '{ "extends": "../shared/base.json", "synonyms": { "result": ["Payoff"] } }',
        '/repo/shared/base.json': '// team defaults\n{ "extends": "./strict.json", "rules": { "missing-reflection": "off" }, "synonyms": { "result": ["Effect"] } }',
        '/repo/shared/strict.json': '{ "rules": { "missing-metrics": "error", "missing-reflection": "error" } }',
      });
      const loaded = await loadConfig('/repo/answers/.starcoachrc.json', files);
      assert.deepEqual(loaded.options, {
        rules: { 'missing-metrics': 'error', 'missing-reflection': 'off' },
        synonyms: { result: ['Effect', 'Payoff'] },
      });
      assert.deepEqual(loaded.files, ['/repo/answers/.starcoachrc.json', '/repo/shared/base.json', '/repo/shared/strict.json']);
    });

    it('applies a list in order, later entries over earlier ones', async () => {
      const files = memoryFiles({
        '/rc.json': '{ "extends": ["./more.json", "par"] }',
        '/more.json': '{ "extends": "car", "requiredSections": ["situation", "action", "result"] }',
      });
      assert.deepEqual(await loadConfigFile('/rc.json', files), { framework: 'par', requiredSections: ['situation', 'action', 'result'] });
    });

    it('makes a preset mean what the framework option means: the parts required and the framework\'s own words', async () => {
      const text = '# Tell me about a hard deadline\n\n**Challenge:** The launch moved up two weeks.\n\n**Action:** I cut scope with the team.\n\n**Result:** We shipped 3 days early.\n';
      const missing = (options: StarCoachOptions): string[] =>
        analyze(text, { ...options, fileName: 'a.star.md' })
          .diagnostics.filter((d) => MISSING_SECTION_RULES.has(d.ruleId))
          .map((d) => d.alias);
      const files = memoryFiles({ '/rc.json': '{ "extends": "car" }' });
      assert.deepEqual(missing(await loadConfigFile('/rc.json', files)), []);
      assert.deepEqual(missing({}), ['missing-situation', 'missing-reflection'], 'without the preset the Challenge is only a Task');
    });

    it('reads a file two branches share, which is not a cycle', async () => {
      const files = memoryFiles({
        '/rc.json': '{ "extends": ["./a.json", "./b.json"] }',
        '/a.json': '{ "extends": "./common.json" }',
        '/b.json': '{ "extends": "./common.json" }',
        '/common.json': '{ "rules": { "missing-task": "off" } }',
      });
      assert.deepEqual(await loadConfigFile('/rc.json', files), { rules: { 'missing-task': 'off' } });
    });

    it('stops a cycle and names every file in it', async () => {
      const files = memoryFiles({
        '/p/.starcoachrc.json': '{ "extends": "./a.json" }',
        '/p/a.json': '{ "extends": "./b.json" }',
        '/p/b.json': '{ "extends": "./a.json" }',
      });
      const error = await rejection(loadConfig('/p/.starcoachrc.json', files));
      assert.equal(error.message, '/p/b.json: "extends" goes round in a circle: /p/a.json → /p/b.json → /p/a.json');
      const self = memoryFiles({ '/rc.json': '{ "extends": "./rc.json" }' });
      assert.equal((await rejection(loadConfig('/rc.json', self))).message, '/rc.json: "extends" goes round in a circle: /rc.json → /rc.json');
    });

    it('names a missing extended file and the chain that asked for it', async () => {
      const files = memoryFiles({
        '/p/.starcoachrc.json': '{ "extends": "./base.json" }',
        '/p/base.json': '{ "extends": "../gone.json" }',
      });
      const error = await rejection(loadConfig('/p/.starcoachrc.json', files));
      assert.equal(error.message, '/gone.json (extended by /p/base.json, extended by /p/.starcoachrc.json): file not found');
    });

    it('names the extended file and the chain for its syntax errors and bad keys', async () => {
      const broken = memoryFiles({ '/rc.json': '{ "extends": "./base.json" }', '/base.json': '{ "rules": ' });
      assert.match((await rejection(loadConfig('/rc.json', broken))).message, /^\/base\.json \(extended by \/rc\.json\): invalid JSON at line 1, column 12: a value was expected$/);
      const badKey = memoryFiles({ '/rc.json': '{ "extends": "./base.json" }', '/base.json': '{ "rules": { "no-such-rule": "off" } }' });
      assert.match((await rejection(loadConfig('/rc.json', badKey))).message, /^\/base\.json \(extended by \/rc\.json\): rules\.no-such-rule: unknown rule/);
    });

    it('says what a preset name may be when it knows none by that name', async () => {
      const files = memoryFiles({ '/rc.json': '{ "extends": "stra" }' });
      const error = await rejection(loadConfig('/rc.json', files));
      assert.equal(error.message, `/rc.json: extends: "stra" is not a preset (${PRESET_NAMES.join(', ')}); write a file as a relative path such as "./stra.json"`);
    });

    it('refuses an extends that is not a name, a path or a list of them', async () => {
      for (const value of ['42', '[]', '[""]', '{ "a": 1 }', '["star", 3]']) {
        const files = memoryFiles({ '/rc.json': `{ "extends": ${value} }` });
        assert.match((await rejection(loadConfig('/rc.json', files))).message, /^\/rc\.json: extends: expected a preset name/, value);
      }
    });

    it('says so when an extended path is a folder', async () => {
      const files = memoryFiles({ '/rc.json': '{ "extends": "./conf.json" }' }, ['/conf.json']);
      assert.equal((await rejection(loadConfig('/rc.json', files))).message, '/conf.json (extended by /rc.json): is a folder, not a configuration file');
    });

    it('has a preset per framework, each a plain, valid option object', () => {
      assert.deepEqual(PRESET_NAMES, FRAMEWORK_NAMES);
      for (const [name, preset] of Object.entries(PRESETS)) {
        const { options, problems } = validateOptions(preset, name);
        assert.deepEqual(problems, [], name);
        assert.deepEqual(options, preset, name);
      }
    });
  });

  describe('finding the nearest file', () => {
    it('walks up from the file, reading each folder once for many files', async () => {
      const files = memoryFiles({ '/repo/.starcoachrc.json': '{}' });
      const finder = new ConfigFinder(files);
      assert.equal(await finder.find('/repo/a/b/one.md'), '/repo/.starcoachrc.json');
      assert.equal(await finder.find('/repo/a/b/two.md'), '/repo/.starcoachrc.json');
      assert.equal(await finder.find('/repo/a/three.md'), '/repo/.starcoachrc.json');
      assert.deepEqual(files.reads, ['/repo/a/b/.starcoachrc.json', '/repo/a/.starcoachrc.json', '/repo/.starcoachrc.json']);
      assert.equal(await new NearestFileFinder('.starcoachrc.json', files).find('/elsewhere/x.md'), null);
    });
  });

  describe('on disk (the CLI)', () => {
    let dir: string;
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'star-coach-rc-'));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('reads JSONC and a relative extends through Node', async () => {
      mkdirSync(join(dir, 'team'));
      writeFileSync(join(dir, 'team', 'base.json'), '{ /* shared */ "extends": "par", }');
      writeFileSync(join(dir, '.starcoachrc.json'), '// ours\n{ "extends": "./team/base.json" }');
      const finder = new ConfigFinder(nodeFiles);
      const found = await finder.find(join(dir, 'drafts', 'a.star.md'));
      assert.equal(found, join(dir, '.starcoachrc.json'));
      assert.deepEqual(await loadConfig(found!, nodeFiles), { options: PRESETS.par, files: [join(dir, '.starcoachrc.json'), join(dir, 'team', 'base.json')] });
    });

    it('names a missing top-level file as before', async () => {
      const missing = join(dir, 'nope.json');
      assert.equal((await rejection(loadConfig(missing, nodeFiles))).message, `${missing}: cannot read the configuration file`);
    });
  });
});
