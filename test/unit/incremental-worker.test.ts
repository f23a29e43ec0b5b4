import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { bundledBank } from '../../src/bank/bundled';
import { analyze } from '../../src/engine/analyze';
import { buildStoryBank } from '../../src/engine/report';
import { deserialize, serialize } from 'node:v8';
import { createWorkerHandler, PartsReceiver, type BankData, type WorkerReply } from '../../src/engine/analysis-worker-protocol';
import { BackgroundAnalyzer } from '../../src/vscode/analysis-background';
import { AnalysisPool, scanWorkerCount } from '../../src/vscode/analysis-pool';
import { nodeWorker } from '../../src/vscode/worker-port';
import { storyBank } from '../../scripts/story-bank';

/** The desktop analysis worker, bundled as esbuild.js bundles it, answering through BackgroundAnalyzer. */
describe('incremental analysis in the worker thread', function () {
  this.timeout(60_000);
  let workerPath: string;

  before(async () => {
    workerPath = join(mkdtempSync(join(tmpdir(), 'star-worker-')), 'analysis-worker.js');
    await build({ entryPoints: [join(__dirname, '../../src/vscode/analysis-worker.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: workerPath, logLevel: 'silent', define: { 'import.meta.url': '"file:///worker.js"' } });
  });

  it('answers what analyze() answers, edit after edit', async () => {
    const background = new BackgroundAnalyzer(nodeWorker(workerPath));
    try {
      const bank = bundledBank();
      const text = storyBank(3_000);
      const options = { fileName: 'bank.md', questions: bank };
      const first = await background.run('file:///bank.md', text, options, bank);
      assert.ok('result' in first);
      assert.deepEqual(first.result, analyze(text, options));
      const edited = text.replace('I owned', 'I led');
      const second = await background.run('file:///bank.md', edited, options, bank);
      assert.ok('result' in second);
      assert.deepEqual(second.result, analyze(edited, options));
    } finally {
      background.dispose();
    }
  });

  it('stops a run past its budget, says why, and starts afresh for the next one', async () => {
    const background = new BackgroundAnalyzer(nodeWorker(workerPath), 5);
    try {
      const bank = bundledBank();
      const text = storyBank(50_000);
      const outcome = await background.run('file:///big.md', text, { fileName: 'big.md' }, bank);
      assert.ok('cancelled' in outcome, 'a 50k-word first analysis takes longer than 5 ms');
      assert.match(outcome.cancelled, /longer than .* and was stopped/);
      background.budgetMs = 30_000;
      const small = await background.run('file:///small.md', storyBank(200), { fileName: 'small.md' }, bank);
      assert.ok('result' in small, 'a new worker answers after the stopped one');
    } finally {
      background.dispose();
    }
  });

  it('sends only the changed blocks after an edit, and the host merges them into what analyze() answers', () => {
    const handle = createWorkerHandler();
    const receiver = new PartsReceiver();
    const bank = bundledBank() as unknown as BankData;
    const text = storyBank(5_000);
    const options = { fileName: 'bank.md' };
    const request = (id: number, version: string): Extract<WorkerReply, { placed: number[] }> => {
      const reply = handle({ type: 'analyze', id, document: 'bank.md', text: version, options, bank: id === 1 ? { version: 1, categories: bank.categories, questions: bank.questions } : undefined, bankVersion: 1 });
      assert.ok(reply && 'placed' in reply, `reply ${id} is a result`);
      // As postMessage clones it.
      return deserialize(serialize(reply)) as Extract<WorkerReply, { placed: number[] }>;
    };
    const first = request(1, text);
    assert.ok(first.parts.length > 20, `the first reply brings every block (${first.parts.length})`);
    assert.deepEqual(receiver.receive(first), analyze(text, { ...options, questions: bundledBank() }));
    let version = text;
    for (let edit = 0; edit < 6; edit++) {
      const at = version.indexOf('I ', Math.floor((version.length * (edit + 1)) / 8));
      version = edit % 3 === 2 ? version.slice(0, at) + '\n' + version.slice(at) : version.slice(0, at) + 'x' + version.slice(at);
      const reply = request(edit + 2, version);
      assert.ok(reply.parts.length <= 3, `edit ${edit}: ${reply.parts.length} block results sent`);
      assert.deepEqual(receiver.receive(reply), analyze(version, { ...options, questions: bundledBank() }), `edit ${edit}`);
    }
  });

  it('is unavailable without a worker script, so the caller analyzes in place', async () => {
    const background = new BackgroundAnalyzer(undefined);
    const outcome = await background.run('file:///x.md', 'x', {}, bundledBank());
    assert.deepEqual(outcome, { unavailable: true });
  });

  it('is unavailable when the worker fails before it ever answered (a script that cannot load), for that run and the next', async () => {
    const broken = join(mkdtempSync(join(tmpdir(), 'star-worker-')), 'broken-worker.js');
    writeFileSync(broken, "throw new Error('this worker cannot start here');\n");
    const background = new BackgroundAnalyzer(nodeWorker(broken));
    try {
      assert.deepEqual(await background.run('file:///x.md', 'Situation: x', {}, bundledBank()), { unavailable: true });
      assert.deepEqual(await background.run('file:///x.md', 'Situation: y', {}, bundledBank()), { unavailable: true });
    } finally {
      background.dispose();
    }
  });

  it('the scan pool answers what analyze() answers for many files at once, in two workers, and reuses its document keys', async () => {
    const pool = new AnalysisPool(nodeWorker(workerPath), 2);
    try {
      const bank = bundledBank();
      const texts = Array.from({ length: 12 }, (_, i) => storyBank(300, 700 + i));
      const outcomes = await Promise.all(texts.map((text, i) => pool.run(text, { fileName: `story-${i}.star.md` }, bank)));
      outcomes.forEach((outcome, i) => {
        assert.ok('result' in outcome, `file ${i}: ${JSON.stringify(outcome)}`);
        assert.deepEqual(outcome.result, analyze(texts[i], { fileName: `story-${i}.star.md`, questions: bank }));
      });
      // Runs one after another reuse one key, so a long scan leaves the workers no per-file state.
      for (const text of texts.slice(0, 3)) assert.ok('result' in (await pool.run(text, { fileName: 'again.star.md' }, bank)));
      assert.equal((pool as unknown as { keys: number }).keys, 12, 'no key beyond the 12 that were in flight at once');
    } finally {
      pool.dispose();
    }
  });

  it("the story bank's scan gets each answer's likely question from the worker, and its report is the one built from analyze()", async () => {
    const pool = new AnalysisPool(nodeWorker(workerPath), 2);
    try {
      const bank = bundledBank();
      const texts = Array.from({ length: 8 }, (_, i) => storyBank(400, 900 + i));
      const outcomes = await Promise.all(texts.map((text, i) => pool.run(text, { fileName: `story-${i}.star.md` }, bank, true)));
      const fromWorkers = outcomes.map((outcome, i) => {
        assert.ok('result' in outcome && outcome.likely, `file ${i}: ${JSON.stringify(outcome)}`);
        assert.equal(outcome.likely.length, outcome.result.answers.length);
        return { file: `story-${i}.star.md`, result: outcome.result };
      });
      const inPlace = texts.map((text, i) => ({ file: `story-${i}.star.md`, result: analyze(text, { fileName: `story-${i}.star.md`, questions: bank }) }));
      const notes = outcomes.flatMap((outcome) => ('likely' in outcome ? (outcome.likely ?? []) : []));
      assert.ok(notes.some((note) => Array.isArray(note)), 'some answers have a likely question');
      assert.deepEqual(buildStoryBank(fromWorkers, { questions: bank }), buildStoryBank(inPlace, { questions: bank }));
      // Check All asks for no stories: the worker does not work them out.
      const plain = await pool.run(texts[0], { fileName: 'story-0.star.md' }, bank);
      assert.ok('result' in plain && plain.likely === undefined);
    } finally {
      pool.dispose();
    }
  });

  it("shares the open documents' worker with the scan: their runs go ahead of the scan's queued files, and the pool leaves that worker running", async () => {
    const shared = new BackgroundAnalyzer(nodeWorker(workerPath));
    const pool = new AnalysisPool(nodeWorker(workerPath), 1, shared);
    try {
      const bank = bundledBank();
      const texts = Array.from({ length: 6 }, (_, i) => storyBank(300, 800 + i));
      const order: string[] = [];
      const scanned = texts.map((text, i) => pool.run(text, { fileName: `story-${i}.star.md` }, bank, true).then((outcome) => (order.push(`scan ${i}`), outcome)));
      const open = shared.run('file:///open.star.md', texts[0], { fileName: 'open.star.md' }, bank).then((outcome) => (order.push('open'), outcome));
      const [openOutcome, ...outcomes] = await Promise.all([open, ...scanned]);
      assert.deepEqual(order, ['scan 0', 'open', 'scan 1', 'scan 2', 'scan 3', 'scan 4', 'scan 5'], 'after the file in the worker already, before the queued ones');
      assert.ok('result' in openOutcome);
      assert.deepEqual(openOutcome.result, analyze(texts[0], { fileName: 'open.star.md', questions: bank }));
      outcomes.forEach((outcome, i) => assert.deepEqual('result' in outcome && outcome.result, analyze(texts[i], { fileName: `story-${i}.star.md`, questions: bank })));
      pool.dispose();
      const again = await shared.run('file:///open.star.md', texts[1], { fileName: 'open.star.md' }, bank);
      assert.ok('result' in again, 'the shared worker still answers after the pool is gone');
    } finally {
      pool.dispose();
      shared.dispose();
    }
  });

  it('the scan uses a worker per core, at most two', () => {
    assert.deepEqual([1, 2, 8].map(scanWorkerCount), [1, 2, 2]);
  });
});
