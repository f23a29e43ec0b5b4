/**
 * Long fuzz runs: `npm run fuzz -- --count 100000 --seed 7`. Prints checks and failures per
 * property and, for each distinct failure, its seed and index and a minimal reproduction.
 * Exits 1 when any property failed. The unit suite runs the same code on fewer documents
 * with a smaller budget per document (test/unit/fuzz.test.ts).
 *
 *   --count N      documents to generate (default 10000)
 *   --seed N       run seed (default 1)
 *   --start N      first document index; with --count 1, replays one document
 *   --fixes N      quick fixes tried per document (default: all)
 *   --disables N   "Disable … for this line / file" fixes tried per document (default: all)
 *   --light        the unit suite's budget per document: analyze() and its ranges, then one
 *                  group of costly checks drawn at random (quick fixes, disable, insert-all,
 *                  line-ending or BOM variant, second run); about 5x faster than the default,
 *                  which checks every group on every document
 *   --workers N    worker threads, each taking a share of the documents (default 1)
 *   --shrink-ms N  time to shrink one failure (default 10000)
 *   --full-check-length N  longer documents get only the cheap checks (default 4000)
 *   --show         print the generated documents first (at most 50)
 *   --repro TEXT   check one document instead, given as a JSON string literal (as the
 *                  reports print them), with --options JSON for its analyze() options
 */
import { generateCase } from '../test/fuzz/generate';
import type { AnalyzeOptions } from '../src/engine/options';
import { checkDocument } from '../test/fuzz/properties';
import { Random } from '../test/fuzz/random';
import { formatCounts, formatFailure, jsLiteral, type RunConfig, type RunStats } from '../test/fuzz/runner';
import { runFuzzInWorkers } from '../test/fuzz/workers';

function numberArg(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const raw = process.argv[at + 1];
  const value = raw === 'all' ? Infinity : Number(raw);
  if (raw === undefined || Number.isNaN(value) || value < 0) {
    console.error(`fuzz: --${name} needs a number (got ${raw === undefined ? 'nothing' : JSON.stringify(raw)})`);
    process.exit(2);
  }
  return value;
}

function stringArg(name: string): string | null {
  const at = process.argv.indexOf(`--${name}`);
  return at < 0 ? null : (process.argv[at + 1] ?? '');
}

/** `--repro`: every property on one document, with every fix and variant; prints each violation. */
function checkOne(literal: string, optionsJson: string): void {
  let text: string;
  let options: AnalyzeOptions;
  try {
    text = JSON.parse(literal) as string;
    options = JSON.parse(optionsJson) as AnalyzeOptions;
  } catch (error) {
    console.error(`fuzz: --repro needs a JSON string literal and --options a JSON object: ${(error as Error).message}`);
    process.exit(2);
  }
  const { checked, violations } = checkDocument(text, options, { fixes: Infinity, disables: Infinity, variants: 1, rerun: 1, fullCheckLength: Infinity, rng: new Random(1) });
  console.log(`${jsLiteral(text)} ${JSON.stringify(options)}: ${Object.values(checked).reduce((a, b) => a + b, 0)} checks, ${violations.length} violation(s)`);
  for (const v of violations) console.log(`[${v.property}] ${v.message}
  ${v.detail}`);
  process.exitCode = violations.length > 0 ? 1 : 0;
}

function main(): void {
  const known = new Set(['--count', '--seed', '--start', '--fixes', '--disables', '--workers', '--shrink-ms', '--show', '--light', '--repro', '--options', '--full-check-length']);
  for (const arg of process.argv.slice(2)) {
    if (arg.startsWith('--') && !known.has(arg)) {
      console.error(`fuzz: unknown option ${arg}; use ${[...known].join(', ')}`);
      process.exit(2);
    }
  }
  const repro = stringArg('repro');
  if (repro !== null) {
    checkOne(repro, stringArg('options') ?? '{}');
    return;
  }
  const seed = numberArg('seed', 1);
  const count = numberArg('count', 10000);
  const start = numberArg('start', 0);
  const workers = Math.max(1, Math.min(numberArg('workers', 1), count));
  const light = process.argv.includes('--light');
  const config: RunConfig = {
    seed,
    count,
    start,
    oneGroup: light,
    fixes: numberArg('fixes', light ? 2 : Infinity),
    disables: numberArg('disables', light ? 1 : Infinity),
    variants: 1,
    rerun: 1,
    // Deep-nesting documents (thousands of levels) parse in seconds: they get the no-throw,
    // ranges and second-run checks only, or a long run spends most of its time on them.
    fullCheckLength: numberArg('full-check-length', 4000),
    shrinkMs: numberArg('shrink-ms', 10000),
    maxShrinks: 40,
  };

  if (process.argv.includes('--show')) {
    for (let index = start; index < start + Math.min(count, 50); index++) {
      const fuzzCase = generateCase(seed, index);
      console.log(`# seed ${seed} index ${index}: ${fuzzCase.recipe} ${JSON.stringify(fuzzCase.options)}\n${jsLiteral(fuzzCase.text)}\n`);
    }
  }
  const budget = (n: number, what: string): string => (n === Infinity ? `every ${what}` : `${n} ${what}(es)`);
  const perDocument = `${budget(config.fixes, 'quick fix')} and ${budget(config.disables, 'disable fix')}`;
  const groups = light ? 'one group of checks per document (--light), at most ' : '';
  console.log(`fuzz: ${count} documents, seed ${seed}, from index ${start}, ${groups}${perDocument} per document, ${workers} worker(s)`);

  const started = Date.now();
  const onProgress = (done: number, failed: number): void => {
    process.stderr.write(`  ${done}/${count} documents, ${((Date.now() - started) / 1000).toFixed(0)} s, ${failed} property failures so far\n`);
  };
  runFuzzInWorkers(config, workers, onProgress).then(finish, (error: Error) => {
    console.error(`fuzz: ${error.message}`);
    process.exit(2);
  });
}

function finish(stats: RunStats): void {
  console.log(`\n${stats.documents} documents in ${(stats.ms / 1000).toFixed(1)} s\n`);
  console.log(formatCounts(stats));
  if (stats.failures.length > 0) {
    console.log(`\n${stats.failures.length} distinct failure(s):\n`);
    for (const failure of stats.failures) console.log(`${formatFailure(failure)}\n`);
  }
  process.exitCode = Object.values(stats.failed).some((n) => n > 0) ? 1 : 0;
}

main();
