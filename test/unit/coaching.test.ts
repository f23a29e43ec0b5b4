import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundledBank } from '../../src/bank/bundled';
import { analyze, followUpQuestions, SECTION_PLACEHOLDERS } from '../../src/engine';
import { resultEvidence } from '../../src/core/metrics';
import { explainScore, scoreTableMarkdown } from '../../src/engine/score';
import { answerText } from '../../src/core/sentences';
import type { Diagnostic } from '../../src/core/types';
import { coachingSize } from '../../scripts/coaching-size';

const ROOT = join(__dirname, '..', '..');

/** A labelled answer with the given parts. */
function draft(parts: Partial<Record<'Situation' | 'Task' | 'Action' | 'Result' | 'Reflection', string>>, title = 'Tell me about a time'): string {
  return `# ${title}\n\n${Object.entries(parts)
    .map(([label, body]) => `**${label}:** ${body}`)
    .join('\n\n')}\n`;
}

function findings(text: string, alias: string, options = {}): Diagnostic[] {
  return analyze(text, { fileName: 'story.star.md', ...options }).diagnostics.filter((d) => d.alias === alias);
}

const flagged = (text: string): string[] => findings(text, 'x').map((d) => d.message);
void flagged;

/** The text a finding's range covers. */
const covered = (text: string, d: Diagnostic): string => text.slice(d.range.start.offset, d.range.end.offset);

describe('coaching rules', () => {
  describe('sentences', () => {
    it('keep offsets into the document, with markup, links and code left out of the words', () => {
      const text = draft({ Action: 'I rewrote the [retry logic](https://example.com/a) and `x` added tracing, e.g. spans. We shipped it on 1.5 days.\n- I wrote docs' });
      const result = analyze(text, { fileName: 'a.star.md' });
      const tree = answerText(text, result.answers[0]);
      const sentences = tree.sections.flatMap((s) => s.sentences);
      assert.deepEqual(
        sentences.map((s) => text.slice(tree.base + s.start, tree.base + s.end)),
        ['I rewrote the [retry logic](https://example.com/a) and `x` added tracing, e.g. spans.', 'We shipped it on 1.5 days.', 'I wrote docs'],
      );
      assert.deepEqual(sentences[0].words.map((w) => w.lower), ['i', 'rewrote', 'the', 'retry', 'logic', 'and', 'added', 'tracing', 'e.g', 'spans']);
      for (const s of sentences) for (const w of s.words) assert.equal(text.slice(tree.base + w.start, tree.base + w.end).toLowerCase(), w.lower);
    });

    it('cut at blank lines, list items, a line ending in ";" or ":", and sentence ends, but not after "e.g." or inside "1.5"', () => {
      const text = draft({ Action: 'I listed the risks:\nthe cache; the queue;\nthe DNS\n\n> I asked Dr. Lee, e.g. about the 1.5 s delay! Then I\n- fixed it\n \t\nI paged them' });
      const result = analyze(text, { fileName: 'a.star.md' });
      const tree = answerText(text, result.answers[0]);
      assert.deepEqual(tree.sections.flatMap((s) => s.sentences.map((x) => x.text)), ['I listed the risks', 'the cache; the queue', 'the DNS', 'I asked Dr. Lee, e.g. about the 1.5 s delay!', 'Then I', 'fixed it', 'I paged them']);
    });

    it('are built once per answer text and kept across analyses, also in a bank of more than a few hundred answers', () => {
      // The cache once held 256 answers, so re-analyzing a larger bank evicted every tree before its next use.
      const bank = Array.from({ length: 400 }, (_, i) => draft({ Situation: `Outage number ${i}.`, Action: `I fixed outage ${i} by hand.`, Result: `Errors fell from ${i + 10} to 2 a week within a month.` }, `Story ${i}`)).join('\n');
      const first = analyze(bank, { fileName: 'bank.star.md' });
      const second = analyze(bank, { fileName: 'bank.star.md' });
      assert.equal(first.answers.length, 400);
      for (const index of [0, 199, 399]) assert.equal(answerText(bank, second.answers[index]).sections, answerText(bank, first.answers[index]).sections, `answer ${index}`);
      // The score is kept with the tree, and each analysis gets its own copy.
      assert.deepEqual(second.answers[0].score, first.answers[0].score);
      assert.notEqual(second.answers[0].score, first.answers[0].score);
    });
  });

  describe('STAR009 ownership', () => {
    it('flags an Action that says "we" and hardly "I", at the first "we" sentence, quoting the others\' openings', () => {
      const text = draft({ Situation: 'Deploys failed.', Action: 'We met daily.\nWe split the pipeline.\nWe added retries and I reviewed it.', Result: 'Fewer failures.' });
      const [d] = findings(text, 'ownership');
      assert.equal(covered(text, d), 'We met daily.');
      assert.match(d.message, /"we" 3 times and "I" once/);
      assert.match(d.message, /2 sentences \("We met daily\.", "We split the pipeline\."\) say only "we"/);
      // Long sentences are quoted by their first words, at most three of them.
      const long = draft({ Situation: 'Deploys failed.', Action: 'We met every single morning at nine.\nWe split the pipeline.\nWe paired.\nWe added retries to every job.', Result: 'Fewer failures.' });
      assert.match(findings(long, 'ownership')[0].message, /4 sentences \("We met every single…", "We split the pipeline\.", "We paired\.", …\)/);
    });
    it('leaves "we" in the Situation and Result alone, and a balanced Action', () => {
      const text = draft({ Situation: 'We were late. We had no tests. We lost a customer.', Action: 'I wrote the tests and we reviewed them; I ran the release.', Result: 'We shipped on time.' });
      assert.deepEqual(findings(text, 'ownership'), []);
    });
    it('flags a passive that hides the actor, not one that names it, a state, or "I was asked"', () => {
      const text = draft({ Action: 'The database was migrated over a weekend. The old runners were then decommissioned. The plan was approved by the CTO. I was asked to lead it. I was excited about it, and the design was based on the old one.' });
      assert.deepEqual(findings(text, 'ownership').map((d) => covered(text, d)), ['was migrated', 'were then decommissioned']);
    });
  });

  describe('STAR010 hypothetical-action', () => {
    it('flags "I would", "I\'d" and "I usually" in the Action', () => {
      const text = draft({ Action: 'I would call the customer first. I\u2019d set up a war room. I typically write a plan.' });
      assert.deepEqual(findings(text, 'hypothetical-action').map((d) => covered(text, d)), ['I would', 'I\u2019d', 'I typically']);
    });
    it('leaves the Reflection, "I\'d already", and a reported promise alone', () => {
      const text = draft({ Action: "I told them I would fix it by Friday. I'd already shipped the patch. I always-on tested nothing.", Reflection: 'Next time I would call sooner, and I usually will.' });
      assert.deepEqual(findings(text, 'hypothetical-action'), []);
    });
  });

  describe('STAR011 section-balance', () => {
    const VOCABULARY = ['the', 'queue', 'grew', 'while', 'orders', 'waited', 'for', 'stock', 'checks'];
    const words = (n: number): string => `${Array.from({ length: n }, (_, i) => VOCABULARY[i % VOCABULARY.length]).join(' ')}.`;
    it('flags a setup over 35% and an Action under 35%, at the label concerned', () => {
      const heavy = draft({ Situation: words(40), Task: words(10), Action: words(40), Result: words(10) });
      assert.match(findings(heavy, 'section-balance')[0].message, /Situation and Task take 50% of this answer's 100 words/);
      const thin = draft({ Situation: words(20), Task: words(10), Action: words(30), Result: words(40) });
      const [d] = findings(thin, 'section-balance');
      assert.equal(covered(thin, d), '**Action:**');
      assert.match(d.message, /Action is 30%/);
    });
    it('does not judge short answers or a balanced one', () => {
      assert.deepEqual(findings(draft({ Situation: words(30), Action: words(10) }), 'section-balance'), []);
      assert.deepEqual(findings(draft({ Situation: words(15), Task: words(5), Action: words(60), Result: words(20) }), 'section-balance'), []);
    });
  });

  describe('STAR012 answer-length', () => {
    const words = (n: number): string => `${Array.from({ length: n }, () => 'word').join(' ')}.`;
    it('flags an answer longer than 2 minutes at the speaking rate, and follows wordsPerMinute', () => {
      const text = draft({ Situation: words(60), Action: words(200), Result: words(60) });
      assert.match(findings(text, 'answer-length')[0].message, /about 2 min 8 s; aim for 2 min or less.*the Action \(200 words\)/);
      assert.deepEqual(findings(text, 'answer-length', { wordsPerMinute: 180 }), []);
    });
    it('uses the linked question\'s targetSeconds', () => {
      const question = bundledBank().questions[0];
      const text = `---\nquestion: ${question.id}\n---\n\n${draft({ Situation: words(20), Action: words(Math.ceil((question.targetSeconds * 150) / 60)), Result: words(10) })}`;
      assert.match(findings(text, 'answer-length')[0].message, /the question's target is/);
    });
    it('flags a complete answer under 45 seconds, but not a draft with prompts still in it', () => {
      assert.match(findings(draft({ Situation: 'Slow build.', Action: 'I cached it.', Result: 'Builds took 4 minutes instead of 11.' }), 'answer-length')[0].message, /under the 45 s/);
      assert.deepEqual(findings(draft({ Situation: 'Slow build.', Action: 'I cached it.', Result: SECTION_PLACEHOLDERS.result }), 'answer-length'), []);
    });
  });

  describe('STAR013 vague-result', () => {
    it('flags vague amounts at the word, and says which parts a figure lacks', () => {
      const vague = draft({ Action: 'I cached it.', Result: 'Builds got significantly faster and a lot cheaper.' });
      assert.deepEqual(findings(vague, 'vague-result').map((d) => covered(vague, d)), ['significantly', 'a lot']);
      const bare = draft({ Action: 'I cached it.', Result: 'Builds are 40% faster.' });
      assert.match(findings(bare, 'vague-result')[0].message, /gives "40%" but not what it was before \(a baseline\) or over what time \(a time frame\)/);
      const whole = draft({ Action: 'I cached it.', Result: 'Builds fell from 11 to 4 minutes within a month.' });
      assert.deepEqual(findings(whole, 'vague-result'), []);
    });
    it('reads "by day two" and "by the second week" as time frames', () => {
      assert.equal(resultEvidence('Engagement rose 15% over the old banner by day two.').timeFrame, true);
      assert.equal(resultEvidence('Tickets fell 30% from the March level by the second week.').timeFrame, true);
      assert.equal(resultEvidence('Tickets fell 30% from the March level, by my count.').timeFrame, false);
    });
    it('reads "from 2019 to 2021" as a period, not a change', () => {
      const period = resultEvidence('From 2019 to 2021 I led a team of 12 engineers.');
      assert.equal(period.timeFrame, true);
      assert.equal(period.change, false);
      assert.equal(period.baseline, false);
      assert.equal(resultEvidence('Revenue grew 40% from 2019 to 2021.').baseline, false);
    });
  });

  describe('STAR014 hedging', () => {
    it('flags hedges and fillers once per sentence, naming them all', () => {
      const text = draft({ Action: 'I think I kind of led it. Maybe it basically worked.', Result: 'It just shipped.' });
      const found = findings(text, 'hedging');
      assert.deepEqual(found.map((d) => covered(text, d)), ['I think', 'Maybe', 'just']);
      assert.match(found[1].message, /"Maybe", "basically" soften/);
    });
    it('leaves "just in time", "fair", "treated them fairly" and "they think" alone', () => {
      const text = draft({ Situation: 'The parts came just in time. They think it was fair.', Action: 'I treated both teams fairly and gave a fair hearing.', Result: 'A just outcome.' });
      assert.deepEqual(findings(text, 'hedging'), []);
    });
  });

  describe('STAR015 risk-arithmetic', () => {
    it('checks R = P × I and gives the right figure', () => {
      const text = draft({ Action: 'Probability ≈ 0.3; Impact = 5; R = 1.8.' });
      const [d] = findings(text, 'risk-arithmetic');
      assert.equal(covered(text, d), '1.8');
      assert.match(d.message, /0\.3 × impact 5 is 1\.5, not 1\.8/);
      assert.deepEqual(findings(draft({ Action: 'Probability ≈ 0.3; Impact = 5; R = 1.5, above our tolerance of 1.0.' }), 'risk-arithmetic'), []);
      assert.deepEqual(findings(draft({ Action: 'Likelihood 30%, impact 4, risk = 1.2.' }), 'risk-arithmetic'), []);
    });
    it('checks a comparison with a stated threshold and a product written out', () => {
      assert.match(findings(draft({ Action: 'P = 0.2, I = 4, R = 0.8, above our tolerance of 1.0.' }), 'risk-arithmetic')[0].message, /0\.8 .* is below the threshold of 1\.0, not above it/);
      assert.match(findings(draft({ Action: 'Risk = 0.4 × 5 = 2.5.' }), 'risk-arithmetic')[0].message, /0\.4 × 5 is 2, not 2\.5/);
      assert.deepEqual(findings(draft({ Action: 'I cut it from 4 to 2. The 3 x 4 grid = 12 cells.' }), 'risk-arithmetic'), []);
    });
  });
});

describe('score', () => {
  const bank = bundledBank();

  it('is 0 for an answer whose every part is only a prompt', () => {
    const text = draft(Object.fromEntries(Object.entries(SECTION_PLACEHOLDERS).map(([kind, prompt]) => [kind[0].toUpperCase() + kind.slice(1), prompt])));
    const [answer] = analyze(text, { fileName: 'a.star.md' }).answers;
    assert.ok(answer.sections.every((s) => s.empty));
    assert.equal(answer.score?.total, 0);
  });

  it('scores the model answers at least 85, with no warning-level finding', () => {
    const dir = join(ROOT, 'test', 'fixtures', 'model-answers');
    const files = readdirSync(dir).filter((f) => f.endsWith('.md'));
    assert.ok(files.length >= 4);
    for (const file of files) {
      const text = readFileSync(join(dir, file), 'utf8');
      const result = analyze(text, { fileName: file });
      const [answer] = result.answers;
      assert.ok(bank.byId(answer.questionId ?? ''), `${file} is linked to a bank question`);
      assert.ok(answer.score!.dimensions.coverage, `${file} is scored on key points`);
      assert.ok(answer.score!.total >= 85, `${file}: ${answer.score!.total}`);
      assert.deepEqual(result.diagnostics.filter((d) => d.severity === 'warning' || d.severity === 'error').map((d) => d.message), [], file);
    }
  });

  it('is deterministic, sums its dimensions, and links every lost point to a line', () => {
    const text = draft({ Situation: 'We had outages.', Action: 'We would fix it. The fix was deployed.', Result: 'It got 30% better.' });
    const first = analyze(text, { fileName: 'a.star.md' }).answers[0].score;
    assert.deepEqual(analyze(text, { fileName: 'a.star.md' }).answers[0].score, first);
    const dims = Object.values(first!.dimensions);
    assert.equal(first!.total, Math.round((100 * dims.reduce((s, d) => s + d.points, 0)) / dims.reduce((s, d) => s + d.max, 0)));
    assert.equal(first!.dimensions.coverage, undefined, 'no coverage without a linked question');
    const explained = explainScore(text, analyze(text, { fileName: 'a.star.md' }).answers[0], { questions: bank });
    const lost = explained.dimensions.flatMap((d) => d.evidence.filter((e) => e.points < 0).map((e) => `${d.name}:${e.range?.start.line}:${e.text}`));
    assert.ok(lost.includes('ownership:5:"was deployed": who did it?'), lost.join('\n'));
    assert.ok(lost.some((l) => l.startsWith('result:') && l.includes('no baseline')), lost.join('\n'));
    assert.ok(lost.some((l) => l.startsWith('reflection:')));
  });

  it('is shown on docs/scoring.md exactly as SCORE_TABLE defines it', () => {
    assert.ok(readFileSync(join(ROOT, 'docs', 'scoring.md'), 'utf8').includes(scoreTableMarkdown()), 'docs/scoring.md: paste scoreTableMarkdown() output in place of the old table');
  });
});

describe('follow-up questions', () => {
  it('come from the gaps, then the linked question, without repeats', () => {
    const question = bundledBank().questions[0];
    const text = `---\nquestion: ${question.id}\n---\n\n${draft({ Situation: 'It broke.', Action: 'We met. We fixed it. We tested it.', Result: 'Errors fell 40%.' })}`;
    const [answer] = analyze(text, { fileName: 'a.star.md' }).answers;
    const asked = followUpQuestions(text, answer, bundledBank()).map((f) => f.question);
    assert.deepEqual(asked.slice(0, 4), ['What did you personally do?', 'What was it before?', 'How long did that take?', 'What would you do differently?']);
    assert.deepEqual(asked.slice(4), question.followUps);
  });
  it('are only the question\'s own for a complete answer', () => {
    const text = readFileSync(join(ROOT, 'test', 'fixtures', 'model-answers', 'ownership-problem-between-teams.star.md'), 'utf8');
    const [answer] = analyze(text, { fileName: 'a.star.md' }).answers;
    assert.ok(followUpQuestions(text, answer, bundledBank()).every((f) => f.reason === 'question bank'));
  });
});

describe('coaching\'s size', () => {
  it('adds well under 100 KB to the minified extension bundle', function () {
    this.timeout(60_000);
    const size = coachingSize();
    // The seven rules, the score, follow-ups, sentences and the hedge lists are all there, so the measure cannot pass by missing them.
    assert.ok(Object.keys(size.modules).length >= 11, Object.keys(size.modules).join(', '));
    assert.ok(size.modelAnswersBytes > 0);
    // 10 KB are left for the glue in the hover, the CodeLens and the metrics detector (about 6 KB when this was written).
    assert.ok(size.modulesBytes + size.modelAnswersBytes < 90 * 1024, `${size.modulesBytes} + ${size.modelAnswersBytes} bytes`);
  });
});
