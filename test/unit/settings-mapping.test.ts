import { strict as assert } from 'node:assert';
import { optionsFromSettings } from '../../src/vscode/settings-mapping';
import { spokenDuration } from '../../src/vscode/summaries';

describe('settings → options (the glue that needs no VS Code)', () => {
  it('maps per-rule severities, required sections and synonyms to the CLI options shape', () => {
    const { options, problems } = optionsFromSettings({
      severities: { 'missing-reflection': 'off', 'missing-metrics': 'error' },
      requiredSections: ['situation', 'task', 'action', 'result'],
      synonyms: { result: ['Payoff'] },
    });
    assert.deepEqual(problems, []);
    assert.deepEqual(options, {
      rules: { 'missing-reflection': 'off', 'missing-metrics': 'error' },
      requiredSections: ['situation', 'task', 'action', 'result'],
      synonyms: { result: ['Payoff'] },
    });
  });

  it('lets workspace settings win over .starcoachrc.json, rule by rule', () => {
    const { options } = optionsFromSettings(
      { severities: { 'missing-result': 'error' }, requiredSections: ['situation', 'task', 'action', 'result'] },
      { rules: { 'missing-result': 'off', 'missing-task': 'information' }, requiredSections: ['situation'], synonyms: { task: ['Mandate'] } },
    );
    assert.deepEqual(options.rules, { 'missing-result': 'error', 'missing-task': 'information' });
    assert.deepEqual(options.requiredSections, ['situation', 'task', 'action', 'result']);
    assert.deepEqual(options.synonyms, { task: ['Mandate'] });
  });

  it('adds synonyms from both places', () => {
    const { options } = optionsFromSettings({ severities: {}, synonyms: { result: ['Payoff'] } }, { synonyms: { result: ['Win'] } });
    assert.deepEqual(options.synonyms, { result: ['Win', 'Payoff'] });
  });

  it('reports invalid values with the setting that holds them and keeps the rest', () => {
    const { options, problems } = optionsFromSettings({ severities: { 'missing-result': 'loud', 'missing-task': 'error' }, requiredSections: ['situation', 'summary'] });
    assert.deepEqual(problems, [
      'Settings (starCoach): rules.missing-result: "loud" is not a severity; use off, hint, information, warning, error',
      'Settings (starCoach): requiredSections: "summary" is not a section; use situation, task, action, result, reflection',
    ]);
    assert.deepEqual(options.rules, { 'missing-task': 'error' });
    assert.deepEqual(options.requiredSections, ['situation']);
  });

  it('formats spoken length at the configured rate', () => {
    assert.equal(spokenDuration(312, 150), '2:05');
    assert.equal(spokenDuration(0, 150), '0:00');
    assert.equal(spokenDuration(300, 120), '2:30');
  });
});
