import type { AnalyzeResult } from '../../src/core';

/**
 * A compact, reviewable rendering of an analysis, stored next to each fixture as
 * `<name>.expected`: one line per answer and section, then one per diagnostic in the
 * `line:col-line:col severity CODE/alias` shape.
 */
export function summarize(result: AnalyzeResult): string {
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
  }
  return lines.join('\n') + '\n';
}
