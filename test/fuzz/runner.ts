/**
 * The fuzz loop shared by the unit test and `npm run fuzz`: generates documents, checks
 * every property, counts checks and failures per property, and shrinks the first failure
 * of each distinct kind to a minimal reproduction.
 */
import type { AnalyzeOptions } from '../../src/engine/options';
import { generateCase, type FuzzCase } from './generate';
import { checkDocument, PROPERTIES, type CheckConfig, type PropertyName, type Violation } from './properties';
import { documentSeed, Random } from './random';

export interface RunConfig {
  seed: number;
  count: number;
  /** First document index (to replay one document: `start` = its index, `count` = 1). */
  start?: number;
  /** Per-document budget; see CheckConfig. */
  fixes: number;
  disables: number;
  variants: number;
  rerun: number;
  fullCheckLength: number;
  oneGroup?: boolean;
  /** Time allowed to shrink one failure. */
  shrinkMs: number;
  /** Most failures shrunk in one run (the rest are still counted). */
  maxShrinks: number;
  /** Called every `progressEvery` documents. */
  onProgress?: (done: number, stats: RunStats) => void;
  progressEvery?: number;
}

/** One distinct failure, with the document that showed it and its minimal reproduction. */
export interface Failure {
  property: PropertyName;
  message: string;
  detail: string;
  seed: number;
  index: number;
  recipe: string;
  options: AnalyzeOptions;
  text: string;
  /** The shrunk document (still fails the same way), and the particulars it gives. */
  minimal: string;
  minimalDetail: string;
  /** Further documents that failed the same way. */
  occurrences: number;
}

export interface RunStats {
  documents: number;
  checked: Record<PropertyName, number>;
  failed: Record<PropertyName, number>;
  /** Fixes the editor does not offer, by the property that would have checked them. */
  withheld: Record<PropertyName, number>;
  failures: Failure[];
  ms: number;
}

const zero = (): Record<PropertyName, number> => Object.fromEntries(PROPERTIES.map((p) => [p, 0])) as Record<PropertyName, number>;

/** A failure message with its particulars (numbers, quoted text) taken out: what kind of failure it is. */
export function signature(property: PropertyName, message: string): string {
  // Rule codes (STAR004) stay: a failure of one rule's fix is another kind than another's.
  return `${property}: ${message.replace(/"(?:[^"\\]|\\.)*"/g, '"…"').replace(/(?<![\dA-Z])\d+/g, 'N')}`;
}

/** The check config used for shrinking: every fix and variant, one property. */
function shrinkConfig(property: PropertyName): CheckConfig {
  return { fixes: Infinity, disables: Infinity, variants: 1, rerun: 1, fullCheckLength: Infinity, rng: new Random(1), only: property };
}

/** The first violation of `property` of the given kind on `text`, or null. */
function failsWith(text: string, options: AnalyzeOptions, property: PropertyName, kind: string): Violation | null {
  const { violations } = checkDocument(text, options, shrinkConfig(property));
  return violations.find((v) => v.property === property && signature(v.property, v.message) === kind) ?? null;
}

/** Splits text into lines that keep their line endings. */
function splitLines(text: string): string[] {
  return text.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
}

/**
 * Shrinks a failing document: deletes runs of lines, then runs of characters (whole code
 * points), halving the run length, while the same kind of failure remains. Stops at the deadline.
 */
export function shrink(text: string, options: AnalyzeOptions, violation: Violation, ms: number): { text: string; detail: string } {
  const deadline = Date.now() + ms;
  const kind = signature(violation.property, violation.message);
  let best = text;
  let bestDetail = violation.detail;
  const attempt = (candidate: string): boolean => {
    if (candidate === best) return false;
    const found = failsWith(candidate, options, violation.property, kind);
    if (found === null) return false;
    best = candidate;
    bestDetail = found.detail;
    return true;
  };
  const pass = (units: (text: string) => string[]): void => {
    let parts = units(best);
    for (let size = Math.max(1, parts.length >> 1); size >= 1 && Date.now() < deadline; size >>= 1) {
      for (let i = 0; i < parts.length && Date.now() < deadline; ) {
        const candidate = [...parts.slice(0, i), ...parts.slice(i + size)].join('');
        if (attempt(candidate)) parts = units(best);
        else i += size;
      }
    }
  };
  // Lines first, then characters, then lines again (a shorter line may now be removable).
  pass(splitLines);
  pass((t) => Array.from(t));
  pass(splitLines);
  return { text: best, detail: bestDetail };
}

/** Runs `count` documents from `start` and returns per-property counts and the distinct failures. */
export function runFuzz(config: RunConfig): RunStats {
  const started = Date.now();
  const stats: RunStats = { documents: 0, checked: zero(), failed: zero(), withheld: zero(), failures: [], ms: 0 };
  const byKind = new Map<string, Failure>();
  let shrinks = 0;
  const start = config.start ?? 0;
  for (let index = start; index < start + config.count; index++) {
    const fuzzCase: FuzzCase = generateCase(config.seed, index);
    const rng = new Random(documentSeed(config.seed ^ 0x5bd1e995, index));
    const { checked, withheld, violations } = checkDocument(fuzzCase.text, fuzzCase.options, {
      fixes: config.fixes,
      disables: config.disables,
      variants: config.variants,
      rerun: config.rerun,
      fullCheckLength: config.fullCheckLength,
      oneGroup: config.oneGroup,
      rng,
    });
    stats.documents++;
    for (const [property, n] of Object.entries(checked) as Array<[PropertyName, number]>) stats.checked[property] += n;
    for (const [property, n] of Object.entries(withheld) as Array<[PropertyName, number]>) stats.withheld[property] += n;
    const failedHere = new Set<PropertyName>();
    for (const violation of violations) {
      failedHere.add(violation.property);
      const kind = signature(violation.property, violation.message);
      const known = byKind.get(kind);
      if (known) {
        known.occurrences++;
        continue;
      }
      const failure: Failure = {
        property: violation.property,
        message: violation.message,
        detail: violation.detail,
        seed: config.seed,
        index,
        recipe: fuzzCase.recipe,
        options: fuzzCase.options,
        text: fuzzCase.text,
        minimal: fuzzCase.text,
        minimalDetail: violation.detail,
        occurrences: 1,
      };
      if (shrinks < config.maxShrinks) {
        shrinks++;
        const small = shrink(fuzzCase.text, fuzzCase.options, violation, config.shrinkMs);
        failure.minimal = small.text;
        failure.minimalDetail = small.detail;
      }
      byKind.set(kind, failure);
      stats.failures.push(failure);
    }
    // A document counts once per property it fails, however many of its checks failed.
    for (const property of failedHere) stats.failed[property]++;
    if (config.onProgress && config.progressEvery && (index - start + 1) % config.progressEvery === 0) {
      stats.ms = Date.now() - started;
      config.onProgress(index - start + 1, stats);
    }
  }
  stats.ms = Date.now() - started;
  return stats;
}

/** A JavaScript string literal for `text`, with everything outside printable ASCII escaped. */
export function jsLiteral(text: string): string {
  let out = '"';
  for (const ch of text) {
    for (let i = 0; i < ch.length; i++) {
      const code = ch.charCodeAt(i);
      if (ch === '"' || ch === '\\') out += `\\${ch}`;
      else if (code === 10) out += '\\n';
      else if (code === 13) out += '\\r';
      else if (code === 9) out += '\\t';
      else if (code >= 0x20 && code < 0x7f) out += String.fromCharCode(code);
      else out += `\\u${code.toString(16).padStart(4, '0')}`;
    }
  }
  return `${out}"`;
}

/** How to reproduce a failure in one line of code. */
export function reproduction(failure: Failure): string {
  const options = JSON.stringify(failure.options);
  return `analyze(${jsLiteral(failure.minimal)}${options === '{}' ? '' : `, ${options}`})`;
}

/** The per-property table: checks, failures (documents that failed it) and fixes not offered. */
export function formatCounts(stats: RunStats): string {
  const width = Math.max(...PROPERTIES.map((p) => p.length));
  const rows = PROPERTIES.map((p) => {
    const withheld = stats.withheld[p] > 0 ? `  ${String(stats.withheld[p]).padStart(6)} fixes not offered (they did not read back as promised)` : '';
    return `  ${p.padEnd(width)}  ${String(stats.checked[p]).padStart(9)} checked  ${String(stats.failed[p]).padStart(7)} failed${withheld}`;
  });
  return rows.join('\n');
}

/** One failure, for people: property, where it came from, what happened, how to reproduce it. */
export function formatFailure(failure: Failure): string {
  const more = failure.occurrences > 1 ? ` (and ${failure.occurrences - 1} more like it)` : '';
  return [
    `[${failure.property}] seed ${failure.seed} index ${failure.index}${more}: ${failure.recipe}`,
    `  ${failure.message}`,
    ...(failure.minimalDetail ? [`  ${truncate(failure.minimalDetail, 600)}`] : []),
    `  minimal: ${reproduction(failure)}`,
  ].join('\n');
}

function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length)}…`;
}
