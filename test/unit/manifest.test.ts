import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatedManifest } from '../../scripts/manifest';
import { COMMANDS, SETTINGS, TREE_ITEMS, VIEWS } from '../../src/vscode/constants';
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

  it('contributes the Story Bank view beside Questions, its commands, menus and the targets setting', () => {
    const views = manifest.contributes.views[VIEWS.container].map((v: { id: string }) => v.id);
    assert.deepEqual(views.slice(views.indexOf(VIEWS.questionBank), views.indexOf(VIEWS.questionBank) + 2), [VIEWS.questionBank, VIEWS.storyBank]);
    const contributed = new Map(manifest.contributes.commands.map((c: { command: string; category: string }) => [c.command, c.category]));
    for (const command of [COMMANDS.storyBankRefresh, COMMANDS.storyBankOpenReport, COMMANDS.storyBankPractice, COMMANDS.storyBankPracticeRandom, COMMANDS.storyBankOpenStory]) {
      assert.equal(contributed.get(command), 'STAR Coach', command);
    }
    const palette = manifest.contributes.menus.commandPalette as Array<{ command: string; when: string }>;
    assert.ok(palette.some((m) => m.command === COMMANDS.storyBankOpenStory && m.when === 'false'), 'Open Story is internal');
    const items = manifest.contributes.menus['view/item/context'] as Array<{ command: string; when: string }>;
    assert.ok(items.some((m) => m.command === COMMANDS.storyBankPractice && m.when === `view == ${VIEWS.storyBank} && viewItem == ${TREE_ITEMS.story}`));
    const titles = manifest.contributes.menus['view/title'] as Array<{ command: string; when: string }>;
    assert.ok(titles.some((m) => m.command === COMMANDS.storyBankOpenReport && m.when === `view == ${VIEWS.storyBank}`));
    const targets = manifest.contributes.configuration.properties[`${SETTINGS.section}.${SETTINGS.storyBankTargets}`];
    assert.deepEqual(targets.type, ['string', 'array']);
    assert.equal(targets.default, 'competencies');
  });

  it('pins @types/vscode to the engines.vscode floor', () => {
    assert.equal(`^${manifest.devDependencies['@types/vscode']}`, manifest.engines.vscode);
  });

  it('activates on markdown and on workspaces with *.star.md only', () => {
    assert.deepEqual(manifest.activationEvents, ['onLanguage:markdown', 'workspaceContains:**/*.star.md']);
  });
});
