/**
 * A copy of `piece` that does not keep alive the string it was cut from. V8 makes a substring
 * a view into its parent, so a cache key (or a value sliced from one) kept across edits would
 * hold a whole old version of its block or document for as long as the entry lives.
 */
export function ownCopy(piece: string): string {
  return (' ' + piece).slice(1);
}
