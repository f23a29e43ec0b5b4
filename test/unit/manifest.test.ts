import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatedManifest } from '../../scripts/manifest';
import { COMMANDS, SETTINGS } from '../../src/vscode/constants';
import { RULES } from '../../src/rules';

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));

describe('package.json', () => {
  it('has the settings schema generated from the rule list (run npm run gen:manifest if this fails)', () => {
    assert.equal(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'), generatedManifest());
  });

  it('offers a severity setting per rule with the rule default', () => {
    for (const rule of RULES) {
      const setting = manifest.contributes.configuration.properties[`starCoach.${SETTINGS.severityPrefix}.${rule.alias}`];
      assert.equal(setting.default, rule.defaultSeverity);
      assert.deepEqual(setting.enum, ['off', 'hint', 'information', 'warning', 'error']);
    }
  });

  it('declares every setting the glue reads', () => {
    const keys = Object.keys(manifest.contributes.configuration.properties);
    for (const key of [SETTINGS.enable, SETTINGS.include, SETTINGS.exclude, SETTINGS.requiredSections, SETTINGS.synonyms, SETTINGS.debounceMs, SETTINGS.hideWhileTyping, SETTINGS.codeLens, SETTINGS.wordsPerMinute, SETTINGS.questionBanks]) {
      assert.ok(keys.includes(`${SETTINGS.section}.${key}`), key);
    }
  });

  it('contributes every palette command under the STAR Coach category', () => {
    const contributed = new Map(manifest.contributes.commands.map((c: { command: string; category: string }) => [c.command, c.category]));
    for (const command of [COMMANDS.newDraft, COMMANDS.insertMissingSections, COMMANDS.checkWorkspace, COMMANDS.showRuleDocs]) {
      assert.equal(contributed.get(command), 'STAR Coach', command);
    }
  });

  it('pins @types/vscode to the engines.vscode floor', () => {
    assert.equal(`^${manifest.devDependencies['@types/vscode']}`, manifest.engines.vscode);
  });

  it('activates on markdown and on workspaces with *.star.md only', () => {
    assert.deepEqual(manifest.activationEvents, ['onLanguage:markdown', 'workspaceContains:**/*.star.md']);
  });
});
