import { strict as assert } from 'node:assert';
import { bundledBank } from '../../src/bank/bundled';
import { resolveTargets, type TargetSet } from '../../src/bank/targets';
import { analyze } from '../../src/engine/analyze';
import { buildStoryBank, coverageMatrix, likelyQuestion, reportHtmlPage, reportMarkdown, STORY_BANK_THRESHOLDS, type Story, type StoryInput } from '../../src/engine/report';

const bank = bundledBank();

/** A draft file's text: front matter (optional), a title and labelled parts. */
function draft(title: string, parts: Record<string, string>, frontMatter = ''): string {
  const body = Object.entries(parts).map(([label, text]) => `**${label}:** ${text}`).join('\n\n');
  return `${frontMatter ? `---\n${frontMatter}\n---\n\n` : ''}# ${title}\n\n${body}\n`;
}

const LINKED = draft(
  'My manager wanted to skip the load test',
  {
    Situation: 'Two weeks before the launch of our billing page, my manager asked us to skip the load test to save three days.',
    Task: 'I owned the release and had to decide whether I could accept that risk.',
    Action: 'I disagreed and told my manager my concern privately in our one-on-one. I asked why the date mattered and learned the constraints. I built a prototype load test in one afternoon and brought the numbers: at twice normal traffic p95 latency rose from 300 ms to 4 s.',
    Result: 'He changed his mind; we fixed the slow query and launched on the date, with p95 latency at 320 ms for the first month and no incident.',
    Reflection: 'I learned to bring evidence early and to keep the relationship by disagreeing in private, not in the team channel.',
  },
  'question: conflict-disagreed-with-manager',
);

// Not linked: its title is no bank question, but it covers the teamwork question's key points.
const LIKELY = draft('Helping Sam find his feet', {
  Situation: 'A new engineer, Sam, was stuck and quiet in stand-ups for two weeks while his first ticket slipped.',
  Task: 'I was his onboarding buddy and wanted him to ship on his own.',
  Action: 'I asked if we could talk one-on-one, and he admitted he did not understand the build. I paired with him every morning for a week and walked through the deploy scripts, and I moved my own work to the afternoon after checking with my manager.',
  Result: 'He delivered his first feature in 9 days instead of the 20 our team usually needed, and became confident enough to review others.',
  Reflection: 'I now check in with every new joiner in their first week instead of waiting for them to ask.',
});

// Matches nothing in the bank: no question, no targets.
const UNMATCHED = draft('Moving house', {
  Situation: 'We moved flats in March.',
  Task: 'I had to pack.',
  Action: 'I packed forty boxes over three evenings.',
  Result: 'Everything arrived in one day.',
});

// Linked, but with only a Situation written: a weak story.
const WEAK = draft('Tell me about a time you disagreed with a decision your manager made. What did you do?', { Situation: 'My manager wanted a rewrite.', Task: 'TODO', Action: 'TODO', Result: 'TODO' });

function inputs(...texts: Array<[string, string]>): StoryInput[] {
  return texts.map(([file, text]) => ({ file, result: analyze(text, { fileName: file }) }));
}

describe('story bank report', () => {
  describe('stories', () => {
    it('link by front matter, infer a "likely" question from key points, and leave an unmatched answer without one', () => {
      const report = buildStoryBank(inputs(['a.star.md', LINKED], ['b.star.md', LIKELY], ['c.star.md', UNMATCHED]), { questions: bank });
      const [linked, likely, unmatched] = report.stories;
      assert.equal(linked.id, 'a.star.md#0');
      assert.equal(linked.line, 5);
      assert.equal(linked.question?.id, 'conflict-disagreed-with-manager');
      assert.equal(linked.question?.likely, false);
      assert.deepEqual(linked.values, ['have-backbone', 'candor']);
      assert.ok(linked.targets.includes('conflict'), linked.targets.join());
      assert.equal(likely.question?.id, 'teamwork-helped-struggling-teammate');
      assert.equal(likely.question?.likely, true);
      assert.ok(likely.question!.covered / likely.question!.keyPoints >= STORY_BANK_THRESHOLDS.likelyMinShare);
      assert.ok(likely.targets.includes('teamwork'));
      assert.equal(unmatched.question, null);
      assert.deepEqual(unmatched.targets, []);
      assert.deepEqual(unmatched.competencies, []);
    });

    it('carry the score from analyze(), the spoken time at the speaking rate and the question\'s target', () => {
      const result = analyze(LINKED, { fileName: 'a.star.md' });
      const [story] = buildStoryBank([{ file: 'a.star.md', result }], { questions: bank, wordsPerMinute: 100 }).stories;
      assert.equal(story.score, result.answers[0].score!.total);
      assert.equal(story.seconds, Math.round((result.answers[0].words * 60) / 100));
      assert.equal(story.targetSeconds, bank.byId('conflict-disagreed-with-manager')!.targetSeconds);
      assert.equal(story.weak, false);
    });

    it('links by a title that is the question text, and marks a low score weak', () => {
      const [story] = buildStoryBank(inputs(['w.star.md', WEAK]), { questions: bank }).stories;
      assert.equal(story.question?.id, 'conflict-disagreed-with-manager');
      assert.ok(story.score < STORY_BANK_THRESHOLDS.weakScore, String(story.score));
      assert.equal(story.weak, true);
    });

    it('skip documents that are not drafts', () => {
      const report = buildStoryBank(inputs(['notes.md', '# Shopping\n\n- milk\n- eggs\n'], ['a.star.md', LINKED]), { questions: bank });
      assert.equal(report.summary.drafts, 1);
      assert.equal(report.stories.length, 1);
    });
  });

  describe('likely question', () => {
    it('needs at least half of a question\'s key points and at least two of them', () => {
      const one = analyze(draft('x', { Situation: 'I was stuck.', Action: 'I fixed a typo.', Result: 'Done in 1 day.' }), { forceDraft: true }).answers[0];
      assert.equal(likelyQuestion(one, bank.questions), undefined);
      const good = analyze(LIKELY, { fileName: 'b.star.md' }).answers[0];
      assert.equal(likelyQuestion(good, bank.questions)?.question.id, 'teamwork-helped-struggling-teammate');
    });
  });

  describe('coverage matrix', () => {
    const targets: TargetSet = {
      name: 'custom',
      title: 'Mine',
      items: [
        { id: 'a', label: 'A', behaviours: [], matches: ['x'] },
        { id: 'b', label: 'B', behaviours: [], matches: ['y'] },
        { id: 'c', label: 'C', behaviours: [], matches: ['z'] },
      ],
    };
    const story = (id: string, covers: string[], weak: boolean, likely = false): Story => ({
      id,
      file: 'f.md',
      answerIndex: 0,
      line: 1,
      title: id,
      score: weak ? 30 : 90,
      seconds: 60,
      targetSeconds: 120,
      words: 150,
      question: { id: 'q', text: 'q', category: 'x', categoryLabel: 'X', likely, covered: 3, keyPoints: 5 },
      competencies: [],
      values: [],
      targets: covers,
      weak,
    });

    it('marks a target with no story a gap, one with only weak stories weak, and one with a good story covered', () => {
      const rows = coverageMatrix([story('s1', ['a'], false, true), story('s2', ['a', 'b'], true)], targets);
      assert.deepEqual(rows.map((row) => [row.target.id, row.status]), [['a', 'covered'], ['b', 'weak'], ['c', 'gap']]);
      assert.deepEqual(rows[0].stories, [{ storyId: 's1', likely: true, weak: false }, { storyId: 's2', likely: false, weak: true }]);
    });

    it('lists the stories used for more targets than the threshold, and sums the rows', () => {
      const many = resolveTargets(['conflict', 'candor', 'have-backbone', 'judgment', 'communication']);
      const report = buildStoryBank(inputs(['a.star.md', LINKED], ['b.star.md', LIKELY]), { questions: bank, targets: many });
      assert.deepEqual(report.stories[0].targets, ['conflict', 'candor', 'have-backbone', 'judgment', 'communication']);
      assert.deepEqual(report.overused, [{ storyId: 'a.star.md#0', targets: 5 }]);
      assert.equal(report.summary.covered + report.summary.weakOnly + report.summary.gaps, report.rows.length);
    });

    it('uses the configured targets: the leadership principles preset has a row per principle', () => {
      const report = buildStoryBank(inputs(['a.star.md', LINKED]), { questions: bank, targets: 'leadership-principles' });
      assert.equal(report.targets.name, 'leadership-principles');
      assert.equal(report.rows.find((row) => row.target.id === 'have-backbone')?.status, 'covered');
      assert.equal(report.rows.find((row) => row.target.id === 'frugality')?.status, 'gap');
    });
  });

  describe('summary and renderings', () => {
    const report = buildStoryBank(inputs(['a.star.md', LINKED], ['w.star.md', WEAK], ['c.star.md', UNMATCHED]), { questions: bank });

    it('averages the scores and names the lowest story', () => {
      const scores = report.stories.map((s) => s.score);
      assert.equal(report.summary.averageScore, scores.reduce((a, b) => a + b, 0) / scores.length);
      assert.equal(report.summary.lowest?.storyId, 'w.star.md#0');
      assert.equal(buildStoryBank([], { questions: bank }).summary.averageScore, null);
    });

    it('renders markdown with a story table, a matrix row per target and the gaps with their behaviours', () => {
      const md = reportMarkdown(report);
      assert.match(md, /^# Story bank\n\n3 stories in 3 drafts, average score \d+(\.\d)?; Core competencies: /);
      assert.match(md, /\| S1 \| \[My manager wanted to skip the load test\]\(a\.star\.md#L5\) \| \d+ \|/);
      assert.match(md, /\| S2 \| .*\(weak\)/);
      for (const row of report.rows) assert.ok(md.includes(`| ${row.target.label} |`), row.target.label);
      assert.match(md, /- \*\*Innovation\*\*: no story\. A story for it shows: /);
    });

    it('renders a self-contained HTML page: escaped text, no script, no remote URL', () => {
      const html = reportHtmlPage(buildStoryBank(inputs(['<a>.star.md', LINKED.replace('My manager', 'My "manager" & 2 < 3')]), { questions: bank }));
      assert.ok(html.includes('My &quot;manager&quot; &amp; 2 &lt; 3'), html.slice(0, 2000));
      assert.ok(html.includes('href="&lt;a&gt;.star.md#L5"'));
      assert.doesNotMatch(html, /<script/i);
      assert.doesNotMatch(html, /(?:src|href)="(?:https?:)?\/\//i);
      assert.match(html, /Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"/);
    });
  });
});

describe('likely question: the fast count agrees with keyPointCoverage', () => {
  it('on every bundled question against texts built from its own and other questions\' signals', async () => {
    const { keyPointCoverage, answerText } = await import('../../src/bank/coverage');
    const { Random } = await import('../fuzz/random');
    const rng = new Random(7);
    const signals = bank.questions.flatMap((q) => q.keyPoints.flatMap((p) => p.signals));
    const variants = (s: string): string[] => [s, s.toUpperCase(), `x${s}`, `${s}ed`, s.replace(/ /g, '-'), s.replace(/'/g, '\u2019'), s.replace(/s/g, '\u017f').replace(/k/g, '\u212a'), s.replace(/i/g, '\u0130'), `${s}2`, `2${s}`, s.replace(/ /g, ' \u2013 '), s.replace(/ /g, ', '), s.replace(/ /g, '/'), s.replace(/ (\w+)$/, ' $1s')];
    let found = 0;
    for (let round = 0; round < 150; round++) {
      // Most of one question's key points (in some spelling), and a few other signals.
      const target = bank.questions[Math.floor(rng.next() * bank.questions.length)];
      const chosen = [...target.keyPoints.filter(() => rng.next() < 0.7).map((p) => p.signals[Math.floor(rng.next() * p.signals.length)]), ...Array.from({ length: 4 }, () => signals[Math.floor(rng.next() * signals.length)])];
      const words = chosen.map((signal) => {
        const pool = variants(signal);
        return pool[Math.floor(rng.next() * pool.length)];
      });
      while (words.length < 12) words.push('then');
      const answer = analyze(`# A story\n\n**Situation:** ${words.slice(0, 6).join(', ')}.\n\n**Action:** I ${words.slice(6).join(' and ')}.\n`, { forceDraft: true }).answers[0];
      const text = answerText(answer);
      const best = likelyQuestion(answer, bank.questions);
      // The slow way: every pattern against every question.
      let slow: { id: string; covered: number; share: number } | undefined;
      for (const question of bank.questions) {
        const covered = keyPointCoverage(question, text).filter((p) => p.covered).length;
        const share = covered / question.keyPoints.length;
        if (!slow || share > slow.share || (share === slow.share && covered > slow.covered)) slow = { id: question.id, covered, share };
      }
      const expected = slow && slow.share >= STORY_BANK_THRESHOLDS.likelyMinShare && slow.covered >= STORY_BANK_THRESHOLDS.likelyMinPoints ? slow : undefined;
      assert.deepEqual(best && { id: best.question.id, covered: best.covered }, expected && { id: expected.id, covered: expected.covered }, text);
      if (best) found++;
    }
    assert.ok(found >= 40, `only ${found} of 150 texts were likely about a question`);
  });
});

describe('story index (the scan\'s cache)', () => {
  it('analyzes a file only when its stamp changes, forgets deleted files, and rebuilds the report only after a change', async () => {
    const { StoryIndex } = await import('../../src/engine/report');
    const index = new StoryIndex();
    let runs = 0;
    const analyzeText = (text: string) => () => (runs++, analyze(text, { fileName: 'x.star.md' }));
    assert.equal(index.update('b.star.md', 'disk:1:10', analyzeText(LIKELY)), true);
    assert.equal(index.update('a.star.md', 'disk:1:10', analyzeText(LINKED)), true);
    assert.equal(index.update('a.star.md', 'disk:1:10', analyzeText(LINKED)), false);
    assert.equal(runs, 2);
    const options = { questions: bank };
    const first = index.report(options);
    assert.deepEqual(first.stories.map((s) => s.file), ['a.star.md', 'b.star.md'], 'in path order');
    assert.equal(index.report(options), first, 'the same report until something changes');
    assert.equal(index.update('a.star.md', 'disk:2:12', analyzeText(WEAK)), true);
    const second = index.report(options);
    assert.notEqual(second, first);
    assert.equal(second.stories[0].weak, true);
    index.delete('b.star.md');
    assert.deepEqual(index.report(options).stories.map((s) => s.file), ['a.star.md']);
    index.invalidate();
    assert.equal(index.isStale('a.star.md', 'disk:2:12'), true, 'a settings change redoes every file');
    assert.equal(index.update('c.star.md', 'open:3', () => undefined), true);
    assert.deepEqual(index.files(), ['a.star.md'], 'a file that is not checked is dropped');
  });

  it("gives the same report when each file's stories were prepared as they came in", async () => {
    const { StoryIndex } = await import('../../src/engine/report');
    const texts = { 'a.star.md': LINKED, 'b.star.md': LIKELY, 'c.star.md': WEAK };
    const options = { questions: bank };
    const plain = new StoryIndex();
    const prepared = new StoryIndex();
    for (const [file, text] of Object.entries(texts)) {
      plain.update(file, 's', () => analyze(text, { fileName: file }));
      prepared.update(file, 's', () => analyze(text, { fileName: file }), options);
    }
    assert.deepEqual(prepared.report(options), plain.report(options));
    const unlinked = prepared.result('b.star.md')!.answers[0];
    const bankQuestions = bank.questions;
    // The likely question is cached per answer: asking again returns the very same object.
    assert.equal(likelyQuestion(unlinked, bankQuestions), likelyQuestion(unlinked, bankQuestions));
    assert.equal(prepared.report(options).stories.find((story) => story.file === 'b.star.md')?.question?.likely, true);
  });
});

describe('stories prepared a slice at a time', () => {
  it('does one answer per call once the deadline has passed, resumes where it stopped, and ends with the same likely questions', async () => {
    const { prepareStories } = await import('../../src/engine/report');
    const text = [LIKELY, LINKED, WEAK, UNMATCHED].join('\n');
    const sliced = analyze(text, { fileName: 'bank.star.md' });
    const whole = analyze(text, { fileName: 'bank.star.md' });
    const options = { questions: bank };
    assert.ok(sliced.answers.length >= 4, `${sliced.answers.length} answers`);
    const stops: number[] = [];
    for (let next = 0; next < sliced.answers.length; ) stops.push((next = prepareStories(sliced, options, next, 0)));
    assert.deepEqual(stops, sliced.answers.map((_, i) => i + 1), 'a deadline in the past still moves on by one answer');
    assert.equal(prepareStories(whole, options), whole.answers.length, 'no deadline: all in one call');
    const likely = (result: typeof sliced) => result.answers.map((answer) => likelyQuestion(answer, bank.questions)?.question.id ?? null);
    assert.deepEqual(likely(sliced), likely(whole));
    assert.equal(prepareStories(analyze('Notes about my week.\n', { fileName: 'notes.md' }), options, 0, 0), 0, 'a file with no answers has nothing to do');
  });
});

describe('likely questions worked out in a scan worker', () => {
  it('notes made where the file was analyzed give, once taken in beside a copy of the result, the report made here', async () => {
    const { likelyNotes, takeLikelyNotes } = await import('../../src/engine/report');
    const texts = { 'a.star.md': LINKED, 'b.star.md': LIKELY, 'c.star.md': WEAK };
    const here: StoryInput[] = [];
    const sent: StoryInput[] = [];
    for (const [file, text] of Object.entries(texts)) {
      const result = analyze(text, { fileName: file });
      here.push({ file, result });
      // As a worker reply: the result and its notes cross as a structured clone.
      const { copy, notes } = structuredClone({ copy: result, notes: likelyNotes(result, bank) });
      takeLikelyNotes(copy, bank.questions, notes);
      sent.push({ file, result: copy });
    }
    assert.deepEqual(likelyNotes(here[0].result, bank), ['linked']);
    const [likelyNote] = likelyNotes(here[1].result, bank);
    assert.ok(Array.isArray(likelyNote) && bank.questions[likelyNote[0]] === likelyQuestion(here[1].result.answers[0], bank.questions)?.question);
    assert.deepEqual(buildStoryBank(sent, { questions: bank }), buildStoryBank(here, { questions: bank }));
  });

  it('uses a note as the likely question without working it out again, and ignores notes that do not fit the result or the bank', async () => {
    const { takeLikelyNotes } = await import('../../src/engine/report');
    const result = analyze(LIKELY, { fileName: 'b.star.md' });
    const chosen = bank.questions[3];
    takeLikelyNotes(result, bank.questions, [[3, 1]]);
    assert.deepEqual(likelyQuestion(result.answers[0], bank.questions), { question: chosen, covered: 1 }, 'the note, even where working it out would differ');
    const other = analyze(LIKELY, { fileName: 'b.star.md' });
    takeLikelyNotes(other, bank.questions, [[3, 1], null]);
    takeLikelyNotes(other, bank.questions, [[bank.questions.length, 1]]);
    assert.notEqual(likelyQuestion(other.answers[0], bank.questions)?.question, chosen, 'worked out here');
  });
});

describe('practice mode content', () => {
  it('reveals the story\'s own parts in order, each hidden at first, with the privacy note and the target', async () => {
    const { practiceBody, practiceFromStory, PRIVACY_NOTE } = await import('../../src/engine/report');
    const result = analyze(LINKED, { fileName: 'a.star.md' });
    const [story] = buildStoryBank([{ file: 'a.star.md', result }], { questions: bank }).stories;
    const content = practiceFromStory(story, result.answers[0]);
    assert.equal(content.question, bank.byId('conflict-disagreed-with-manager')!.text);
    assert.equal(content.targetSeconds, story.targetSeconds);
    assert.deepEqual(content.parts.map((p) => p.title), ['Situation', 'Task', 'Action', 'Result', 'Reflection']);
    assert.match(content.parts[0].text, /^Two weeks before the launch/);
    const html = practiceBody(content);
    assert.ok(html.includes(PRIVACY_NOTE));
    assert.match(PRIVACY_NOTE, /^Nothing is recorded, stored or sent\./);
    assert.equal((html.match(/<section class="part" hidden/g) ?? []).length, 5);
    assert.ok(html.includes(`data-target-seconds="${story.targetSeconds}"`));
  });

  it('from a bank question with no story, reveals its key points instead, escaped', async () => {
    const { practiceBody, practiceFromQuestion } = await import('../../src/engine/report');
    const question = { ...bank.questions[0], text: 'Why <b>this</b> & that?' };
    const content = practiceFromQuestion(question, undefined, undefined);
    assert.deepEqual(content.parts.map((p) => p.text), question.keyPoints.map((p) => p.title));
    assert.match(content.source, /no story for this question yet/);
    assert.ok(practiceBody(content).includes('Why &lt;b&gt;this&lt;/b&gt; &amp; that?'));
  });
});
