import { strict as assert } from 'node:assert';
import { bundledBank } from '../../src/bank/bundled';
import { DEFAULT_TARGETS, resolveTargets, tagKey, TARGET_PRESET_NAMES, TARGET_PRESETS, validateTargets } from '../../src/bank/targets';
import { mergeOptions, validateOptions } from '../../src/engine/options';

describe('story bank targets', () => {
  it('has a leadership-principles, a competencies and a values preset, each item with behaviours and unique ids', () => {
    assert.deepEqual([...TARGET_PRESET_NAMES].sort(), ['competencies', 'leadership-principles', 'values']);
    for (const name of TARGET_PRESET_NAMES) {
      const preset = TARGET_PRESETS[name];
      const ids = preset.items.map((item) => item.id);
      assert.equal(new Set(ids).size, ids.length, `${name}: duplicate ids`);
      for (const item of preset.items) {
        assert.match(item.id, /^[a-z0-9]+(?:-[a-z0-9]+)*$/);
        assert.ok(item.behaviours.length >= 2, `${name}/${item.id}: behaviours`);
        assert.ok(item.matches.length >= 1, `${name}/${item.id}: matches`);
      }
    }
  });

  it('every preset item matches at least one tag the bundled bank uses, so no row is a gap by construction', () => {
    const bank = bundledBank();
    const tags = new Set(bank.questions.flatMap((q) => [q.category, ...q.competencies, ...(q.values ?? [])]).map(tagKey));
    for (const name of TARGET_PRESET_NAMES) {
      for (const item of TARGET_PRESETS[name].items) {
        assert.ok(item.matches.some((tag) => tags.has(tagKey(tag))), `${name}/${item.id} matches nothing in the bank: ${item.matches.join(', ')}`);
      }
    }
  });

  it('compares tags ignoring case, spaces, hyphens and underscores', () => {
    assert.equal(tagKey(' Cross team_Collaboration '), 'cross-team-collaboration');
    assert.equal(tagKey('bias-for-action'), tagKey('Bias for action'));
  });

  it('resolves a preset name, the default, and a custom list with labels, matches and unique ids', () => {
    assert.equal(resolveTargets(undefined).name, DEFAULT_TARGETS);
    assert.equal(resolveTargets('Values').name, 'values');
    const custom = resolveTargets(['Mentoring', { label: 'Handling conflict', matches: ['conflict', 'negotiation'], behaviours: ['Named it'] }, 'mentoring']);
    assert.equal(custom.name, 'custom');
    assert.deepEqual(custom.items.map((item) => item.id), ['mentoring', 'handling-conflict', 'mentoring-2']);
    assert.deepEqual(custom.items[0].matches, ['Mentoring']);
    assert.deepEqual(custom.items[1].matches, ['conflict', 'negotiation']);
  });

  it('validates: unknown presets, empty lists and bad entries are named; good entries are kept', () => {
    assert.deepEqual(validateTargets('competencies', 'x'), { targets: 'competencies', problems: [] });
    assert.match(validateTargets('amazon', 'rc').problems[0], /^rc: targets: "amazon" is not a target preset; use competencies, leadership-principles, values/);
    assert.match(validateTargets([], 'rc').problems[0], /the list is empty/);
    assert.match(validateTargets(42, 'rc').problems[0], /expected a preset name/);
    const mixed = validateTargets(['Mentoring', '', { label: 'X', matches: 'conflict' }, { label: 'Y', colour: 'red' }, 7], 'rc');
    assert.deepEqual(mixed.targets, ['Mentoring', { label: 'Y' }]);
    assert.deepEqual(mixed.problems, [
      'rc: targets[1]: an empty name',
      'rc: targets[2].matches: expected a list of bank categories, competencies or values',
      'rc: targets[3]: colour: unknown key; expected id, label, behaviours, matches',
      'rc: targets[4]: expected a name or an object with "label" and "matches"',
    ]);
  });

  it('is an option of .starcoachrc.json: validated with the others, and a later layer replaces an earlier one', () => {
    const { options, problems } = validateOptions({ targets: 'leadership-principles' }, 'rc');
    assert.deepEqual(problems, []);
    assert.equal(options.targets, 'leadership-principles');
    assert.match(validateOptions({ targets: 'nope' }, 'rc').problems[0], /not a target preset/);
    assert.deepEqual(mergeOptions({ targets: 'values' }, { rules: {} }, { targets: ['Mentoring'] }).targets, ['Mentoring']);
    assert.equal(mergeOptions({ targets: 'values' }, { framework: 'car' }).targets, 'values');
  });
});
