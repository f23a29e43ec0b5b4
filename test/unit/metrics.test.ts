import { strict as assert } from 'node:assert';
import { analyze, findMetrics } from '../../src/engine';

describe('findMetrics', () => {
  const finds: Array<[string, string[]]> = [
    ['Conversion rose 15% in two days.', ['15%', 'two days']],
    ['A 15 percent lift.', ['15 percent']],
    ['It saved $120k a year.', ['$120k']],
    ['We cut spend by €4.5m.', ['€4.5m']],
    ['Throughput went up 3x.', ['3x']],
    ['p95 latency fell from 1.8 s to 340 ms.', ['from 1.8 s to 340 ms']],
    ['Builds now take 9 minutes.', ['9 minutes']],
    ['We closed 12 action items and had 0 incidents.', ['12 action items', '0 incidents']],
    ['It went from two days to four hours.', ['from two days to four hours']],
    ['Shipped three weeks early.', ['three weeks']],
    ['Support tickets halved.', ['halved']],
    ['Sign-ups doubled after launch.', ['doubled']],
    ['Review time went from 26 hours to 4 hours.', ['from 26 hours to 4 hours']],
    ['Onboarding takes 2 quarters less.', ['2 quarters']],
    ['We served 40+ customers.', ['40+ customers']],
    ['We signed 14 new enterprise customers in 2 months.', ['14 new enterprise customers', '2 months']],
    ['We closed two loss-making routes and kept three depots.', ['three depots']],
    ['Escalations went from 3 a month to none.', ['from 3 a month to none']],
    ['NPS rose from 32 to 41.', ['from 32 to 41']],
    ['A 10-fold drop in errors.', ['10-fold']],
    ['It took a quarter.', ['took a quarter']],
    ['We shipped a week early.', ['a week early']],
    ['Recovery now happens in under an hour.', ['under an hour']],
    ['We cut costs by half and churn fell by a third.', ['by half', 'by a third']],
    ['The migration had zero downtime.', ['zero downtime']],
    ['Tickets went from 120/month to 15/month.', ['from 120/month to 15/month']],
    ['Spend fell from $180k to $126k.', ['from $180k to $126k']],
  ];
  for (const [text, expected] of finds) {
    it(`finds ${expected.join(', ')} in "${text}"`, () => assert.deepEqual(findMetrics(text), expected));
  }

  const ignores = [
    'In 2023 we launched the new app.',
    'The release shipped on March 3.',
    'We met on 2024-03-01 and again on 3/14.',
    'We upgraded to version 2.3.1 last spring.',
    'The standup moved to 9:30 am.',
    'We migrated to Python 3.11 with the team.',
    'Step 1 was a design review.',
    'It was the best launch of the year.',
    'Everyone was happy with the outcome.',
    'The Q3 plan was approved.',
    'The talk happened on 12 April 2021 at 15:30 in room 4B.',
    'The team of 5 shipped v3 on time.',
    'We moved to 3 m5.large instances.',
    'It became the #1 app in the store.',
  ];
  for (const text of ignores) {
    it(`finds nothing in "${text}"`, () => assert.deepEqual(findMetrics(text), []));
  }
});

describe('findMetrics on real phrasing', () => {
  const counted = [
    ['Errors went from 40 to fewer than 10.', 'from 40 to fewer than 10'],
    ['Errors went from 40 to less than 10.', 'from 40 to less than 10'],
    ['It cut returns by seventy-five percent.', 'seventy-five percent'],
    ['We saved two million euros.', 'two million euros'],
    ['It brought in half a million dollars.', 'half a million dollars'],
    ['We handled twice the volume.', 'twice the'],
    ['Throughput grew eightfold.', 'eightfold'],
    ['It was faster by a factor of three.', 'by a factor of three'],
    ['Onboarding went from a week to a day.', 'from a week to a day'],
    ['We shipped in a single day.', 'a single day'],
    ['I added one index and the page loaded.', 'added one index'],
    ['Support answered within a week.', 'within a week'],
    ['The rollback finished in 30 minutes.', '30 minutes'],
    ['After the fix, builds took 4 minutes.', '4 minutes'],
    ['The migration needed one more day than planned.', 'one more day'],
    ['Review took two extra weeks.', 'two extra weeks'],
    ['We cut p95 to < 200 ms.', '200 ms'],
    ['Node CPU <55% after the fix.', '55%'],
    ['Replicas autoscaled 2→7 under load.', '2→7'],
    ['Coverage went 60% -> 85%.', '60% -> 85%'],
    ['Open drift items fell to 0.', 'fell to 0'],
    ['We saved over $10,000 a year.', '$10,000'],
    ['When we reached 500 users, we opened the beta.', '500 users'],
  ];
  for (const [text, metric] of counted) {
    it(`counts "${metric}"`, () => assert.deepEqual(findMetrics(text), [metric]));
  }
  const notCounted = [
    'It took a few days.',
    'It took a couple of minutes.',
    'I fixed an N+1 query.',
    'The alerts fire at 80% and I tuned them.',
    'I reviewed orders over $10,000 by hand.',
    'I started with zero finance background and learned.',
    'Six months later, two other teams used the pattern.',
    'After 14 years, both children speak the language.',
    'We met every deadline over the next two quarters.',
    'The 3 years in Lisbon went well for the family.',
    'A job clears the cache when disk use is > 70%.',
    'If the queue reaches 500, the service scales out.',
    'The report lists vendors earning over $10,000.',
    'Keep trying. One day it might pay off.',
  ];
  for (const text of notCounted) {
    it(`does not count "${text}"`, () => assert.deepEqual(findMetrics(text), []));
  }
  it('a fenced block and a nested list under the Result are part of the Result', () => {
    const text = '**Situation:** s.\n\n**Action:** a.\n\n**Result:**\n\n```\np95: 1.8 s -> 340 ms\n```\n\n- Shipped\n  - Errors fell 40%\n';
    const answer = analyze(text, { fileName: 'x.star.md' }).answers[0];
    assert.deepEqual(answer.metrics, ['1.8 s -> 340 ms', '40%']);
    assert.equal(answer.sections.find((s) => s.kind === 'result')!.empty, false);
  });
});

describe('findMetricDetails remembers recent texts', () => {
  it('answers a text it has seen from memory, with copies a caller may change', async () => {
    const { findMetricDetails, detectMetrics } = await import('../../src/core/metrics');
    const text = 'Churn fell from 9% to 4% within two quarters.';
    const first = findMetricDetails(text);
    first[0].text = 'changed by a caller';
    const second = findMetricDetails(text);
    assert.deepEqual(second, detectMetrics(text));
    assert.notEqual(second[0].text, 'changed by a caller');
  });
});
