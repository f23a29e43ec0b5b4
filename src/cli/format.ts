import { SECTION_KINDS, type AnalyzeResult, type Answer, type Severity } from '../core/types';

/** One file's entry in `--format json`: the public contract documented in the README. */
export interface JsonFileReport {
  file: string;
  answers: Array<{
    title: string | null;
    line: number;
    endLine: number;
    words: number;
    sections: Record<string, { line: number; endLine: number; words: number } | null>;
    metrics: string[];
  }>;
  diagnostics: Array<{
    ruleId: string;
    alias: string;
    severity: Severity;
    message: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
  }>;
}

function jsonAnswer(answer: Answer): JsonFileReport['answers'][number] {
  const sections: JsonFileReport['answers'][number]['sections'] = {};
  for (const kind of SECTION_KINDS) {
    const section = answer.sections.find((s) => s.kinds.includes(kind));
    sections[kind] = section ? { line: section.range.start.line, endLine: section.range.end.line, words: section.words } : null;
  }
  return { title: answer.title, line: answer.range.start.line, endLine: answer.range.end.line, words: answer.words, sections, metrics: answer.metrics };
}

/** Converts an analysis to the JSON contract (1-based lines and columns). */
export function toJsonReport(file: string, result: AnalyzeResult): JsonFileReport {
  return {
    file,
    answers: result.answers.map(jsonAnswer),
    diagnostics: result.diagnostics.map((d) => ({
      ruleId: d.ruleId,
      alias: d.alias,
      severity: d.severity,
      message: d.message,
      line: d.range.start.line,
      column: d.range.start.column,
      endLine: d.range.end.line,
      endColumn: d.range.end.column,
    })),
  };
}

const COLORS: Record<Severity, string> = { error: '\x1b[31m', warning: '\x1b[33m', information: '\x1b[36m' };

/** `file:line:col  severity  message  CODE/alias`, one line per diagnostic. */
export function formatText(file: string, result: AnalyzeResult, color: boolean): string[] {
  return result.diagnostics.map((d) => {
    const severity = color ? `${COLORS[d.severity]}${d.severity}\x1b[0m` : d.severity;
    const code = color ? `\x1b[2m${d.ruleId}/${d.alias}\x1b[0m` : `${d.ruleId}/${d.alias}`;
    return `${file}:${d.range.start.line}:${d.range.start.column}  ${severity}  ${d.message}  ${code}`;
  });
}

/**
 * The closing summary line of text output. `ready` is how many of the answers have every
 * required part written (their readiness, as the editor's views show it); without it the
 * line leaves readiness out.
 */
export function formatSummary(counts: Record<Severity, number>, files: number, drafts: number, answers: number, ready?: number): string {
  const problems = counts.error + counts.warning + counts.information;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  const checked = `${plural(files, 'markdown file')}, ${plural(drafts, 'answer draft')}, ${plural(answers, 'answer')}`;
  if (drafts === 0) return `No answer drafts found (${checked}). Name drafts *.star.md or label their STAR sections.`;
  let readiness = '';
  if (ready !== undefined && answers > 0) {
    if (answers === 1) readiness = ready === 1 ? '; it has every required part written' : '; it still needs a required part written';
    else if (ready === answers) readiness = `; ${answers === 2 ? 'both' : 'all'} have every required part written`;
    else readiness = `; ${ready} of ${answers} have every required part written`;
  }
  if (problems === 0) return `All clear: ${checked}${readiness}.`;
  return `${plural(problems, 'problem')} (${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.information} information) in ${checked}${readiness}.`;
}
