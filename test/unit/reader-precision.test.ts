// What makes a block a guide, a template, a record or a note rather than a told story.
// Every text here is ours; each case pairs a look-alike with the story it must not swallow.
import { strict as assert } from 'node:assert';
import { analyze } from '../../src/engine';

const read = (text: string, fileName = 'notes.md') => analyze(text, { fileName });
const parts = (text: string, fileName?: string): string[][] =>
  read(text, fileName).answers.map((answer) => answer.sections.filter((section) => !section.empty).map((section) => section.kind));

describe('reader: guides give parts a budget or a definition', () => {
  it('a guide that gives each part a length is no answer', () => {
    const guide = [
      '# How to tell it',
      '',
      '**Situation** — 1-2 sentences, no more.',
      '**Task** — what you owned. 1 sentence.',
      '**Action** — most of the time goes here. Name your own moves.',
      '**Result** — what changed, and what you took from it.',
      '',
    ].join('\n');
    const result = read(guide);
    assert.deepEqual(result.answers, []);
    assert.deepEqual(result.diagnostics, []);
  });

  it('a label that carries a time budget is a guide heading', () => {
    const guide = [
      '## Shape of a good answer',
      '',
      '### 1. Situation (20 seconds)',
      '- The team, the product, the stakes',
      '',
      '### 2. Action (90 seconds)',
      '- Concrete moves, in order',
      '',
      '### 3. Result (20 seconds)',
      '- Numbers where they exist',
      '',
    ].join('\n');
    assert.deepEqual(read(guide).answers, []);
  });

  it('a part defined by "what …" is a guide, a part told with "what" is not', () => {
    const guide = ['**Action:** what you did, in order.', '', '**Result:** what changed.', ''].join('\n');
    assert.deepEqual(read(guide).answers, []);
    const story = [
      '**Situation:** Our nightly export failed twice a week and nobody owned it.',
      '',
      '**Action:** What I did first was read every failure log from the last month.',
      '',
      '**Result:** The export has not failed since March.',
      '',
    ].join('\n');
    assert.deepEqual(parts(story), [['situation', 'action', 'result']]);
  });

  it('a story that mentions minutes and sentences is still a story', () => {
    const story = [
      '**Situation:** The checkout page took 40 seconds to load during the sale.',
      '',
      '**Task:** I had two days to bring it under 3 seconds.',
      '',
      '**Action:** I cut the page to three requests and wrote two sentences of release notes.',
      '',
      '**Result:** It loaded in 2 seconds and sales rose 9%.',
      '',
    ].join('\n');
    assert.deepEqual(parts(story), [['situation', 'task', 'action', 'result']]);
  });

  it('a story told without I or we keeps its parts, outcomes in minutes included', () => {
    const story = [
      '**Situation:** Search results went stale for a day after each price change.',
      '',
      '**Task:** Cut the delay without a second cluster.',
      '',
      '**Action:**',
      '- Moved indexing to change events',
      '- Dropped the nightly full rebuild',
      '',
      '**Result:** Update time fell from 40 to 2 minutes, then to 30 seconds.',
      '',
    ].join('\n');
    assert.deepEqual(parts(story), [['situation', 'task', 'action', 'result']]);
  });

  it('a skeleton whose only told part restates the label is a template', () => {
    const skeleton = [
      '## Situation',
      '',
      'Describe where things stood.',
      '',
      '## Action',
      '',
      'Concrete steps I took',
      '',
      '## Result',
      '',
      'The outcome, 1-2 minutes at most',
      '',
    ].join('\n');
    assert.deepEqual(read(skeleton).answers, []);
  });

  it('an instruction right under a glossed heading is still an instruction', () => {
    const template = [
      '## Contexto — onde estamos',
      '',
      'Descreva o cenário atual.',
      '',
      '## Objetivo — metas (Task)',
      '',
      'Especifique metas mensuráveis com prazo.',
      '',
    ].join('\n');
    assert.deepEqual(read(template).answers, []);
  });
});

describe('reader: one part told is a note, not yet a story', () => {
  it('a skeleton with one part filled in is no answer outside an explicit draft', () => {
    const note = ['## Patience', '**S:** Ran the school play with forty children.', '**T:**', '**A:**', '**R:**', ''].join('\n');
    assert.deepEqual(read(note).answers, []);
    // In an explicit draft the same text is an answer being written.
    assert.equal(read(note, 'patience.star.md').answers.length, 1);
  });

  it('only a Result beside placeholders is no answer either', () => {
    const note = ['## Learning', '**S:** ...', '**T:** ...', '**A:** ...', '**R:** I read a book a month.', ''].join('\n');
    assert.deepEqual(read(note).answers, []);
  });

  it('two parts told make an answer', () => {
    const story = ['## Patience', '**S:** Ran the school play with forty children.', '**T:**', '**A:** Split them into four crews.', '**R:**', ''].join('\n');
    assert.deepEqual(parts(story), [['situation', 'action']]);
  });
});

describe('reader: records and other frameworks are not stories', () => {
  it('a card of fields, most of them not STAR words, opens no answer', () => {
    const bank = [
      '### [OPS-02] Release train',
      '',
      '**Category:** Work project',
      '**Team / Context:** Platform group',
      '**Role / Title:** Release manager',
      '**Dates:** 2022',
      '**Status:** Draft',
      '',
      '- Weekly releases slipped often.',
      '',
      '### [OPS-03] On-call load',
      '',
      '**Situation:** Pages woke someone up most nights.',
      '',
      '**Action:** I deleted the alerts nobody acted on.',
      '',
      '**Result:** Night pages fell from twenty a week to three.',
      '',
    ].join('\n');
    const result = read(bank);
    assert.deepEqual(
      result.answers.map((answer) => answer.title),
      ['OPS-03 On-call load'],
    );
    assert.deepEqual(parts(bank), [['situation', 'action', 'result']]);
  });

  it('the same fields above a labelled story leave the story whole', () => {
    const story = [
      '**Category:** Work project',
      '**Status:** Final',
      '**Tags:** releases, planning',
      '',
      '**Situation:** Our weekly release slipped four weeks out of five.',
      '',
      '**Task:** I was asked to make it predictable.',
      '',
      '**Action:** I set a cut-off time and a rollback rule.',
      '',
      '**Result:** Twelve releases in a row went out on time.',
      '',
    ].join('\n');
    assert.deepEqual(parts(story), [['situation', 'task', 'action', 'result']]);
  });

  it("a list of another framework's steps, two of them STAR words, is no answer", () => {
    const steps = [
      '## Pitch frame',
      '',
      '1. **Hook** — a detail that earns attention.',
      '2. **Mirror** — a client like them.',
      '3. **What we did** — brief; not a feature list.',
      '4. **The result** — specific and measurable.',
      '5. **Bridge** — why it matters to them.',
      '',
    ].join('\n');
    assert.deepEqual(read(steps).answers, []);
  });

  it('a story written as a list keeps its parts, with a field beside them', () => {
    const story = [
      '- **Project:** Search rewrite',
      '- **Situation:** Search returned stale prices for a day after each change.',
      '- **Action:** I moved the index to change events.',
      '- **Result:** Prices showed up within a minute.',
      '',
    ].join('\n');
    assert.deepEqual(parts(story), [['situation', 'action', 'result']]);
  });
});

describe('reader: slots to fill in are not written parts', () => {
  it('a bank template whose parts are bracketed slots is no answer', () => {
    const template = [
      '## 1. [Story title]',
      '',
      '**Context:** [Team], [Year].',
      '',
      '**Situation:** [The problem, in two sentences.]',
      '',
      '**Task:** [Your part in it.]',
      '',
      '**Action:**',
      '- [First step]',
      '- [Second step]',
      '',
      '**Result:**',
      '- [Outcome with a number]',
      '',
    ].join('\n');
    const result = read(template);
    assert.deepEqual(result.answers, []);
    assert.deepEqual(result.diagnostics, []);
  });

  it('a story that cites a source in brackets is still written', () => {
    const story = [
      '**Situation:** Our audit [2023] found stale admin accounts.',
      '',
      '**Action:** I removed 40 of them [see ticket OPS-12].',
      '',
      '**Result:** [Redacted] The audit passed with no findings.',
      '',
    ].join('\n');
    assert.deepEqual(parts(story), [['situation', 'action', 'result']]);
  });

  it('a part left as a slot is empty in an answer whose other parts are told', () => {
    const story = [
      '**Situation:** The nightly build broke every Monday.',
      '',
      '**Action:** I pinned the compiler version in CI.',
      '',
      '**Result:** [numbers to come]',
      '',
    ].join('\n');
    assert.deepEqual(parts(story), [['situation', 'action']]);
  });
});

describe('reader: letters glued to a hyphen', () => {
  it('reads S-, A-, R-, L- labels when the document marks its parts that way', () => {
    const notes = [
      '## Story 1',
      'S-Our deploys took an hour and broke often.',
      'A-I split the pipeline into stages and cached the builds.',
      'R-Deploys now take twelve minutes.',
      'L-Measure the slow step before rewriting anything.',
      '',
    ].join('\n');
    assert.deepEqual(parts(notes), [['situation', 'action', 'result', 'reflection']]);
  });

  it('a lone T-shirt or A-list line is prose, even beside S: labels', () => {
    const story = [
      '**S:** We ran a charity run for 300 people.',
      '**A:** I ordered the prizes.',
      'T-shirts came in three sizes.',
      '**R:** We raised 4,000 euros.',
      '',
    ].join('\n');
    assert.deepEqual(parts(story), [['situation', 'action', 'result']]);
  });
});

describe("reader: a document's outline headings are not a story's parts", () => {
  it('Context and Goal headings of a design record above a lettered story open no answer', () => {
    const record = [
      '# Split the export job',
      '',
      '## Context',
      'The nightly export shares one queue with billing. Result: billing waits at peak.',
      '',
      '## Goal',
      '- Export done by 6am without delaying billing',
      '',
      '## Decision',
      'Give the export its own queue and workers.',
      '',
      '## Outcome in STAR',
      '**S**: billing jobs waited up to an hour behind the export.',
      '**T**: keep billing under five minutes of wait.',
      '**A**: I moved the export to its own queue with two workers.',
      '**R**: billing waits under a minute; the export ends by 5am.',
      '',
    ].join('\n');
    const result = read(record);
    assert.equal(result.answers.length, 1);
    assert.deepEqual(parts(record), [['situation', 'task', 'action', 'result']]);
  });

  it('headings that name parts by their own STAR words stay parts', () => {
    const bank = [
      '## Situation',
      'Our on-call rota had two people for forty services.',
      '',
      '## Result',
      'Pages per person fell by half after I split the rota.',
      '',
      '---',
      '',
      '**S**: A vendor API changed without notice.',
      '**T**: I had to restore checkout the same day.',
      '**A**: I pinned the old API version behind a flag.',
      '**R**: Checkout was back within two hours.',
      '',
    ].join('\n');
    assert.deepEqual(parts(bank), [
      ['situation', 'result'],
      ['situation', 'task', 'action', 'result'],
    ]);
  });
});
