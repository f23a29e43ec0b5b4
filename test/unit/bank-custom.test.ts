import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundledBank, categoryLabelFromId, customBankFiles, loadQuestionBank, parseBankText, readBankFile, WORKSPACE_BANK_FILE } from '../../src/bank';
import { nodeFiles } from '../../src/config/node-files';
import { customQuestion as question } from './custom-question';


const bankText = (questions: unknown[]): string => JSON.stringify({ questions }, null, 2);

describe('custom question banks', () => {
  let dir: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'star-coach-bank-'));
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('reports invalid JSON with the file name and loads nothing from it', () => {
    const file = parseBankText('{ "questions": [ }', 'team.json');
    assert.deepEqual(file.questions, []);
    assert.equal(file.problems.length, 1);
    assert.match(file.problems[0], /^team\.json: invalid JSON: /);
  });

  it('reports a file of the wrong shape', () => {
    assert.deepEqual(parseBankText('[]', 'list.json').problems, ['list.json: must be an object, not an array']);
    assert.deepEqual(parseBankText('{"items": []}', 'items.json').problems, [
      'items.json: missing required property "questions"',
      'items.json: has an unknown property "items"; allowed: $schema, questions',
    ]);
    assert.deepEqual(parseBankText('{"questions": {}}', 'object.json').problems, ['object.json: questions: must be an array, not an object']);
  });

  it('loads the good questions of a file with one bad question, and names the bad one by its JSON path', () => {
    const bad = question('bad-one', { keyPoints: question('x').keyPoints.slice(0, 2) });
    const file = parseBankText(bankText([question('good-one'), question('good-two'), question('good-three'), bad, question('good-four')]), 'team.json');
    assert.deepEqual(
      file.questions.map((q) => q.id),
      ['good-one', 'good-two', 'good-three', 'good-four'],
    );
    assert.deepEqual(file.problems, [
      'team.json: questions[3].keyPoints: must have at least 3 items (it has 2)',
      'team.json: 1 of 5 questions skipped because of the problems above; the other 4 loaded',
    ]);
  });

  it('skips the second of two questions with the same id in one file', () => {
    const file = parseBankText(bankText([question('same'), question('same', { text: 'A different text for the same id, by mistake.' })]), 'dup.json');
    assert.equal(file.questions.length, 1);
    assert.equal(file.questions[0].text, question('same').text);
    assert.equal(file.problems[0], 'dup.json: questions[1].id: "same" is already used by questions[0]; this one is skipped');
  });

  it('ignores a byte-order mark', () => {
    assert.deepEqual(parseBankText(`\uFEFF${bankText([question('bom')])}`, 'bom.json').problems, []);
  });

  it('reports a missing file, but not a missing optional workspace file', async () => {
    const missing = join(dir, 'nope.json');
    assert.deepEqual((await readBankFile({ path: missing, optional: false }, nodeFiles))?.problems, [`${missing}: file not found`]);
    assert.equal(await readBankFile({ path: missing, optional: true }, nodeFiles), null);
    assert.deepEqual((await readBankFile({ path: dir, optional: false }, nodeFiles))?.problems, [`${dir}: is a folder, not a bank file`]);
  });

  it('never runs a bank file: a script is just invalid JSON', async () => {
    const path = write('evil.json', 'module.exports = (() => { throw new Error("executed") })()');
    const file = await readBankFile({ path, optional: false }, nodeFiles);
    assert.match(file!.problems[0], /invalid JSON/);
  });

  it('resolves setting paths against the workspace folder and adds .star-coach/questions.json', () => {
    const folder = join(dir, 'workspace');
    const absolute = join(dir, 'shared.json');
    const { files, problems } = customBankFiles(['banks/team.json', absolute, 42, ''], folder, nodeFiles);
    assert.deepEqual(files, [
      { path: join(folder, 'banks', 'team.json'), optional: false },
      { path: absolute, optional: false },
      { path: join(folder, WORKSPACE_BANK_FILE), optional: true },
    ]);
    assert.deepEqual(problems, ['starCoach.questionBanks: 42 is not a file path', 'starCoach.questionBanks: "" is not a file path']);
  });

  it('cannot resolve a relative path without a workspace folder', () => {
    const { files, problems } = customBankFiles(['team.json'], undefined, nodeFiles);
    assert.deepEqual(files, []);
    assert.deepEqual(problems, ['starCoach.questionBanks: "team.json" is a relative path, but no workspace folder is open to resolve it against']);
  });

  describe('merged with the bundled bank', () => {
    it('adds custom questions, with a new category labelled from its id', async () => {
      const workspace = join(dir, 'merge');
      mkdirSync(join(workspace, '.star-coach'), { recursive: true });
      writeFileSync(join(workspace, WORKSPACE_BANK_FILE), bankText([question('pager-storm'), question('capacity-plan')]));
      const { files } = customBankFiles([], workspace, nodeFiles);
      const { bank, problems, notes } = await loadQuestionBank(files, nodeFiles);
      assert.deepEqual(problems, []);
      assert.deepEqual(notes, []);
      assert.equal(bank.questions.length, bundledBank().questions.length + 2);
      assert.equal(bank.categoryLabel('site-reliability'), 'Site reliability');
      assert.deepEqual(bank.categories.at(-1), { id: 'site-reliability', label: 'Site reliability' });
      assert.equal(bank.customSource('pager-storm'), join(workspace, WORKSPACE_BANK_FILE));
      assert.equal(bank.customSource('speed-quality-drawing-the-line'), undefined);
      assert.equal(bank.byTitle(question('pager-storm').text)?.id, 'pager-storm');
    });

    it('lets a custom question replace the bundled one with the same id, in place, with a note', async () => {
      const original = bundledBank().byId('speed-quality-drawing-the-line')!;
      const path = write('override.json', bankText([{ ...original, whyAsked: `${original.whyAsked} Our team adds its own emphasis on rollback drills.` }]));
      const { bank, problems, notes } = await loadQuestionBank([{ path, optional: false }], nodeFiles);
      assert.deepEqual(problems, []);
      assert.deepEqual(notes, [`${path}: "speed-quality-drawing-the-line" replaces the bundled question with the same id`]);
      assert.match(bank.byId('speed-quality-drawing-the-line')!.whyAsked, /rollback drills/);
      assert.equal(bank.questions.length, bundledBank().questions.length);
      assert.equal(bank.questions.indexOf(bank.byId('speed-quality-drawing-the-line')!), bundledBank().questions.indexOf(original));
      assert.doesNotMatch(bundledBank().byId('speed-quality-drawing-the-line')!.whyAsked, /rollback drills/, 'the bundled bank itself is untouched');
    });

    it('lets a later custom file replace an earlier one, and says which', async () => {
      const first = write('first.json', bankText([question('shared-id')]));
      const second = write('second.json', bankText([question('shared-id', { difficulty: 'hard' })]));
      const { bank, notes } = await loadQuestionBank(
        [
          { path: first, optional: false },
          { path: second, optional: false },
        ],
        nodeFiles,
      );
      assert.equal(bank.byId('shared-id')!.difficulty, 'hard');
      assert.deepEqual(notes, [`${second}: "shared-id" replaces the question with the same id from ${first}`]);
    });

    it('reports every bad file and still loads the good questions of all of them', async () => {
      const invalidJson = write('broken.json', '{ "questions": [');
      const wrongShape = write('shape.json', '{ "questions": "none" }');
      const mixed = write('mixed.json', bankText([question('mixed-good'), { ...question('mixed-bad'), difficulty: 'brutal' }]));
      const missing = join(dir, 'missing.json');
      const { bank, problems } = await loadQuestionBank(
        [invalidJson, wrongShape, mixed, missing].map((path) => ({ path, optional: false })),
        nodeFiles,
        ['starCoach.questionBanks: 7 is not a file path'],
      );
      assert.equal(problems[0], 'starCoach.questionBanks: 7 is not a file path');
      assert.match(problems[1], new RegExp(`^${invalidJson.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}: invalid JSON: `));
      assert.deepEqual(problems.slice(2), [
        `${wrongShape}: questions: must be an array, not a string`,
        `${mixed}: questions[1].difficulty: must be one of "easy", "medium", "hard", not "brutal"`,
        `${mixed}: 1 of 2 questions skipped because of the problems above; the other 1 loaded`,
        `${missing}: file not found`,
      ]);
      assert.ok(bank.byId('mixed-good'));
      assert.equal(bank.byId('mixed-bad'), undefined);
    });
  });

  it('accepts the example custom bank in the README', () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    const example = /### Custom banks[\s\S]*?```json\n([\s\S]*?)```/.exec(readme);
    assert.ok(example, 'README has a JSON example under "Custom banks"');
    const file = parseBankText(example[1], 'README.md');
    assert.deepEqual(file.problems, []);
    assert.equal(file.questions.length, 1);
  });

  it('derives readable labels for category ids no file names', () => {
    assert.equal(categoryLabelFromId('site-reliability'), 'Site reliability');
    assert.equal(categoryLabelFromId('security'), 'Security');
  });
});
