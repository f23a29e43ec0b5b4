import { insertSectionsEdits } from './fixes';
import { detectEol, LineIndex } from './markdown';
import type { AnalyzeResult, SectionKind, TextEdit } from './types';

/** Rules whose findings name sections that a fix inserts. */
export const MISSING_SECTION_RULES: ReadonlySet<string> = new Set(['STAR001', 'STAR002', 'STAR003', 'STAR004', 'STAR005']);

/** The sections each answer is missing, as reported (so rules that are off or silenced stay out). */
export function missingByAnswer(result: AnalyzeResult): Map<number, SectionKind[]> {
  const missing = new Map<number, SectionKind[]>();
  for (const d of result.diagnostics) {
    if (!MISSING_SECTION_RULES.has(d.ruleId)) continue;
    missing.set(d.data.answerIndex, [...(missing.get(d.data.answerIndex) ?? []), ...d.data.sections]);
  }
  return missing;
}

/**
 * Edits that insert every reported missing section, for one answer or all of them: what the
 * editor's Fix all and `star-coach fix` apply. `text` is the text `result` was computed from.
 */
export function insertMissingEdits(text: string, result: AnalyzeResult, answerIndex?: number): TextEdit[] {
  const lines = new LineIndex(text);
  const eol = detectEol(text);
  const edits: TextEdit[] = [];
  // A leading BOM stays first: a section inserted at the top goes after it, as analyze() reads the text without it.
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (const [index, kinds] of missingByAnswer(result)) {
    if (answerIndex !== undefined && index !== answerIndex) continue;
    for (const edit of insertSectionsEdits(lines, eol, result.answers[index], kinds)) edits.push(edit.offset < start ? { ...edit, offset: start } : edit);
  }
  return edits.sort((a, b) => a.offset - b.offset);
}

/** Applies non-overlapping edits (offsets into `text`) and returns the new text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.offset - b.offset);
  let out = '';
  let at = 0;
  for (const edit of sorted) {
    if (edit.offset < at) throw new Error(`overlapping edits at offset ${edit.offset}`);
    out += text.slice(at, edit.offset) + edit.text;
    at = edit.offset + edit.length;
  }
  return out + text.slice(at);
}
