import type { FixData, TextEdit } from './types';

/**
 * A fix edit worked out when it is first read rather than in every analysis. Placing a missing
 * section (where it lands, whether that is inside a block) was about a tenth of `analyze()`,
 * while most analyses (each keystroke's, `star-coach check`'s) never read a fix. `edit` stays
 * an ordinary enumerable property to every reader: reading, spreading, cloning to a worker or
 * JSON all work it out once, and from then on it is plain data.
 */
export type EditSource = TextEdit | null | (() => TextEdit | null);

interface Pending {
  compute: () => TextEdit | null;
  /** Offsets the holder has moved by since `compute` saw its text. */
  shift: number;
}

const pending = new WeakMap<object, Pending>();

function settle(holder: Pick<FixData, 'edit'>, value: TextEdit | null): void {
  pending.delete(holder);
  Object.defineProperty(holder, 'edit', { value, writable: true, enumerable: true, configurable: true });
}

function defer(holder: Pick<FixData, 'edit'>, state: Pending): void {
  pending.set(holder, state);
  Object.defineProperty(holder, 'edit', {
    enumerable: true,
    configurable: true,
    get(): TextEdit | null {
      const edit = state.compute();
      const value = edit && state.shift !== 0 ? { ...edit, offset: edit.offset + state.shift } : edit;
      settle(holder, value);
      return value;
    },
    set(value: TextEdit | null) {
      settle(holder, value);
    },
  });
}

/** Fix data with its edit, or with an edit worked out by `source` when first read. */
export function fixData(fields: Omit<FixData, 'edit'>, source: EditSource): FixData {
  const data: FixData = { ...fields, edit: null };
  if (typeof source === 'function') defer(data, { compute: source, shift: 0 });
  else data.edit = source;
  return data;
}

/** Moves the edit of `holder` by `by` characters, in place, without working it out. */
export function shiftEdit(holder: Pick<FixData, 'edit'>, by: number): void {
  const state = pending.get(holder);
  if (state) state.shift += by;
  else if (holder.edit) holder.edit = { ...holder.edit, offset: holder.edit.offset + by };
}

/** A copy of `data` with `changes`, its edit moved by `by`; an edit not yet worked out stays so. */
export function copyFixData(data: FixData, changes: Partial<Omit<FixData, 'edit'>>, by: number): FixData {
  // Field by field: spreading `data` would read `edit`, and so work it out.
  const fields: Omit<FixData, 'edit'> = { answerIndex: data.answerIndex, sections: data.sections, style: data.style, ...changes };
  const state = pending.get(data);
  const copy = fixData(fields, state ? null : data.edit);
  if (state) defer(copy, { compute: state.compute, shift: state.shift + by });
  else shiftEdit(copy, by);
  return copy;
}
