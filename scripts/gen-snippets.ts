/**
 * The markdown snippets are generated from the bundled question bank, one per question
 * (prefix `star-<id>`), so they never drift from it. `npm run gen:snippets` writes them;
 * a unit test fails when the committed file is stale.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { bankSnippets } from '../src/bank/snippets';
import { bundledBank } from '../src/bank/bundled';

/** The generated snippets file, contributed for markdown in package.json. */
export const SNIPPETS_FILE = join(__dirname, '..', 'snippets', 'star-coach.code-snippets');

/** The snippets file's content as generated from the bank now. */
export function generatedSnippets(): string {
  const header = '// Generated from src/bank/questions by `npm run gen:snippets`. Do not edit by hand.\n';
  return `${header}${JSON.stringify(bankSnippets(bundledBank()), null, 2)}\n`;
}

if (require.main === module) {
  mkdirSync(dirname(SNIPPETS_FILE), { recursive: true });
  writeFileSync(SNIPPETS_FILE, generatedSnippets());
  console.log(`${SNIPPETS_FILE}: ${bundledBank().questions.length} snippets generated from the question bank`);
}
