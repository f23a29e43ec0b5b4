import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SECTION_KINDS, type AnalyzeResult, type Answer, type AnswerScore, type Severity } from '../core/types';
import { docsUrl, RULES } from '../rules';

/** One file's entry in `--format json`: the public contract documented in the README. */
export interface JsonFileReport {
  file: string;
  answers: Array<{
    title: string | null;
    line: number;
    endLine: number;
    words: number;
    /** `column`/`endColumn` are 1-based; `inferred` is set when the part was read from unlabelled prose. */
    sections: Record<string, { line: number; column: number; endLine: number; endColumn: number; words: number; inferred?: true } | null>;
    metrics: string[];
    /** The coaching score (docs/scoring.md); absent only for engines that do not score. */
    score?: AnswerScore;
    /** Likely follow-up questions, each with why it is likely (a gap in the answer, or "question bank"). */
    followUps?: Array<{ question: string; reason: string }>;
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
    sections[kind] = section
      ? {
          line: section.range.start.line,
          column: section.range.start.column,
          endLine: section.range.end.line,
          endColumn: section.range.end.column,
          words: section.words,
          ...(section.inferred ? { inferred: true as const } : {}),
        }
      : null;
  }
  return { title: answer.title, line: answer.range.start.line, endLine: answer.range.end.line, words: answer.words, sections, metrics: answer.metrics, ...(answer.score ? { score: answer.score } : {}), ...(answer.followUps ? { followUps: answer.followUps } : {}) };
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

const COLORS: Record<Severity, string> = { error: '\x1b[31m', warning: '\x1b[33m', information: '\x1b[36m', hint: '\x1b[2m' };

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
  const problems = counts.error + counts.warning + counts.information + counts.hint;
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
  return `${plural(problems, 'problem')} (${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.information} information${counts.hint > 0 ? `, ${plural(counts.hint, 'hint')}` : ''}) in ${checked}${readiness}.`;
}

/** Where SARIF and GitHub output say a file is: relative to `root` with forward slashes when inside it. */
function reportPath(file: string, root: string): { relative: boolean; path: string } {
  const absolute = resolve(root, file);
  const rel = relative(root, absolute);
  if (rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)) return { relative: true, path: rel.split(sep).join('/') };
  return { relative: false, path: absolute };
}

// SARIF has no level below `note`; a hint is a note too (its rank is in properties.severity).
const SARIF_LEVELS: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** Percent-encodes what a URI path segment may not hold as is (spaces, #, ?, %), keeping `/`. */
function uriPath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/**
 * A SARIF 2.1.0 log (the format GitHub code scanning and other CI dashboards read) for the
 * checked files: one run, every rule with its description, default level and docs page,
 * and one result per finding. Paths under `root` are relative to the `%SRCROOT%` base,
 * so the log reads the same on any machine; others are absolute `file:` URIs.
 */
export function toSarif(files: Array<{ file: string; result: AnalyzeResult }>, root: string, tool: { version: string; informationUri: string }): object {
  const ruleIndex = new Map(RULES.map((rule, index) => [rule.id, index]));
  const results = files.flatMap(({ file, result }) => {
    const where = reportPath(file, root);
    const artifactLocation = where.relative ? { uri: uriPath(where.path), uriBaseId: '%SRCROOT%' } : { uri: pathToFileURL(where.path).href };
    return result.diagnostics.map((d) => ({
      ruleId: d.ruleId,
      ...(ruleIndex.has(d.ruleId) ? { ruleIndex: ruleIndex.get(d.ruleId) } : {}),
      level: SARIF_LEVELS[d.severity],
      ...(d.severity === 'hint' ? { properties: { severity: 'hint' } } : {}),
      message: { text: d.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation,
            region: { startLine: d.range.start.line, startColumn: d.range.start.column, endLine: d.range.end.line, endColumn: d.range.end.column },
          },
        },
      ],
    }));
  });
  const base = pathToFileURL(root).href;
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'STAR Coach',
            version: tool.version,
            semanticVersion: tool.version,
            informationUri: tool.informationUri,
            rules: RULES.map((rule) => ({
              id: rule.id,
              name: rule.alias,
              shortDescription: { text: rule.description },
              helpUri: docsUrl(rule.alias),
              help: { text: `${rule.description} See ${docsUrl(rule.alias)}`, markdown: `${rule.description} [${rule.id} \`${rule.alias}\`](${docsUrl(rule.alias)})` },
              defaultConfiguration: { level: SARIF_LEVELS[rule.defaultSeverity] },
              properties: { tags: ['star', 'writing'] },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        originalUriBaseIds: { '%SRCROOT%': { uri: base.endsWith('/') ? base : `${base}/` } },
        results,
      },
    ],
  };
}

const GITHUB_LEVELS: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };

/** Escapes a workflow command's message: `%`, CR and LF. */
export function escapeGithubData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow command's property value: as the message, plus `:` and `,`. */
export function escapeGithubProperty(text: string): string {
  return escapeGithubData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * GitHub Actions workflow commands, one per finding, so each shows as an annotation on
 * the pull request's diff: `::warning file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`.
 * Information findings are notices.
 */
export function formatGithub(file: string, result: AnalyzeResult, root: string): string[] {
  const { path } = reportPath(file, root);
  return result.diagnostics.map((d) => {
    const properties = [
      ['file', path],
      ['line', String(d.range.start.line)],
      ['col', String(d.range.start.column)],
      ['endLine', String(d.range.end.line)],
      ['endColumn', String(d.range.end.column)],
      ['title', `STAR Coach ${d.ruleId} ${d.alias}`],
    ]
      .map(([key, value]) => `${key}=${escapeGithubProperty(value)}`)
      .join(',');
    return `::${GITHUB_LEVELS[d.severity]} ${properties}::${escapeGithubData(d.message)}`;
  });
}

/** One scored answer, for the text summary's score line. */
export interface ScoredAnswer {
  file: string;
  line: number;
  title: string | null;
  total: number;
}

/**
 * The score line of text output: the average score and the lowest-scoring answer, so the
 * answer to work on next is one click away. Null when no answer was scored.
 */
export function formatScoreSummary(scored: readonly ScoredAnswer[]): string | null {
  if (scored.length === 0) return null;
  const average = Math.round(scored.reduce((sum, s) => sum + s.total, 0) / scored.length);
  const lowest = scored.reduce((low, s) => (s.total < low.total ? s : low));
  const title = lowest.title ? ` "${lowest.title.length > 60 ? `${lowest.title.slice(0, 59).trimEnd()}…` : lowest.title}"` : '';
  if (scored.length === 1) return `Score: ${lowest.total}/100 (${lowest.file}:${lowest.line}${title}).`;
  return `Score: average ${average}/100 over ${scored.length} answers; lowest ${lowest.total}/100 at ${lowest.file}:${lowest.line}${title}.`;
}
