import { strict as assert } from 'node:assert';
import { analyze, validateOptions } from '../../src/engine';
import { FRAMEWORK_NAMES, FRAMEWORKS } from '../../src/core/frameworks';

const draft = 'draft.star.md';
const missing = (text: string, framework?: string): string[] => {
  const { options, problems } = validateOptions(framework ? { framework } : {}, 'test');
  assert.deepEqual(problems, []);
  return analyze(text, { ...options, fileName: draft }).diagnostics.filter((d) => d.ruleId <= 'STAR005').map((d) => d.alias);
};

describe('frameworks', () => {
  const car = '## Q\n\n**Challenge:** Our checkout failed for 1 in 20 users and I had a week to fix it.\n\n**Action:** I traced the failures to one payment SDK and rolled it back.\n\n**Result:** Failures fell from 5% to 0.2% in 3 days.\n';

  it('CAR: Challenge covers Situation and Task, and no Reflection is required', () => {
    assert.deepEqual(missing(car, 'car'), []);
    const sections = analyze(car, { fileName: draft, framework: 'car' }).answers[0].sections;
    assert.deepEqual(sections[0].kinds, ['situation', 'task']);
  });

  it('under STAR (the default) the same draft reads Challenge as the Task and misses the Situation and Reflection', () => {
    assert.deepEqual(missing(car), ['missing-situation', 'missing-reflection']);
  });

  it('PAR: Problem covers Situation and Task', () => {
    const par = car.replace('Challenge', 'Problem');
    assert.deepEqual(missing(par, 'par'), []);
  });

  it('SOAR: Obstacle is the Task; STARR and STAR-L require the Reflection', () => {
    const soar = '## Q\n\n**Situation:** A vendor went bankrupt.\n\n**Obstacle:** I had a month to replace them.\n\n**Action:** I ran a two-week trial with two vendors.\n\n**Result:** We switched in 18 days.\n';
    assert.deepEqual(missing(soar, 'soar'), []);
    assert.deepEqual(missing(soar, 'starr'), ['missing-reflection']);
    assert.deepEqual(missing(soar, 'star-l'), ['missing-reflection']);
  });

  it('requiredSections still wins over the framework', () => {
    assert.deepEqual(analyze(car, { fileName: draft, framework: 'car', requiredSections: ['action', 'result', 'reflection'] }).diagnostics.filter((d) => d.ruleId <= 'STAR005').map((d) => d.alias), ['missing-reflection']);
  });

  it('an unknown framework is reported and ignored', () => {
    const { options, problems } = validateOptions({ framework: 'stars' }, '.starcoachrc.json');
    assert.equal(options.framework, undefined);
    assert.match(problems[0], /framework: "stars" is not a framework; use star, starr, star-l, car, par, soar/);
  });

  it('every framework is documented with its parts', () => {
    for (const name of FRAMEWORK_NAMES) assert.ok(FRAMEWORKS[name].title && FRAMEWORKS[name].parts, name);
  });
});
