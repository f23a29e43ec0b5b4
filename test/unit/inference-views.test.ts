import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../src/engine';
import { documentReadiness } from '../../src/engine/readiness';
import { lensTitle, sectionDetail } from '../../src/vscode/summaries';

const DIR = join(__dirname, '..', 'fixtures', 'inference');

describe('views of an answer read from prose', () => {
  it('CodeLens marks inferred parts with ~ and missing ones as usual', () => {
    const text = readFileSync(join(DIR, 'prose-no-result.md'), 'utf8');
    const result = analyze(text, { fileName: 'prose-no-result.md' });
    const [readiness] = documentReadiness(result);
    assert.match(lensTitle(readiness, result.answers[0].words, 150), /^S ~ {2}T ~ {2}A ~ {2}R ✗ {2}Reflection ✗ · 51 words/);
  });

  it('Outline says a section was inferred, and a labelled one in the same answer was not', () => {
    const text = readFileSync(join(DIR, 'partial-labels.star.md'), 'utf8');
    const result = analyze(text, { fileName: 'partial-labels.star.md' });
    const [readiness] = documentReadiness(result);
    const details = result.answers[0].sections.map((section) => `${section.kind}: ${sectionDetail(section, readiness)}`);
    assert.deepEqual(details, ['situation: 16 words · inferred, no label', 'task: 18 words · inferred, no label', 'action: 29 words', 'result: 20 words']);
    assert.match(lensTitle(readiness, result.answers[0].words, 150), /^S ~ {2}T ~ {2}A ✓ {2}R ✓ {2}Reflection ✗/);
  });
});
