/** Word lists as patterns, for vocabulary and cue data written in several scripts. */

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/;

/** One pattern for a list of cue words: Latin words whole, CJK anywhere. */
export function cuePattern(words: readonly string[], anchored: boolean): RegExp {
  const escape = (word: string): string => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const latin = words.filter((word) => !CJK.test(word)).map(escape);
  const cjk = words.filter((word) => CJK.test(word)).map(escape);
  const latinPart = latin.length ? `(?<![\\p{L}\\p{N}'’])(?:${latin.join('|')})(?![\\p{L}\\p{N}])` : '';
  const cjkPart = cjk.length ? `(?:${cjk.join('|')})` : '';
  const body = [latinPart, cjkPart].filter(Boolean).join('|');
  return new RegExp(anchored ? `^[\\s\\p{P}\\p{S}]*(?:${body})` : `(?:${body})`, 'iu');
}
