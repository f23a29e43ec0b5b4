/**
 * `star-coach report`: the story bank of the drafts given, as markdown, a self-contained
 * HTML page or JSON, from the same builder as the editor's Story Bank view and report.
 * `--fail-under N` makes it a pull-request check on the average score.
 */
import { relative, sep } from 'node:path';
import { bundledBank, type QuestionBank } from '../bank';
import { validateTargets, type TargetsOption } from '../bank/targets';
import { nodeFiles } from '../config/node-files';
import { ConfigError, ConfigFinder, loadConfigFile } from '../config/rc-file';
import type { StarCoachOptions } from '../engine/options';
import { buildStoryBank, formatAverage, reportHtmlPage, reportMarkdown, summaryLine, type Story, type StoryInput } from '../engine/report';
import type { AnalyzeOptions } from '../engine/options';
import type { AnalyzeResult } from '../core/types';
import { forEachArgument, UsageError } from './arguments';
import { expandInputs, readText } from './files';

export const REPORT_USAGE = `Usage: star-coach report [paths or globs...] [--format markdown|html|json] [--fail-under N]
                          [--targets PRESET] [--config FILE] [--bank FILE...]

report  The story bank: every answer with its score, spoken time, linked (or likely)
        question and the competencies it covers, and the coverage matrix of your
        targets (gaps, targets with only weak stories, stories used for too many).

Options:
  --format FORMAT   markdown (default), html (one self-contained page) or json.
  --fail-under N    exit 1 when the average score of all answers is below N (0-100).
  --targets PRESET  competencies (default), leadership-principles or values; overrides
                    "targets" in .starcoachrc.json.
  --config FILE     Use this configuration instead of the nearest .starcoachrc.json.
  --bank FILE       Add a custom question bank (repeatable).

Exit codes: 0 done, 1 the average score is below --fail-under, 2 usage or I/O problem.`;

const FORMATS = ['markdown', 'html', 'json'] as const;
type ReportFormat = (typeof FORMATS)[number];

/** What `report` needs from the CLI's main module, passed in so the two do not import each other. */
export interface ReportDeps {
  out: (line: string) => void;
  err: (line: string) => void;
  analyze: (text: string, options: AnalyzeOptions) => AnalyzeResult;
  /** The question bank for a file: bundled, --bank files and the nearest workspace bank. */
  questionsFor: (banks: readonly string[]) => (file: string) => Promise<{ bank: QuestionBank | undefined } | { problems: string[] }>;
}

interface ReportArgs {
  paths: string[];
  format: ReportFormat;
  failUnder?: number;
  targets?: TargetsOption;
  config?: string;
  banks: string[];
}

function parseReportArguments(args: readonly string[]): ReportArgs {
  const parsed: ReportArgs = { paths: [], format: 'markdown', banks: [] };
  forEachArgument(args, ({ arg, flag, value, rest }) => {
    if (flag === '--format') {
      const chosen = value();
      if (!FORMATS.includes(chosen as ReportFormat)) throw new UsageError(`--format must be markdown, html or json, not "${chosen}"`);
      parsed.format = chosen as ReportFormat;
    } else if (flag === '--fail-under') {
      const text = value();
      const n = Number(text);
      if (!/^\s*\d+(\.\d+)?\s*$/.test(text) || !Number.isFinite(n) || n < 0 || n > 100) throw new UsageError(`--fail-under must be a number from 0 to 100, not "${text}"`);
      parsed.failUnder = n;
    } else if (flag === '--targets') {
      const checked = validateTargets(value(), '--targets');
      if (checked.problems.length > 0) throw new UsageError(checked.problems[0].replace(/^--targets: targets: /, '--targets: '));
      parsed.targets = checked.targets;
    } else if (flag === '--config') parsed.config = value();
    else if (flag === '--bank') parsed.banks.push(value());
    else if (flag === '--') parsed.paths.push(...rest());
    else if (arg.startsWith('-') && arg !== '-') throw new UsageError(['--diff', '--stdout'].includes(flag) ? `${flag} is not an option of "star-coach report"` : `unknown option ${arg}`);
    else parsed.paths.push(arg);
  });
  if (parsed.paths.length === 0) parsed.paths.push('.');
  return parsed;
}

/** A file as the report links it: relative to the working folder, with forward slashes. */
function displayPath(path: string): string {
  const shown = relative(process.cwd(), path);
  return (shown.startsWith('..') || shown === '' ? path : shown).split(sep).join('/');
}

/** Runs `star-coach report` with the arguments after `report`; returns the exit code. */
export async function runReport(args: readonly string[], deps: ReportDeps): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    deps.out(REPORT_USAGE);
    return 0;
  }
  let parsed: ReportArgs;
  try {
    parsed = parseReportArguments(args);
  } catch (error) {
    deps.err(`star-coach: ${(error as Error).message}`);
    deps.err('Run "star-coach report --help" for usage.');
    return 2;
  }

  const finder = new ConfigFinder(nodeFiles);
  const configs = new Map<string, StarCoachOptions>();
  const optionsFor = async (path: string): Promise<StarCoachOptions> => {
    const location = parsed.config ?? (await finder.find(path));
    if (!location) return {};
    let options = configs.get(location);
    if (!options) configs.set(location, (options = await loadConfigFile(location, nodeFiles)));
    return options;
  };

  const { files, problems } = await expandInputs(parsed.paths);
  let failed = false;
  for (const problem of problems) {
    deps.err(`star-coach: ${problem.path}: ${problem.message}`);
    if (problem.level === 'error') failed = true;
  }
  const questionsFor = deps.questionsFor(parsed.banks);
  const inputs: StoryInput[] = [];
  let targets = parsed.targets;
  let bank: QuestionBank | undefined;
  try {
    for (const file of files) {
      const read = readText(file);
      if ('problem' in read) {
        deps.err(`star-coach: ${file.path}: ${read.problem.message}`);
        if (read.problem.level === 'error') failed = true;
        continue;
      }
      const options = await optionsFor(file.path);
      const questions = await questionsFor(file.path);
      if ('problems' in questions) {
        for (const problem of questions.problems) deps.err(`star-coach: ${problem}`);
        return 2;
      }
      // One report, one bank and one target list: those of the first file.
      bank ??= questions.bank ?? bundledBank();
      targets ??= options.targets;
      try {
        inputs.push({ file: displayPath(file.path), result: deps.analyze(read.text, { ...options, fileName: file.path, questions: questions.bank }) });
      } catch (error) {
        deps.err(`star-coach: ${file.path}: internal error: ${(error as Error).message ?? String(error)}; please report it`);
        failed = true;
      }
    }
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    deps.err(`star-coach: ${error.message}`);
    return 2;
  }

  const report = buildStoryBank(inputs, { questions: bank ?? bundledBank(), targets });
  const link = (story: Story): string => `${encodeURI(story.file)}#L${story.line}`;
  if (parsed.format === 'json') deps.out(JSON.stringify(report, null, 2));
  else if (parsed.format === 'html') deps.out(reportHtmlPage(report, link));
  else deps.out(reportMarkdown(report, link));

  if (failed) return 2;
  if (parsed.failUnder !== undefined) {
    const average = report.summary.averageScore;
    if (average === null) {
      deps.err(`star-coach: --fail-under ${parsed.failUnder}: no answers found, so there is no average score to check`);
      return 1;
    }
    if (average < parsed.failUnder) {
      deps.err(`star-coach: average score ${formatAverage(average)} is below --fail-under ${parsed.failUnder} (${summaryLine(report)})`);
      return 1;
    }
  }
  return 0;
}
