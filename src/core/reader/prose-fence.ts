/**
 * A fence that holds a story, not code: writers paste a sample answer into a bare ``` block
 * to keep its line breaks (`SITUATION: We were building…` … `RESULT: …`). Such a fence has
 * no info string, names at least three parts at line starts, reads as sentences and has no
 * line that looks like code. Any other fence stays code, and its labels do not count.
 */
import { scanLabel } from './candidates';
import type { Vocabulary } from './vocabulary';

/** Fewest different parts a fence must name at its line starts. */
const MIN_PARTS = 3;
/** Fewest sentence ends (`…the sprint was starting.`) that make the fence prose. */
const MIN_SENTENCES = 3;
const SENTENCE_END = /[\p{Ll}\p{N})"'”’][.!?](?=["”’]?(?:\s|$))/gu;
/** A line as code writes it: a brace or semicolon at its end, an operator, a keyword, a prompt or a comment. */
const CODE_LINE = /[{};]\s*$|=>|==|!=|&&|\|\||\w\(\)|^\s*(?:def|function|class|import|export|return|const|let|var|if|for|while|public|private|SELECT|INSERT)\b|^\s*(?:[$#>]|\/\/|<\/?[a-z][\w-]*[\s>])/;

/** True when a fenced block's text (`info`: what follows the opening fence) is a story told in prose with part labels. */
export function isProseFence(info: string | null | undefined, value: string, vocabulary: Vocabulary): boolean {
  if (info) return false;
  const lines = value.split(/\r?\n/);
  if (lines.some((line) => CODE_LINE.test(line))) return false;
  if ((value.match(SENTENCE_END) ?? []).length < MIN_SENTENCES) return false;
  const parts = new Set<string>();
  for (const line of lines) {
    const from = line.length - line.trimStart().length;
    const match = scanLabel(line, vocabulary, from);
    for (const kind of match?.kinds ?? []) parts.add(kind);
  }
  return parts.size >= MIN_PARTS;
}
