/**
 * The properties every document must satisfy, checked on one document at a time. Shared by
 * test/unit/fuzz.test.ts and scripts/fuzz.ts; see runner.ts for the loop and the shrinker.
 */
import { analyze } from '../../src/engine/analyze';
import { applyEdits, MISSING_SECTION_RULES, missingByAnswer } from '../../src/core/fix-all';
import { checkedInsertMissingEdits, disablePromise, editsKeepPromise, fixPromise, TYPED_OVER, typedOver, type CheckedInserts, type FixPromise } from '../../src/core/fix-check';
import { detectEol, LineIndex } from '../../src/core/markdown';
import type { AnalyzeOptions } from '../../src/engine/options';
import { disableDirectiveEdit } from '../../src/core/suppressions';
import type { AnalyzeResult, Answer, Diagnostic, Point, Range, Section, TextEdit } from '../../src/core/types';
import type { Random } from './random';

/** Every property, in report order. */
export const PROPERTIES = [
  /** `analyze()` returns, on every document, fixed document and variant. */
  'no-throw',
  /** Every range and edit lies inside the document, splits no surrogate pair or CRLF, and its line/column match its offset. */
  'ranges',
  /** A second run over the same text gives the same result. */
  'deterministic',
  /** Each diagnostic's `data.edit` is well formed and applies with applyEdits. */
  'fix-applies',
  /** The fixed text keeps every original character (an empty-section fix may replace only the placeholder token). */
  'fix-keeps-text',
  /** After the fix, the finding it targets is gone. */
  'fix-removes-finding',
  /** After the fix, every answer and section is still there, with its text, except the one the fix changes. */
  'fix-keeps-answers',
  /** "Disable … for this line / file" silences the finding and changes no answer. */
  'disable-fix',
  /** "Insert all" (insertMissingEdits) removes every missing-section finding it targeted and keeps every answer and character. */
  'insert-all-removes',
  /** "Insert all" applied twice equals once. */
  'insert-all-idempotent',
  /** CRLF, lone CR and LF versions of a document give the same findings at the same lines, with edits in the document's own line ending. */
  'eol-invariance',
  /** A leading BOM shifts every offset by exactly one and changes nothing else. */
  'bom-invariance',
] as const;
export type PropertyName = (typeof PROPERTIES)[number];

export interface Violation {
  property: PropertyName;
  /** What went wrong, in general terms: failures with the same message (numbers aside) are one kind. */
  message: string;
  /** The particulars: the text after the fix, where two results differ. */
  detail: string;
}

/** How much of the expensive checking one document gets. */
export interface CheckConfig {
  /** Quick fixes (diagnostics' `data.edit`) tried per document, a random sample; Infinity tries all. */
  fixes: number;
  /** "Disable" directives tried per document. */
  disables: number;
  /** Probability of checking the line-ending and BOM variants of a document that has neither. */
  variants: number;
  /** Probability of the second run (the deterministic property). */
  rerun: number;
  /** Longer documents (deep nesting) get only the no-throw, ranges and deterministic checks. */
  fullCheckLength: number;
  /**
   * One of the costly check groups per document (quick fixes, disable, insert-all, variants,
   * second run), drawn at random, instead of all of them: the unit suite's budget. Documents
   * with CR line endings or a BOM always get their variant check.
   */
  oneGroup?: boolean;
  /** Draws the samples. */
  rng: Random;
  /** Check only this property (while shrinking): skips the work the others need. */
  only?: PropertyName;
}

export interface CheckResult {
  checked: Partial<Record<PropertyName, number>>;
  /** Fixes not offered, by the property that would have checked them: their text did not read back as promised. */
  withheld: Partial<Record<PropertyName, number>>;
  violations: Violation[];
}

/** What a writer's placeholder looks like, as the empty-section fix may replace it (and nothing more). */
const PLACEHOLDER_TOKEN =
  /^[\s>]*(?:[*_`~]{1,3}|\[)?(?:todo|to-do|tbd|tbc|fixme|xxx|to be (?:added|written|done|confirmed)|fill (?:in|this in)|coming soon|placeholder|\.{2,}|…|\?+|-+)(?:[*_`~]{1,3}|\])?[-\u2013\u2014.:!,;]*\s*$/i;

const isHigh = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/** Line starts with CR, LF and CRLF all counted as line endings, as CommonMark counts them. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10 || (ch === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return starts;
}

function lineOf(starts: number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** Why an offset is not a valid place in `text`, or null. */
function badOffset(text: string, offset: number): string | null {
  if (!Number.isInteger(offset)) return `offset ${offset} is not an integer`;
  if (offset < 0 || offset > text.length) return `offset ${offset} is outside the document (length ${text.length})`;
  if (offset > 0 && offset < text.length) {
    if (isHigh(text.charCodeAt(offset - 1)) && isLow(text.charCodeAt(offset))) return `offset ${offset} splits a surrogate pair`;
    if (text[offset - 1] === '\r' && text[offset] === '\n') return `offset ${offset} splits a CRLF`;
  }
  return null;
}

function badPoint(text: string, starts: number[], point: Point): string | null {
  const offsetProblem = badOffset(text, point.offset);
  if (offsetProblem) return offsetProblem;
  const line = lineOf(starts, point.offset);
  if (point.line !== line + 1 || point.column !== point.offset - starts[line] + 1) {
    return `line:column ${point.line}:${point.column} does not match offset ${point.offset} (line:column ${line + 1}:${point.offset - starts[line] + 1})`;
  }
  return null;
}

function badRange(text: string, starts: number[], range: Range): string | null {
  const start = badPoint(text, starts, range.start);
  if (start) return `start: ${start}`;
  const end = badPoint(text, starts, range.end);
  if (end) return `end: ${end}`;
  if (range.start.offset > range.end.offset) return `starts at ${range.start.offset}, after its end ${range.end.offset}`;
  return null;
}

/** Why an edit cannot be applied to `text`, or null. */
export function badEdit(text: string, edit: TextEdit): string | null {
  const start = badOffset(text, edit.offset);
  if (start) return `start ${start}`;
  if (!Number.isInteger(edit.length) || edit.length < 0) return `length ${edit.length} is not a count`;
  const end = badOffset(text, edit.offset + edit.length);
  if (end) return `end ${end}`;
  if (typeof edit.text !== 'string') return 'text is not a string';
  for (const p of edit.placeholders) {
    if (!(Number.isInteger(p.start) && Number.isInteger(p.end) && 0 <= p.start && p.start <= p.end && p.end <= edit.text.length)) {
      return `placeholder ${p.start}-${p.end} is outside the inserted text (length ${edit.text.length})`;
    }
  }
  return null;
}

/**
 * Range problems in a result, one message per bad range (named by where it is). `withEdits`:
 * the fix edits too, which reading works out (core/lazy-edit), at a tenth of an analysis.
 */
export function rangeProblems(text: string, result: AnalyzeResult, withEdits = true): string[] {
  const starts = lineStarts(text);
  const problems: string[] = [];
  const check = (name: string, range: Range | null): void => {
    if (!range) return;
    const problem = badRange(text, starts, range);
    if (problem) problems.push(`${name} ${problem}`);
  };
  result.answers.forEach((answer, a) => {
    check(`answers[${a}].range`, answer.range);
    check(`answers[${a}].titleRange`, answer.titleRange);
    answer.sections.forEach((section, s) => {
      check(`answers[${a}].sections[${s}].labelRange`, section.labelRange);
      check(`answers[${a}].sections[${s}].range`, section.range);
    });
  });
  for (const d of result.diagnostics) {
    check(`${d.ruleId} diagnostic range`, d.range);
    if (withEdits && d.data.edit) {
      const problem = badEdit(text, d.data.edit);
      if (problem) problems.push(`${d.ruleId} fix edit ${problem}`);
    }
  }
  // The insert-all edits are range-checked where they are made (the insert-all group below),
  // as the checked set Fix all applies: working them out here too cost a twentieth of the run.
  return problems;
}

/** The checked insert-all edits (what Fix all applies), or none when checking throws (reported through `crashed`). */
function checkedInsertAll(text: string, result: AnalyzeResult, read: (text: string) => AnalyzeResult, crashed: (message: string) => void): CheckedInserts {
  try {
    return checkedInsertMissingEdits(text, result, read);
  } catch (error) {
    crashed(`checkedInsertMissingEdits threw ${errorText(error)}`);
    return { edits: [], answers: new Set(), heldBack: new Set() };
  }
}

/** True when `a` can be turned into `b` by inserting characters only. */
export function isSubsequence(a: string, b: string): boolean {
  let i = 0;
  for (let j = 0; i < a.length && j < b.length; j++) if (a[i] === b[j]) i++;
  return i === a.length;
}

/** `text` without what the edits may legitimately remove: placeholder tokens only. */
function mustKeep(text: string, edits: readonly TextEdit[]): string {
  let out = '';
  let at = 0;
  for (const edit of [...edits].sort((x, y) => x.offset - y.offset)) {
    const removed = text.slice(edit.offset, edit.offset + edit.length);
    if (edit.length > 0 && PLACEHOLDER_TOKEN.test(removed)) {
      out += text.slice(at, edit.offset);
      at = edit.offset + edit.length;
    }
  }
  return out + text.slice(at);
}

/** The first difference between two texts, for messages. */
function lostText(original: string, fixed: string): string {
  let i = 0;
  while (i < original.length && original[i] === fixed[i]) i++;
  return JSON.stringify(original.slice(Math.max(0, i - 10), i + 30));
}

/** What identifies a finding across a fix: its rule, answer and sections. */
const findingKey = (d: Diagnostic): string => `${d.ruleId}|${d.data.answerIndex}|${d.data.sections.join('+')}`;
const countKey = (result: AnalyzeResult, key: string): number => result.diagnostics.filter((d) => findingKey(d) === key).length;

const sectionSig = (s: Section): string => JSON.stringify([s.kinds, s.labelText, s.text]);
const sectionHead = (s: Section): string => JSON.stringify([s.kinds, s.labelText]);

/**
 * Differences between the answers before and after an edit. `changed` says, per answer, how
 * the edit may change it: 'none', or the sections it may add and the section whose text it
 * may rewrite (by label offset).
 */
function answerChanges(before: AnalyzeResult, after: AnalyzeResult, allowed: Map<number, { added: number; rewritten: number | null }>): Array<[string, string]> {
  if (before.answers.length !== after.answers.length) {
    return [[`the document has ${after.answers.length > before.answers.length ? 'more' : 'fewer'} answers afterwards`, `${before.answers.length} before (${describeAnswers(before.answers)}), ${after.answers.length} after (${describeAnswers(after.answers)})`]];
  }
  const problems: Array<[string, string]> = [];
  before.answers.forEach((old, index) => {
    const now = after.answers[index];
    const which = allowed.has(index) ? 'the answer it fixes' : 'another answer';
    if (old.title !== now.title) problems.push([`the title of ${which} changes`, `answer ${index}: ${JSON.stringify(old.title)} became ${JSON.stringify(now.title)}`]);
    const allow = allowed.get(index);
    if (!allow) {
      const a = old.sections.map(sectionSig).join('\n');
      const b = now.sections.map(sectionSig).join('\n');
      if (a !== b) problems.push([`${which} changes`, `answer ${index}: ${describeSections(old.sections)} became ${describeSections(now.sections)}`]);
      return;
    }
    if (now.sections.length !== old.sections.length + allow.added) {
      problems.push([
        `${which} gets ${now.sections.length < old.sections.length + allow.added ? 'fewer' : 'more'} sections than the fix adds`,
        `answer ${index}: expected ${old.sections.length + allow.added} sections; ${describeSections(old.sections)} became ${describeSections(now.sections)}`,
      ]);
      return;
    }
    // The old sections, in order, among the new ones; the rewritten one by its label only.
    let j = 0;
    for (const section of old.sections) {
      const rewritten = section.labelRange.start.offset === allow.rewritten;
      const want = rewritten ? sectionHead(section) : sectionSig(section);
      while (j < now.sections.length && (rewritten ? sectionHead(now.sections[j]) : sectionSig(now.sections[j])) !== want) j++;
      if (j === now.sections.length) {
        problems.push([`a section of ${which} loses or changes its label or text`, `answer ${index}: ${describeSections([section])} is not in ${describeSections(now.sections)}`]);
        return;
      }
      j++;
    }
  });
  return problems;
}

function describeSections(sections: Section[]): string {
  return `[${sections.map((s) => `${s.kinds.join('+')} ${JSON.stringify(s.labelText)}: ${JSON.stringify(s.text.length > 40 ? `${s.text.slice(0, 40)}…` : s.text)}`).join('; ')}]`;
}

function describeAnswers(answers: Answer[]): string {
  return answers.map((a) => a.sections.map((s) => s.kinds.join('+')).join(',')).join(' | ');
}

/** A result as the variant properties compare it, with ranges and edits written by the caller. */
function variantSummary(result: AnalyzeResult, range: (r: Range | null) => string | null, edit: (e: TextEdit) => unknown, answerRange = false): unknown {
  return {
    isDraft: result.isDraft,
    answers: result.answers.map((a) => ({
      title: a.title,
      titleRange: range(a.titleRange),
      ...(answerRange ? { range: range(a.range) } : {}),
      sections: a.sections.map((s) => [s.kinds, s.labelText, s.text, range(s.labelRange), ...(answerRange ? [range(s.range)] : [])]),
    })),
    diagnostics: result.diagnostics.map((d) => ({
      rule: d.ruleId,
      answer: d.data.answerIndex,
      sections: d.data.sections,
      range: range(d.range),
      message: d.message,
      edit: d.data.edit && edit(d.data.edit),
    })),
  };
}

/** What line endings must not change: positions as line:column, inserted text with LF. */
function eolSummary(text: string, result: AnalyzeResult): unknown {
  const starts = lineStarts(text);
  const at = (offset: number): string => {
    const line = lineOf(starts, offset);
    return `${line + 1}:${offset - starts[line] + 1}`;
  };
  const range = (r: Range | null): string | null => (r ? `${at(r.start.offset)}-${at(r.end.offset)}` : null);
  return variantSummary(result, range, (e) => ({ at: at(e.offset), to: at(e.offset + e.length), text: e.text.replace(/\r\n?/g, '\n') }));
}

/** The parts of a result a leading BOM must not change, with offsets taken relative to `shift`. */
function bomSummary(result: AnalyzeResult, shift: number): unknown {
  const range = (r: Range | null): string | null => (r ? `${r.start.line}:${r.start.offset - shift}-${r.end.line}:${r.end.offset - shift}` : null);
  return variantSummary(result, range, (e) => ({ offset: e.offset - shift, length: e.length, text: e.text }), true);
}

/** Where two texts first differ, for messages. */
function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  const from = Math.max(0, i - 40);
  return `${JSON.stringify(a.slice(from, i + 40))} vs ${JSON.stringify(b.slice(from, i + 40))}`;
}

/**
 * The first place two plain-data values differ, as a path with array indices left out
 * (`diagnostics[].edit.text`, the kind of difference) and the two values there.
 */
export function firstDifferingPath(a: unknown, b: unknown, path = ''): { path: string; a: string; b: string } | null {
  const show = (value: unknown): string => {
    const json = JSON.stringify(value) ?? String(value);
    return json.length > 300 ? `${json.slice(0, 300)}…` : json;
  };
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const found = firstDifferingPath(a[i], b[i], `${path}[]`);
      if (found) return found;
    }
    return a.length === b.length ? null : { path: `${path || 'result'} length`, a: show(a), b: show(b) };
  }
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const key of keys) {
      const found = firstDifferingPath((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], path ? `${path}.${key}` : key);
      if (found) return found;
    }
    return null;
  }
  return JSON.stringify(a) === JSON.stringify(b) ? null : { path: path || 'result', a: show(a), b: show(b) };
}

/** The line ending every line break of `text` uses, or null when it mixes them or has none. */
function uniformEol(text: string): '\n' | '\r\n' | '\r' | null {
  const breaks = text.match(/\r\n|\r|\n/g);
  if (!breaks) return null;
  return breaks.every((b) => b === breaks[0]) ? (breaks[0] as '\n' | '\r\n' | '\r') : null;
}

function sample<T>(rng: Random, items: readonly T[], count: number): T[] {
  return count >= items.length ? [...items] : rng.shuffle(items).slice(0, count);
}

function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const frame = error.stack?.split('\n').find((line) => line.includes('/src/'))?.trim();
  return `${error.name}: ${error.message}${frame ? ` (${frame.replace(/^at /, 'at ').replace(/\(.*\/src\//, '(src/')})` : ''}`;
}

/**
 * Checks one document against every property (or `config.only`). Never throws: a crash
 * in `analyze()` is a `no-throw` violation, and the checks that need its result are skipped.
 */
export function checkDocument(text: string, options: AnalyzeOptions, config: CheckConfig): CheckResult {
  const checked: CheckResult['checked'] = {};
  const withheld: CheckResult['withheld'] = {};
  const violations: Violation[] = [];
  const withhold = (property: PropertyName): void => {
    withheld[property] = (withheld[property] ?? 0) + 1;
  };
  const wants = (property: PropertyName): boolean => config.only === undefined || config.only === property;
  const count = (property: PropertyName): void => {
    checked[property] = (checked[property] ?? 0) + 1;
  };
  const fail = (property: PropertyName, message: string, detail = ''): void => {
    violations.push({ property, message, detail });
  };
  /** analyze() with the crash recorded as a no-throw violation; `what` names the text. */
  // The texts read so far: the editor's check of a fix and this file's check of it read the same
  // fixed text, and a second reading would only repeat the first (the deterministic property).
  const readings = new Map<string, AnalyzeResult>();
  const read = (input: string): AnalyzeResult => {
    let reading = readings.get(input);
    if (!reading) readings.set(input, (reading = analyze(input, options)));
    return reading;
  };
  /** `fresh`: read again, not from `readings` (the deterministic property compares two readings). */
  const run = (input: string, what: string, fresh = false): AnalyzeResult | null => {
    count('no-throw');
    try {
      return fresh ? analyze(input, options) : read(input);
    } catch (error) {
      fail('no-throw', `analyze(${what}) threw ${errorText(error)}`);
      return null;
    }
  };

  const result = run(text, 'the document');
  if (!result) return { checked, withheld, violations };
  /** Whether the editor offers a fix: its text reads back as promised (a crash there is a no-throw violation). */
  const offered = (edits: TextEdit[], promise: FixPromise): boolean => {
    try {
      return editsKeepPromise(text, result, edits, promise, read);
    } catch (error) {
      fail('no-throw', `checking a fix threw ${errorText(error)}`);
      return false;
    }
  };
  const full = text.length <= config.fullCheckLength;
  const group = config.oneGroup && !config.only ? config.rng.weighted({ fixes: 3, disable: 1.5, insertAll: 2, eol: 1, bom: 0.7, rerun: 0.8 }) : null;
  const runs = (name: typeof group): boolean => group === null || group === name;

  if (wants('ranges')) {
    count('ranges');
    // The fix edits' ranges where the quick fixes are tried, which work out every edit anyway.
    for (const problem of rangeProblems(text, result, runs('fixes'))) fail('ranges', problem);
  }

  const fixProperties: PropertyName[] = ['fix-applies', 'fix-keeps-text', 'fix-removes-finding', 'fix-keeps-answers'];
  if (full && runs('fixes') && fixProperties.some(wants)) {
    const fixable = result.diagnostics.filter((d) => d.data.edit);
    for (const d of sample(config.rng, fixable, config.fixes)) {
      const edit = d.data.edit!;
      const name = `the ${d.ruleId} fix`;
      count('fix-applies');
      const bad = badEdit(text, edit);
      if (bad) {
        fail('fix-applies', `${name}: edit ${bad}`);
        continue;
      }
      let fixed: string;
      try {
        fixed = applyEdits(text, [edit]);
      } catch (error) {
        fail('fix-applies', `${name} does not apply: ${errorText(error)}`);
        continue;
      }
      if (wants('fix-keeps-text')) {
        count('fix-keeps-text');
        const removed = text.slice(edit.offset, edit.offset + edit.length);
        if (!isSubsequence(mustKeep(text, [edit]), fixed)) fail('fix-keeps-text', `${name} removes more than a placeholder token`, `it replaces ${JSON.stringify(removed)}; first change near ${lostText(text, fixed)}; fixed text: ${JSON.stringify(fixed)}`);
      }
      if (!wants('fix-removes-finding') && !wants('fix-keeps-answers')) continue;
      if (!offered([edit], fixPromise(d))) {
        withhold('fix-keeps-answers');
        continue;
      }
      const after = run(fixed, `text after ${name}`);
      if (!after) continue;
      if (wants('fix-removes-finding')) {
        count('fix-removes-finding');
        const key = findingKey(d);
        // The metrics and empty-section fixes leave placeholders ("From X to Y in Z", a prompt)
        // for the writer to type over, and the finding goes once they have: so those fixes are
        // checked with the writer's words in the placeholders.
        const typing = TYPED_OVER[d.ruleId];
        const typed = typing && edit.placeholders.length > 0 ? applyEdits(text, [typedOver(edit, typing)]) : fixed;
        const afterTyping = typed === fixed ? after : run(typed, `text after ${name}, placeholders typed over`);
        if (afterTyping && countKey(afterTyping, key) >= countKey(result, key)) {
          fail('fix-removes-finding', `${d.ruleId} (${d.data.sections.join('+') || 'no section'}) is still reported after its fix${typed === fixed ? '' : ' (placeholders typed over)'}`, `answer ${d.data.answerIndex}; fixed text: ${JSON.stringify(typed)}`);
        }
      }
      if (wants('fix-keeps-answers')) {
        count('fix-keeps-answers');
        const inserts = MISSING_SECTION_RULES.has(d.ruleId) ? 1 : 0;
        const rewritten = inserts ? null : d.range.start.offset;
        for (const [problem, detail] of answerChanges(result, after, new Map([[d.data.answerIndex, { added: inserts, rewritten }]]))) {
          fail('fix-keeps-answers', `${name}: ${problem}`, `${detail}; fixed text: ${JSON.stringify(fixed)}`);
        }
      }
    }
  }

  if (full && runs('disable') && wants('disable-fix') && result.diagnostics.length > 0) {
    const lines = new LineIndex(text);
    const eol = detectEol(text);
    for (const d of sample(config.rng, result.diagnostics, config.disables)) {
      const scope = config.rng.chance(0.75) ? 'line' : 'file';
      const name = `"Disable ${d.alias} for this ${scope}"`;
      count('disable-fix');
      let edit: TextEdit | null;
      try {
        edit = disableDirectiveEdit(text, lines.lineStart(d.range.start.line), d.alias, scope, eol, d.ruleId);
      } catch (error) {
        fail('no-throw', `disableDirectiveEdit threw ${errorText(error)}`);
        continue;
      }
      // Not offered: an enable directive below would turn the rule back on.
      if (!edit) continue;
      const bad = badEdit(text, edit);
      if (bad) {
        fail('disable-fix', `${name}: edit ${bad}`);
        continue;
      }
      const fixed = applyEdits(text, [edit]);
      if (!isSubsequence(text, fixed)) fail('disable-fix', `${name} removes text`, `near ${lostText(text, fixed)}`);
      if (!offered([edit], disablePromise(d, scope))) {
        withhold('disable-fix');
        continue;
      }
      const after = run(fixed, `text after ${name}`);
      if (!after) continue;
      const still = scope === 'line' ? countKey(after, findingKey(d)) >= countKey(result, findingKey(d)) : after.diagnostics.some((x) => x.ruleId === d.ruleId);
      if (still) fail('disable-fix', `${name} leaves the finding reported`, `line ${d.range.start.line}; fixed text: ${JSON.stringify(fixed)}`);
      for (const [problem, detail] of answerChanges(result, after, new Map())) fail('disable-fix', `${name}: ${problem}`, `${detail}; fixed text: ${JSON.stringify(fixed)}`);
    }
  }

  if (full && runs('insertAll') && (wants('insert-all-removes') || wants('insert-all-idempotent'))) {
    // What the editor's Fix all applies: the answers whose parts read back as promised.
    const { edits, answers: kept, heldBack } = checkedInsertAll(text, result, read, (message) => fail('no-throw', message));
    if (heldBack.size > 0) withhold('insert-all-removes');
    if (edits.length > 0 && !edits.some((edit) => badEdit(text, edit))) {
      let once: string | null = null;
      try {
        once = applyEdits(text, edits);
      } catch (error) {
        count('insert-all-removes');
        fail('insert-all-removes', `insert-all edits do not apply: ${errorText(error)}`);
      }
      const after = once === null ? null : run(once, 'text after insert-all');
      if (once !== null && after) {
        if (wants('insert-all-removes')) {
          count('insert-all-removes');
          if (!isSubsequence(text, once)) fail('insert-all-removes', 'insert-all removes text', `near ${lostText(text, once)}`);
          // What insert-all targets: the findings it has a placement for, those with a quick fix of
          // their own. A part that no place would keep in its story gets neither (a part that a
          // combined label skips, one above a table's header row): no fix is better than a wrong one.
          const targeted = missingByAnswer({ ...result, diagnostics: result.diagnostics.filter((d) => d.data.edit !== null && kept.has(d.data.answerIndex)) });
          for (const [answerIndex, kinds] of targeted) {
            for (const d of after.diagnostics) {
              if (MISSING_SECTION_RULES.has(d.ruleId) && d.data.answerIndex === answerIndex && d.data.sections.some((k) => kinds.includes(k))) {
                fail('insert-all-removes', `${d.ruleId} is still reported after insert-all`, `answer ${answerIndex}; fixed text: ${JSON.stringify(once)}`);
              }
            }
          }
          const allowed = new Map([...targeted].map(([index, kinds]) => [index, { added: new Set(kinds).size, rewritten: null }]));
          for (const [problem, detail] of answerChanges(result, after, allowed)) fail('insert-all-removes', `insert-all: ${problem}`, `${detail}; fixed text: ${JSON.stringify(once)}`);
        }
        if (wants('insert-all-idempotent')) {
          count('insert-all-idempotent');
          let twice = once;
          try {
            twice = applyEdits(once, checkedInsertAll(once, after, read, (message) => fail('no-throw', message)).edits);
          } catch (error) {
            fail('insert-all-idempotent', `the second insert-all does not apply: ${errorText(error)}`);
          }
          if (twice !== once) fail('insert-all-idempotent', 'a second insert-all changes the text again', `${firstDifference(once, twice)}; once: ${JSON.stringify(once)}`);
        }
      }
    } else if (edits.length > 0) {
      count('insert-all-removes');
      fail('insert-all-removes', `insert-all edit ${edits.map((edit) => badEdit(text, edit)).find(Boolean)}`);
    }
  }

  if (full && wants('eol-invariance')) {
    const lf = text.replace(/\r\n?/g, '\n');
    let other: string | null = null;
    if (lf !== text) other = lf;
    else if (runs('eol') && text.includes('\n') && (config.only || config.rng.chance(config.variants))) other = text.replace(/\n/g, config.rng.chance(0.5) ? '\r\n' : '\r');
    if (other !== null) {
      const otherResult = run(other, 'the document with other line endings');
      if (otherResult) {
        count('eol-invariance');
        const difference = firstDifferingPath(eolSummary(text, result), eolSummary(other, otherResult));
        if (difference) fail('eol-invariance', `line endings change ${difference.path}`, `${JSON.stringify(text.match(/\r\n|\r|\n/)?.[0])} gives ${difference.a}, ${JSON.stringify(other.match(/\r\n|\r|\n/)?.[0])} gives ${difference.b}`);
        // The document's own edits (a variant's would be reported with a misleading reproduction).
        const eol = uniformEol(text);
        if (eol && eol !== '\n') {
          for (const d of result.diagnostics) {
            const inserted = d.data.edit?.text ?? '';
            const foreign = eol === '\r\n' ? /(?<!\r)\n|\r(?!\n)/.test(inserted) : /\n/.test(inserted);
            if (foreign) fail('eol-invariance', `the ${d.ruleId} fix inserts other line endings than the document's ${JSON.stringify(eol)}`, JSON.stringify(inserted));
          }
        }
      }
    }
  }

  if (full && wants('bom-invariance')) {
    const hasBom = text.startsWith('\ufeff');
    if ((hasBom && !text.startsWith('\ufeff\ufeff')) || (!hasBom && runs('bom') && (config.only || config.rng.chance(config.variants)))) {
      const other = hasBom ? text.slice(1) : `\ufeff${text}`;
      const otherResult = run(other, hasBom ? 'the document without its BOM' : 'the document with a BOM');
      if (otherResult) {
        count('bom-invariance');
        const [withBom, withoutBom] = hasBom ? [result, otherResult] : [otherResult, result];
        const difference = firstDifferingPath(bomSummary(withoutBom, 0), bomSummary(withBom, 1));
        if (difference) fail('bom-invariance', `a leading BOM changes ${difference.path} (beyond shifting offsets by one)`, `without BOM ${difference.a}, with BOM (offsets less one) ${difference.b}`);
      }
    }
  }

  if (wants('deterministic') && runs('rerun') && (config.only || config.rng.chance(config.rerun))) {
    count('deterministic');
    const again = run(text, 'the document, a second time', true);
    const difference = again && firstDifferingPath(JSON.parse(JSON.stringify(result)), JSON.parse(JSON.stringify(again)));
    if (difference) fail('deterministic', `a second run gives another ${difference.path}`, `first ${difference.a}, then ${difference.b}`);
  }
  return { checked, withheld, violations };
}
