import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EDITOR_SETTING_SPECS, editorSettingsFrom } from '../../src/vscode/settings-mapping';

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, { type: string; default: unknown; minimum?: number; maximum?: number; items?: { type: string } }> } };
};

describe('editor settings (typed and checked before any provider reads them)', () => {
  const read = (values: Record<string, unknown>) => (key: string) => values[key];

  it('gives the package.json defaults when nothing is set', () => {
    const { settings, problems } = editorSettingsFrom(read({}));
    assert.deepEqual(problems, []);
    assert.deepEqual(settings, { enable: true, include: [], exclude: [], debounceMs: 300, hideWhileTyping: false, codeLensEnabled: true, wordsPerMinute: 150 });
  });

  it('declares every key, type, default and bound as package.json does', () => {
    const kinds = { boolean: 'boolean', strings: 'array', number: 'number' } as const;
    for (const spec of Object.values(EDITOR_SETTING_SPECS)) {
      const declared = manifest.contributes.configuration.properties[`starCoach.${spec.key}`];
      assert.ok(declared, spec.key);
      assert.equal(declared.type, kinds[spec.kind], spec.key);
      assert.deepEqual(declared.default, spec.default, spec.key);
      if (spec.kind === 'strings') assert.equal(declared.items?.type, 'string', spec.key);
      if (spec.kind === 'number') assert.deepEqual([declared.minimum, declared.maximum], [spec.min, spec.max], spec.key);
    }
  });

  it('keeps values of the right type', () => {
    const { settings, problems } = editorSettingsFrom(
      read({ enable: false, 'files.include': ['**/interview/**'], 'files.exclude': ['**/archive/**'], debounceMs: 0, hideWhileTyping: true, 'codeLens.enabled': false, wordsPerMinute: 120 }),
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(settings, { enable: false, include: ['**/interview/**'], exclude: ['**/archive/**'], debounceMs: 0, hideWhileTyping: true, codeLensEnabled: false, wordsPerMinute: 120 });
  });

  it('replaces a string where a list belongs with the default, and says how to write it', () => {
    const { settings, problems } = editorSettingsFrom(read({ 'files.exclude': '**/archive/**', 'files.include': ['a', 3] }));
    assert.deepEqual(settings.exclude, []);
    assert.deepEqual(settings.include, []);
    assert.deepEqual(problems, [
      { key: 'files.include', message: 'Settings (starCoach): files.include: ["a",3] is not a list of glob patterns; using []' },
      { key: 'files.exclude', message: 'Settings (starCoach): files.exclude: "**/archive/**" is not a list of glob patterns; using []; write it as a list: ["**/archive/**"]' },
    ]);
  });

  it('replaces words, NaN and null where a number or a boolean belongs, and clamps numbers to their bounds', () => {
    const { settings, problems } = editorSettingsFrom(read({ debounceMs: 'soon', wordsPerMinute: Number.NaN, enable: 'no', hideWhileTyping: null }));
    assert.deepEqual([settings.debounceMs, settings.wordsPerMinute, settings.enable, settings.hideWhileTyping], [300, 150, true, false]);
    assert.deepEqual(
      problems.map((p) => p.message),
      [
        'Settings (starCoach): enable: "no" is not true or false; using true',
        'Settings (starCoach): debounceMs: "soon" is not a number of milliseconds; using 300',
        'Settings (starCoach): hideWhileTyping: null is not true or false; using false',
        'Settings (starCoach): wordsPerMinute: NaN is not a number of words per minute; using 150',
      ],
    );
    const clamped = editorSettingsFrom(read({ debounceMs: -5, wordsPerMinute: 1000 }));
    assert.deepEqual([clamped.settings.debounceMs, clamped.settings.wordsPerMinute], [0, 300]);
    assert.deepEqual(clamped.problems.map((p) => p.key), ['debounceMs', 'wordsPerMinute']);
  });
});
