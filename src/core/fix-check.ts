/**
 * A fix is offered only when the fixed text reads back as the fix promises. The reader learns
 * each document's label style, so one label written into a draft can change how the rest of it
 * reads (a word label in a draft of letters, a line that markup joins to the one above): the
 * insert is placed with care, and then the result is read again to be sure. A fix that would
 * change another part of the story is not offered; its finding stays, with no edit.
 */
import { applyEdits, insertMissingEdits, missingByAnswer, MISSING_SECTION_RULES } from './fix-all';
import type { AnalyzeResult, Diagnostic, Section, TextEdit } from './types';

/** How a fix may change one answer: the sections it adds, and the label offset of a section whose text it rewrites. */
interface AnswerChange {
  added: number;
  rewritten: number | null;
}

/** What a fix promises about the text read again. */
export interface FixPromise {
  /** The answers it may change, and how; every other answer stays exactly as it was. */
  changes: ReadonlyMap<number, AnswerChange>;
  /** Findings that are gone afterwards (fewer of them with the same rule, answer and sections). */
  gone: readonly Diagnostic[];
  /** A rule that reports nothing afterwards ("Disable … for this file"). */
  silenced?: string;
  /** Answers left with no missing part that a fix could insert, so Fix all a second time changes nothing. */
  settles?: ReadonlySet<number>;
  /** What the writer types over the fix's placeholders: the promise is about the text once they have. */
  typed?: readonly string[];
}

/** Reads a text again, with the options the first reading had. */
export type Reanalyze = (text: string) => AnalyzeResult;

const findingKey = (d: Diagnostic): string => `${d.ruleId}|${d.data.answerIndex}|${d.data.sections.join('+')}`;
const sameSection = (a: Section, b: Section, withText: boolean): boolean =>
  a.labelText === b.labelText && a.kinds.join('+') === b.kinds.join('+') && (!withText || a.text === b.text);

/**
 * What a writer types over the placeholders a fix leaves, per rule whose finding stays until
 * they have: the figures of "From X to Y in Z", and a told sentence over a prompt.
 */
export const TYPED_OVER: Readonly<Record<string, readonly string[]>> = {
  STAR006: ['40 minutes', '15 minutes', '3 weeks'],
  STAR007: ['I asked the team, and the wait fell from 40 to 15 minutes in 3 weeks.'],
};

/** The edit with its placeholders replaced by `values`, in order (the last one repeated). */
export function typedOver(edit: TextEdit, values: readonly string[]): TextEdit {
  let out = '';
  let at = 0;
  [...edit.placeholders]
    .sort((a, b) => a.start - b.start)
    .forEach((p, i) => {
      out += edit.text.slice(at, p.start) + (values[i] ?? values[values.length - 1]);
      at = p.end;
    });
  return { ...edit, text: out + edit.text.slice(at), placeholders: [] };
}

/** The promise of a finding's own fix: a missing part inserted, or a placeholder or prompt written into its section. */
export function fixPromise(diagnostic: Diagnostic): FixPromise {
  const inserts = MISSING_SECTION_RULES.has(diagnostic.ruleId);
  const change = { added: inserts ? 1 : 0, rewritten: inserts ? null : diagnostic.range.start.offset };
  const typed = TYPED_OVER[diagnostic.ruleId];
  // The metrics and prompt fixes leave placeholders to type over; their findings go once the writer has.
  if (!inserts && (!typed || (diagnostic.data.edit?.placeholders.length ?? 0) === 0)) return { changes: new Map([[diagnostic.data.answerIndex, change]]), gone: [] };
  return { changes: new Map([[diagnostic.data.answerIndex, change]]), gone: [diagnostic], typed: inserts ? undefined : typed };
}

/** The promise of "Disable … for this line/file": nothing changes but the finding (or the rule) going quiet. */
export function disablePromise(diagnostic: Diagnostic, scope: 'line' | 'file'): FixPromise {
  return scope === 'file' ? { changes: new Map(), gone: [], silenced: diagnostic.ruleId } : { changes: new Map(), gone: [diagnostic] };
}

/**
 * The promise of inserting every missing part of the given answers: the parts that have a
 * place of their own (a finding with a fix); one that no place would keep in its story is left.
 */
function insertAllPromise(result: AnalyzeResult, answers: ReadonlySet<number>): FixPromise {
  const gone = result.diagnostics.filter((d) => MISSING_SECTION_RULES.has(d.ruleId) && answers.has(d.data.answerIndex) && d.data.edit !== null);
  const changes = new Map<number, AnswerChange>();
  for (const [index, kinds] of missingByAnswer({ ...result, diagnostics: gone })) changes.set(index, { added: new Set(kinds).size, rewritten: null });
  return { changes, gone, settles: new Set(changes.keys()) };
}

/** Whether `after`, the text read again, keeps the promise made about `before`. */
export function keepsPromise(before: AnalyzeResult, after: AnalyzeResult, promise: FixPromise): boolean {
  if (before.answers.length !== after.answers.length) return false;
  const answersKept = before.answers.every((old, index) => {
    const now = after.answers[index];
    if (old.title !== now.title) return false;
    const change = promise.changes.get(index);
    if (!change) return old.sections.length === now.sections.length && old.sections.every((s, i) => sameSection(s, now.sections[i], true));
    if (now.sections.length !== old.sections.length + change.added) return false;
    // The old sections in order among the new ones; the rewritten one by its label only.
    let j = 0;
    for (const section of old.sections) {
      const withText = section.labelRange.start.offset !== change.rewritten;
      while (j < now.sections.length && !sameSection(section, now.sections[j], withText)) j++;
      if (j++ === now.sections.length) return false;
    }
    return true;
  });
  if (!answersKept) return false;
  const count = (result: AnalyzeResult, key: string): number => result.diagnostics.filter((d) => findingKey(d) === key).length;
  if (promise.gone.some((d) => count(after, findingKey(d)) >= count(before, findingKey(d)))) return false;
  // A part that only the inserts gave a place (a Reflection after the new Action) is one more Fix all
  // would add; so is a part of an answer left as it was that the inserts around it gave a place.
  if (promise.settles) {
    const fixable = new Set(before.diagnostics.filter((d) => MISSING_SECTION_RULES.has(d.ruleId) && d.data.edit !== null).map((d) => `${d.data.answerIndex} ${d.ruleId}`));
    const more = (d: Diagnostic): boolean => promise.settles!.has(d.data.answerIndex) || !fixable.has(`${d.data.answerIndex} ${d.ruleId}`);
    if (after.diagnostics.some((d) => MISSING_SECTION_RULES.has(d.ruleId) && more(d) && d.data.edit !== null)) return false;
  }
  return !promise.silenced || !after.diagnostics.some((d) => d.ruleId === promise.silenced);
}

/** Whether applying `edits` to `text` keeps `promise`, read again with `reanalyze` (after typing over the placeholders it names). */
export function editsKeepPromise(text: string, before: AnalyzeResult, edits: readonly TextEdit[], promise: FixPromise, reanalyze: Reanalyze): boolean {
  const typed = promise.typed;
  return keepsPromise(before, reanalyze(applyEdits(text, typed ? edits.map((edit) => typedOver(edit, typed)) : edits)), promise);
}

/** The inserts Fix all applies, the answers they complete, and the answers whose inserts were held back. */
export interface CheckedInserts {
  edits: TextEdit[];
  answers: ReadonlySet<number>;
  heldBack: ReadonlySet<number>;
}

/**
 * The edits that insert the missing parts of one answer or of all of them (Fix all, `star-coach
 * fix`), checked: when the whole set does not read back as promised, answers are taken one at a
 * time, each kept only if the set so far still reads back right. One reading in the usual case.
 */
export function checkedInsertMissingEdits(text: string, result: AnalyzeResult, reanalyze: Reanalyze, answerIndex?: number, rounds = 2): CheckedInserts {
  const own = new Map<number, TextEdit[]>();
  for (const index of missingByAnswer(result).keys()) {
    if (answerIndex !== undefined && index !== answerIndex) continue;
    const edits = insertMissingEdits(text, result, index);
    if (edits.length > 0) own.set(index, edits);
  }
  const all = [...own.values()].flat().sort((a, b) => a.offset - b.offset);
  if (all.length === 0) return { edits: [], answers: new Set(), heldBack: new Set() };
  const answers = new Set(own.keys());
  if (editsKeepPromise(text, result, all, insertAllPromise(result, answers), reanalyze)) return { edits: all, answers, heldBack: new Set() };
  const kept = new Set<number>();
  let keptEdits: TextEdit[] = [];
  for (const [index, edits] of own) {
    const trial = new Set(kept).add(index);
    const together = [...keptEdits, ...edits].sort((a, b) => a.offset - b.offset);
    if (!editsKeepPromise(text, result, together, insertAllPromise(result, trial), reanalyze)) continue;
    kept.add(index);
    keptEdits = together;
  }
  const heldBack = new Set([...own.keys()].filter((index) => !kept.has(index)));
  if (heldBack.size === 0 || keptEdits.length === 0 || rounds <= 1) return { edits: keptEdits, answers: kept, heldBack };
  // The answers held back, once more, their parts placed in the text the kept inserts make: a
  // second Fix all would offer what reads right there, so this one does (twice is then once).
  const fixed = applyEdits(text, keptEdits);
  const again = checkedInsertMissingEdits(fixed, reanalyze(fixed), reanalyze, answerIndex, rounds - 1);
  const mapped = again.edits.map((edit) => beforeInserts(edit, keptEdits));
  if (again.edits.length === 0 || mapped.some((edit) => edit === null)) return { edits: keptEdits, answers: kept, heldBack };
  const union = new Set([...kept, ...again.answers]);
  const combined = [...keptEdits, ...(mapped as TextEdit[])].sort((a, b) => a.offset - b.offset);
  if (!editsKeepPromise(text, result, combined, insertAllPromise(result, union), reanalyze)) return { edits: keptEdits, answers: kept, heldBack };
  return { edits: combined, answers: union, heldBack: new Set([...heldBack].filter((index) => !union.has(index))) };
}

/**
 * An insert into the text that `inserts` made, as an insert into the text before them; null when
 * it lands inside or right before one of them (no offset of the old text says which side).
 */
function beforeInserts(edit: TextEdit, inserts: readonly TextEdit[]): TextEdit | null {
  if (edit.length !== 0) return null;
  let shift = 0;
  for (const insert of inserts) {
    const start = insert.offset + shift;
    if (edit.offset < start) break;
    if (edit.offset < start + insert.text.length) return null;
    shift += insert.text.length;
  }
  return { ...edit, offset: edit.offset - shift };
}
