import type { AnalyzeResult, Diagnostic } from '../../src/engine';

/**
 * A compact, reviewable rendering of an analysis, stored next to each fixture as
 * `<name>.expected`: one line per answer and section, then per diagnostic its
 * `line:col-line:col severity CODE/alias` position, its message, and the edit of its
 * preferred fix (where it lands, what it replaces, what it inserts), so a review of the
 * file shows exactly what a quick fix would do to the draft.
 */
export function summarize(result: AnalyzeResult, text: string): string {
  const lines: string[] = [`draft: ${result.isDraft}`];
  for (const answer of result.answers) {
    lines.push(`answer ${JSON.stringify(answer.title)} ${answer.range.start.line}-${answer.range.end.line} words=${answer.words}`);
    for (const section of answer.sections) {
      const empty = section.empty ? ' empty' : '';
      lines.push(`  ${section.kinds.join('+')} ${section.range.start.line}-${section.range.end.line} words=${section.words}${empty} label=${JSON.stringify(section.labelText)}`);
    }
    if (answer.metrics.length > 0) lines.push(`  metrics: ${answer.metrics.join(' | ')}`);
  }
  for (const d of result.diagnostics) {
    lines.push(`${d.range.start.line}:${d.range.start.column}-${d.range.end.line}:${d.range.end.column} ${d.severity} ${d.ruleId}/${d.alias}`);
    lines.push(`  message: ${JSON.stringify(d.message)}`);
    lines.push(...describeFix(d, text));
  }
  return lines.join('\n') + '\n';
}

/**
 * The preferred fix's edit, in words: `at LINE:COL (offset N)`, the replaced text when
 * the edit replaces anything, the inserted text (JSON-escaped, so line breaks and
 * spaces are visible), and the placeholder spans the editor would select.
 */
function describeFix(d: Diagnostic, text: string): string[] {
  const edit = d.data.edit;
  if (!edit) return ['  fix: none'];
  const out = [`  fix: at ${pointOf(text, edit.offset)} (offset ${edit.offset})`];
  if (edit.length > 0) out.push(`    replaces ${edit.length} chars: ${JSON.stringify(text.slice(edit.offset, edit.offset + edit.length))}`);
  out.push(`    inserts: ${JSON.stringify(edit.text)}`);
  for (const p of edit.placeholders) out.push(`    selects: ${JSON.stringify(edit.text.slice(p.start, p.end))}`);
  return out;
}

/** 1-based `line:col` of an offset, counting `\n` line breaks; out-of-range offsets are flagged. */
function pointOf(text: string, offset: number): string {
  if (offset < 0 || offset > text.length) return `OUT OF RANGE (text length ${text.length})`;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return `${line}:${column}`;
}
