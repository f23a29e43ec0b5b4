import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { generatedSnippets, SNIPPETS_FILE } from '../../scripts/gen-snippets';
import { bankSnippets, bundledBank, QuestionBank, snippetPrefix, type CodeSnippet } from '../../src/bank';
import { draftSkeleton, snippetBody, SECTION_KINDS, SECTION_PLACEHOLDERS, SECTION_TITLES } from '../../src/engine';

const ROOT = join(__dirname, '..', '..');

/** The `.code-snippets` file as VS Code reads it: JSON with comments. */
function parseSnippetFile(text: string): Record<string, { prefix: string; description: string; body: string[] }> {
  return JSON.parse(text.replace(/^\s*\/\/.*$/gm, ''));
}

/** Every `$` in a snippet body must be escaped or start a tab stop, or VS Code mangles the text. */
function unescapedDollars(body: string): string[] {
  const stray: string[] = [];
  for (const match of body.matchAll(/(\\*)\$(\{\d+:|\d+)?/g)) {
    if (match[1].length % 2 === 0 && !match[2]) stray.push(body.slice(Math.max(0, match.index - 10), match.index + 10));
  }
  return stray;
}

describe('snippets', () => {
  it('are current: snippets/star-coach.code-snippets is generated from the bank (run npm run gen:snippets if this fails)', () => {
    assert.equal(readFileSync(SNIPPETS_FILE, 'utf8'), generatedSnippets());
  });

  it('are contributed for markdown in package.json', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    assert.deepEqual(
      manifest.contributes.snippets.map((s: { language: string; path: string }) => [s.language, normalize(join(ROOT, s.path))]),
      [['markdown', SNIPPETS_FILE]],
    );
  });

  describe('one per bank question', () => {
    const bank = bundledBank();
    const snippets = parseSnippetFile(readFileSync(SNIPPETS_FILE, 'utf8'));

    const byId = (id: string): CodeSnippet => Object.values(snippets).find((snippet) => snippet.prefix === `star-${id}`)!;

    it('named by the question (VS Code shows the name beside the prefix), with the prefix star-<id> and the category in the description', () => {
      assert.equal(Object.keys(snippets).length, bank.questions.length);
      for (const question of bank.questions) {
        const snippet = snippets[question.text];
        assert.ok(snippet, question.id);
        assert.equal(snippet.prefix, `star-${question.id}`);
        assert.equal(snippet.description, `${bank.categoryLabel(question.category)}: a STAR answer skeleton with the question's key points`);
      }
      const prefixes = Object.values(snippets).map((snippet) => snippet.prefix);
      assert.equal(new Set(prefixes).size, prefixes.length, 'prefixes are unique');
    });

    it('expanding to the question as a heading, the key points as a comment checklist, and five sections with tab stops', () => {
      for (const question of bank.questions) {
        const body = byId(question.id).body.join('\n');
        assert.ok(body.startsWith(`# ${question.text.replace(/[\\$}]/g, '\\$&')}\n`), question.id);
        const checklist = /<!-- A strong answer covers:\n([\s\S]*?)\n-->/.exec(body);
        assert.ok(checklist, `${question.id}: key points in an HTML comment`);
        assert.deepEqual(checklist[1].split('\n'), question.keyPoints.map((point) => `- [ ] ${point.title.replace(/[\\$}]/g, '\\$&')}`));
        SECTION_KINDS.forEach((kind, index) => {
          assert.ok(body.includes(`**${SECTION_TITLES[kind]}:** \${${index + 1}:${SECTION_PLACEHOLDERS[kind]}}`), `${question.id}: ${kind} with tab stop ${index + 1}`);
        });
        assert.equal(body.includes('question:'), false, 'no front matter: a snippet can go anywhere in a file');
        assert.deepEqual(unescapedDollars(body), [], question.id);
      }
    });
  });

  it('escape $, } and \\ in bank text so VS Code inserts it as written', () => {
    const question = { ...bundledBank().questions[0], id: 'money', text: 'How did you save $5k {or more} with C:\\tools?' };
    question.keyPoints = [{ title: 'Said ${ cost }', signals: ['cost', 'money'] }, ...question.keyPoints.slice(1)];
    const snippet = bankSnippets(new QuestionBank([], [question]))[question.text];
    const body = snippet.body.join('\n');
    assert.ok(body.startsWith('# How did you save \\$5k {or more\\} with C:\\\\tools?\n'), body.split('\n')[0]);
    assert.ok(body.includes('- [ ] Said \\${ cost \\}'));
    assert.deepEqual(unescapedDollars(body), []);
    assert.equal(snippet.prefix, snippetPrefix(question));
  });

  it('share the snippet-body builder with the editor: placeholders become numbered tab stops', () => {
    const skeleton = draftSkeleton({ text: 'Q?' });
    assert.equal(snippetBody({ text: 'a $x b', placeholders: [{ start: 2, end: 4 }] }, 3), 'a ${3:\\$x} b');
    assert.equal(snippetBody(skeleton).match(/\$\{\d+:/g)?.length, skeleton.placeholders.length);
  });
});
