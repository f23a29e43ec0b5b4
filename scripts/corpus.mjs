#!/usr/bin/env node
// Scores the built CLI on real public drafts: our own corpus (every key file in test/corpus/, texts in
// .cache/corpus/) and the shared one in ../shared/corpus/ when that folder exists.
//
// The scoring is not reimplemented here: every figure comes from ../shared/corpus/eval.mjs itself, run on a
// temporary key that merges our key files (and once more per language), so our numbers and the shared ones
// can never be computed two different ways.
//
// Usage (from anywhere; `npm run corpus` builds first):
//   node scripts/corpus.mjs [--verbose]
// Entries marked "holdout": true (added after the reader was tuned) get a line of their own too.
// --verbose passes through to eval.mjs for the whole-corpus runs (one line per answer not read exactly).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const keyDir = join(root, 'test', 'corpus');
const cacheDir = join(root, '.cache', 'corpus');
const sharedDir = resolve(root, '..', 'shared', 'corpus');
const evalScript = join(sharedDir, 'eval.mjs');
const verbose = process.argv.includes('--verbose');
const rel = (p) => relative(root, p) || '.';

if (!existsSync(evalScript)) {
  console.error(`corpus: ${rel(evalScript)} not found. The scoring lives in that script; put the shared folder beside the project.`);
  process.exit(2);
}
if (!existsSync(join(root, 'dist', 'cli.js'))) {
  console.error('corpus: dist/cli.js is missing; run `npm run build` first (`npm run corpus` does).');
  process.exit(2);
}

/** Runs eval.mjs from the project root; returns its output lines. */
function score(args, { passVerbose = false } = {}) {
  const argv = [evalScript, ...args, ...(passVerbose && verbose ? ['--verbose'] : [])];
  const run = spawnSync(process.execPath, argv, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) {
    process.stderr.write(run.stderr || run.stdout || '');
    console.error(`corpus: eval.mjs failed (exit ${run.status ?? run.signal})`);
    process.exit(1);
  }
  return run.stdout.trimEnd().split('\n');
}

// Our key files: key.json first, then key-*.json in name order.
const keyFiles = existsSync(keyDir)
  ? readdirSync(keyDir)
      .filter((n) => n === 'key.json' || /^key-.+\.json$/.test(n))
      .sort((a, b) => (a === 'key.json' ? -1 : b === 'key.json' ? 1 : a.localeCompare(b)))
  : [];
const files = {};
const origin = {};
for (const name of keyFiles) {
  let key;
  try {
    key = JSON.parse(readFileSync(join(keyDir, name), 'utf8'));
  } catch (error) {
    console.error(`corpus: test/corpus/${name} is not valid JSON: ${error.message}`);
    process.exit(1);
  }
  for (const [file, entry] of Object.entries(key.files ?? {})) {
    if (origin[file]) console.warn(`corpus: ${file} is in both ${origin[file]} and ${name}; using ${name}`);
    files[file] = entry;
    origin[file] = name;
  }
}

const tmp = mkdtempSync(join(tmpdir(), 'star-corpus-'));
try {
  const names = Object.keys(files);
  const missing = names.filter((n) => !existsSync(join(cacheDir, n)));
  const writeKey = (subset, label) => {
    const path = join(tmp, `${label}.json`);
    writeFileSync(path, JSON.stringify({ _doc: `merged from test/corpus/ (${label})`, files: subset }));
    return path;
  };

  console.log(`Scoring dist/cli.js with ${rel(evalScript)}`);
  if (names.length === 0) {
    console.log('\nours: no key files in test/corpus/ (key.json or key-*.json)');
  } else {
    const answers = names.reduce((n, f) => n + (files[f].answers?.length ?? 0), 0);
    console.log(
      `\nours: ${keyFiles.join(', ')}: ${names.length} files, ${answers} answers, ` +
        `${names.length - missing.length} in ${rel(cacheDir)}`,
    );
    for (const line of score(['--key', writeKey(files, 'all'), '--files', cacheDir], { passVerbose: true })) {
      console.log(`  ${line}`);
    }
    const byLanguage = {};
    for (const n of names) (byLanguage[files[n].language ?? '(no language)'] ??= {})[n] = files[n];
    console.log('  by language:');
    for (const lang of Object.keys(byLanguage).sort()) {
      const subset = byLanguage[lang];
      const line = score(['--key', writeKey(subset, `lang-${lang.replace(/\W/g, '_')}`), '--files', cacheDir]).at(-1);
      const count = Object.keys(subset).length;
      console.log(`    ${lang} (${count} ${count === 1 ? 'file' : 'files'}): ${line}`);
    }
    // Files added after the reader was tuned, scored apart so tuning on them shows.
    const holdout = Object.fromEntries(names.filter((n) => files[n].holdout).map((n) => [n, files[n]]));
    const held = Object.keys(holdout).length;
    if (held > 0) {
      const line = score(['--key', writeKey(holdout, 'holdout'), '--files', cacheDir]).at(-1);
      console.log(`  holdout (${held} ${held === 1 ? 'file' : 'files'}, "holdout": true): ${line}`);
    }
  }

  if (existsSync(join(sharedDir, 'key.json'))) {
    const shared = JSON.parse(readFileSync(join(sharedDir, 'key.json'), 'utf8'));
    console.log(`\nshared: ${rel(sharedDir)}: ${Object.keys(shared.files ?? {}).length} files`);
    for (const line of score([], { passVerbose: true })) console.log(`  ${line}`);
  } else {
    console.log(`\nshared: ${rel(sharedDir)} has no key.json; skipped`);
  }

  if (missing.length) {
    console.log(
      `\nMissing from ${rel(cacheDir)}: ${missing.length} of ${names.length} key files (not scored). ` +
        'Fetch each file at its commit and save its exact text under the name shown:',
    );
    for (const n of missing) {
      const e = files[n];
      console.log(`  ${n}  [${origin[n]}]`);
      console.log(`    repo ${e.repo ?? '?'}  path ${e.path ?? '?'}  commit ${e.commit ?? '(not recorded)'}`);
    }
  } else if (names.length) {
    console.log(`\nAll ${names.length} key files are in ${rel(cacheDir)}.`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
