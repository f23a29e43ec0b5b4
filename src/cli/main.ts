import { analyze as coreAnalyze } from '../engine/analyze';
import { forEachArgument, UsageError } from './arguments';
import { IncrementalAnalyzer } from '../engine/incremental';
import { applyEdits, missingByAnswer } from '../core/fix-all';
import { checkedInsertMissingEdits } from '../core/fix-check';
import { documentReadiness } from '../engine/readiness';
import type { StarCoachOptions } from '../engine/options';
import { SECTION_TITLES, type AnalyzeResult, type SectionKind, type Severity } from '../core/types';
import { RULES } from '../rules';
import { repository, version } from '../../package.json';
import { resolve } from 'node:path';
import { loadQuestionBank, WORKSPACE_BANK_FILE, type QuestionBank } from '../bank';
import { nodeFiles } from '../config/node-files';
import { ConfigError, ConfigFinder, loadConfigFile, NearestFileFinder } from '../config/rc-file';
import { unifiedDiff } from './diff';
import { runReport } from './report';
import { encodeLike, expandInputs, readText, writeFileAtomic, WriteError, type ReadFile } from './files';
import { formatGithub, formatScoreSummary, formatSummary, formatText, toJsonReport, toSarif, type JsonFileReport, type ScoredAnswer } from './format';

const USAGE = `Usage: star-coach check [paths or globs...] [--format text|json|sarif|github] [--config FILE] [--bank FILE...]
       star-coach fix [paths or globs...] [--diff | --stdout] [--config FILE] [--bank FILE...]
       star-coach report [paths or globs...] [--format markdown|html|json] [--fail-under N]
       star-coach rules
       star-coach --help | --version

check  Checks markdown answer drafts for missing STAR sections (Situation, Task,
       Action, Result, Reflection), empty sections and Results without a
       measurable outcome. Never writes.
fix    Inserts every missing section, with a prompt to fill in, as the editor's
       "Fix all" does, then reports what is left. Only inserts: no existing text
       is changed. Each file is replaced atomically, keeping its line endings,
       byte-order mark, encoding and mode.
report The story bank: each answer's score, spoken time, question and competencies,
       and the coverage matrix of your targets ("star-coach report --help").

Paths may be files, directories (searched for *.md) or quoted globs; default: "."

Options:
  --format FORMAT     check: output format: text (default); json, a stable contract;
                      sarif, SARIF 2.1.0 for code scanning; github, workflow
                      commands that annotate a pull request in GitHub Actions.
  --diff              fix: write nothing; print a unified diff of the fixes.
  --stdout            fix: write nothing; print the fixed text of the one file given.
  --config FILE       Use this configuration instead of the nearest .starcoachrc.json.
  --bank FILE         Add a custom question bank (repeatable). The nearest
                      .star-coach/questions.json above each file is read too.

Exit codes: 0 clean or warnings only, 1 an error-severity finding (for fix: one
left after fixing), 2 usage or I/O problem.`;

/** Exit codes, part of the CLI's contract. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

/** Where the CLI writes: `out`/`err` take lines, `write` takes output as is (fixed text, diffs). */
export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
  write: (chunk: string | Uint8Array) => void;
  color: boolean;
}

/** What the CLI runs on; the analysis can be replaced so tests can make it fail. */
export interface Engine {
  analyze: typeof coreAnalyze;
}

const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
type Format = (typeof FORMATS)[number];

interface Parsed {
  command: 'check' | 'fix';
  paths: string[];
  format: Format;
  config?: string;
  banks: string[];
  /** fix: how the result is given: written to the files, as a diff, or as text on stdout. */
  output: 'write' | 'diff' | 'stdout';
}

function parseArguments(args: string[]): Parsed {
  const [command, ...rest] = args;
  if (command !== 'check' && command !== 'fix') throw new UsageError(`unknown command "${command}"; try "star-coach check" or "star-coach fix"`);
  const paths: string[] = [];
  const banks: string[] = [];
  let format: Format = 'text';
  let config: string | undefined;
  let output: Parsed['output'] = 'write';
  forEachArgument(rest, ({ arg, flag, inlineValue, value, rest: remaining }) => {
    if (flag === '--format' && command === 'check') {
      const chosen = value();
      if (!FORMATS.includes(chosen as Format)) throw new UsageError(`--format must be text, json, sarif or github, not "${chosen}"`);
      format = chosen as Format;
    } else if ((flag === '--diff' || flag === '--stdout') && command === 'fix') {
      if (inlineValue !== undefined) throw new UsageError(`${flag} takes no value`);
      const chosen = flag === '--diff' ? 'diff' : 'stdout';
      if (output !== 'write' && output !== chosen) throw new UsageError('--diff and --stdout cannot be used together');
      output = chosen;
    } else if (flag === '--config') config = value();
    else if (flag === '--bank') banks.push(value());
    else if (flag === '--') paths.push(...remaining());
    else if (arg.startsWith('-') && arg !== '-') {
      const known = ['--format', '--diff', '--stdout'].includes(flag);
      throw new UsageError(known ? `${flag} is not an option of "star-coach ${command}"` : `unknown option ${arg}`);
    } else paths.push(arg);
  });
  return { command, paths: paths.length > 0 ? paths : ['.'], format, config, banks, output };
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Runs the CLI with the given arguments; returns the exit code. Only `fix` without --diff or --stdout writes files. */
// Block by block (src/engine/incremental.ts): the same result as a whole analysis, with one
// answer's parse tree in memory at a time instead of the whole file's.
const BLOCK_ENGINE: Engine = { analyze: (text, options) => new IncrementalAnalyzer().analyze(text, options) };

export async function run(args: string[], io: Io, engine: Engine = BLOCK_ENGINE): Promise<number> {
  if (args.length === 0 || args[0] === '--help' || args[0] === '-h' || args[0] === 'help') {
    io.out(USAGE);
    return args.length === 0 ? EXIT.usage : EXIT.ok;
  }
  if (args[0] === '--version' || args[0] === '-v') {
    io.out(version);
    return EXIT.ok;
  }
  if (args[0] === 'report') return runReport(args.slice(1), { out: io.out, err: io.err, analyze: engine.analyze, questionsFor: questionBanks });
  if (args[0] === 'rules') {
    for (const rule of RULES) io.out(`${rule.id}  ${rule.alias.padEnd(20)}${rule.defaultSeverity.padEnd(13)}${rule.description}`);
    return EXIT.ok;
  }
  let parsed: Parsed;
  try {
    parsed = parseArguments(args);
  } catch (error) {
    io.err(`star-coach: ${(error as Error).message}`);
    io.err('Run "star-coach --help" for usage.');
    return EXIT.usage;
  }

  let fixedOptions: StarCoachOptions | undefined;
  try {
    if (parsed.config) fixedOptions = await loadConfigFile(parsed.config, nodeFiles);
  } catch (error) {
    io.err(`star-coach: ${(error as Error).message}`);
    return EXIT.usage;
  }

  const { files, problems } = await expandInputs(parsed.paths);
  let ioFailed = false;
  for (const problem of problems) {
    io.err(`star-coach: ${problem.path}: ${problem.message}`);
    if (problem.level === 'error') ioFailed = true;
  }
  if (parsed.command === 'fix' && parsed.output === 'stdout' && files.length > 1) {
    io.err(`star-coach: --stdout prints one file, but ${files.length} files were given or found`);
    io.err('Run "star-coach --help" for usage.');
    return EXIT.usage;
  }

  const finder = new ConfigFinder(nodeFiles);
  const configCache = new Map<string, StarCoachOptions>();
  const questionsFor = questionBanks(parsed.banks);
  const reports: JsonFileReport[] = [];
  const sarifFiles: Array<{ file: string; result: AnalyzeResult }> = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  const fixes = { sections: 0, answers: 0, files: 0 };
  let drafts = 0;
  let answers = 0;
  let ready = 0;
  const scored: ScoredAnswer[] = [];
  let checked = 0;
  for (const file of files) {
    const read = readText(file);
    if ('problem' in read) {
      io.err(`star-coach: ${file.path}: ${read.problem.message}`);
      if (read.problem.level === 'error') ioFailed = true;
      continue;
    }
    let options = fixedOptions;
    if (!options) {
      const configPath = await finder.find(file.path);
      try {
        options = configPath ? configCache.get(configPath) ?? (await loadConfigFile(configPath, nodeFiles)) : {};
        if (configPath) configCache.set(configPath, options);
      } catch (error) {
        if (error instanceof ConfigError) {
          io.err(`star-coach: ${error.message}`);
          return EXIT.usage;
        }
        throw error;
      }
    }
    const questions = await questionsFor(file.path);
    if ('problems' in questions) {
      for (const problem of questions.problems) io.err(`star-coach: ${problem}`);
      return EXIT.usage;
    }
    const analyzeOptions = { ...options, fileName: file.path, questions: questions.bank };
    // A failure inside the analysis is ours, not the user's: name the file, go on with the others, exit 2.
    let result: AnalyzeResult;
    let outcome: FixOutcome | undefined;
    try {
      result = engine.analyze(read.text, analyzeOptions);
      if (parsed.command === 'fix') {
        outcome = fixText(read.text, result, (text) => engine.analyze(text, analyzeOptions));
        result = outcome.after;
      }
    } catch (error) {
      io.err(`star-coach: ${file.path}: internal error: ${(error as Error).message ?? String(error)}; please report it`);
      ioFailed = true;
      continue;
    }

    if (outcome) {
      const changed = outcome.text !== read.text;
      if (parsed.output === 'stdout') {
        io.write(changed ? encodeLike(read, outcome.text) : read.bytes);
      } else if (parsed.output === 'diff') {
        const bom = read.bom && read.encoding === 'utf8' ? '\ufeff' : '';
        io.write(unifiedDiff(bom + read.text, bom + outcome.text, file.path, file.path));
      } else if (changed) {
        if (!writeFixed(file.path, read, outcome.text, io)) {
          ioFailed = true;
          continue;
        }
        for (const { line, kinds } of outcome.inserted) io.out(`${file.path}:${line}  fixed  inserted ${kinds.map((k) => SECTION_TITLES[k]).join(', ')}`);
      }
      if (changed) fixes.files++;
      fixes.answers += outcome.inserted.length;
      for (const { kinds } of outcome.inserted) fixes.sections += kinds.length;
    }

    checked++;
    if (result.isDraft) drafts++;
    answers += result.answers.length;
    ready += documentReadiness(result, analyzeOptions).filter((readiness) => readiness.ready).length;
    for (const diagnostic of result.diagnostics) counts[diagnostic.severity]++;
    for (const answer of result.answers) if (answer.score) scored.push({ file: file.path, line: answer.range.start.line, title: answer.title, total: answer.score.total });
    if (parsed.command === 'fix' && parsed.output !== 'write') continue;
    if (parsed.format === 'json') reports.push(toJsonReport(file.path, result));
    else if (parsed.format === 'sarif') sarifFiles.push({ file: file.path, result });
    else if (parsed.format === 'github') for (const line of formatGithub(file.path, result, process.cwd())) io.out(line);
    else for (const line of formatText(file.path, result, io.color)) io.out(line);
  }

  if (parsed.command === 'fix') {
    if (parsed.output === 'write' && (checked > 0 || !ioFailed)) {
      io.out(fixes.sections > 0 ? `Inserted ${plural(fixes.sections, 'section')} in ${plural(fixes.answers, 'answer')} in ${plural(fixes.files, 'file')}.` : 'Nothing to fix.');
      io.out(formatSummary(counts, checked, drafts, answers, ready));
    }
  } else if (parsed.format === 'json') io.out(JSON.stringify(reports, null, 2));
  else if (parsed.format === 'sarif') io.out(JSON.stringify(toSarif(sarifFiles, process.cwd(), { version, informationUri: repository.url.replace(/\.git$/, '') }), null, 2));
  else if (checked > 0 || !ioFailed) {
    const score = formatScoreSummary(scored);
    if (score) io.out(score);
    io.out(formatSummary(counts, checked, drafts, answers, ready));
  }
  if (ioFailed) return EXIT.usage;
  return counts.error > 0 ? EXIT.findings : EXIT.ok;
}

/** What `fix` did to one text: the new text, what it inserted where, and the analysis of the new text. */
interface FixOutcome {
  text: string;
  inserted: Array<{ line: number; kinds: SectionKind[] }>;
  after: AnalyzeResult;
}

/**
 * Applies the editor's Fix all to one text: the core's checked edits, nothing else. Those edits
 * only insert; one that would replace text is refused, so a fix can never lose a word.
 */
function fixText(text: string, result: AnalyzeResult, reanalyze: (text: string) => AnalyzeResult): FixOutcome {
  const { edits, answers } = checkedInsertMissingEdits(text, result, reanalyze);
  if (edits.length === 0) return { text, inserted: [], after: result };
  if (edits.some((edit) => edit.length !== 0)) throw new Error('a fix would replace existing text; nothing was written');
  const inserted: FixOutcome['inserted'] = [];
  for (const [index, kinds] of missingByAnswer(result)) {
    if (!answers.has(index)) continue;
    // The answer's line in the fixed text, as the findings printed after it are.
    const start = result.answers[index].range.start;
    const shift = edits.filter((edit) => edit.offset < start.offset).reduce((lines, edit) => lines + (edit.text.match(/\n/g)?.length ?? 0), 0);
    inserted.push({ line: start.line + shift, kinds });
  }
  const fixed = applyEdits(text, edits);
  return { text: fixed, inserted, after: reanalyze(fixed) };
}

/** Writes the fixed text in the file's own encoding; says why on stderr and returns false when it cannot. */
function writeFixed(path: string, read: ReadFile, text: string, io: Io): boolean {
  try {
    writeFileAtomic(path, encodeLike(read, text), read.stats);
    return true;
  } catch (error) {
    if (!(error instanceof WriteError)) throw error;
    io.err(`star-coach: ${path}: ${error.message}`);
    return false;
  }
}

/**
 * The question bank for each checked file, as the editor builds it for a workspace: the
 * bundled bank, then the --bank files, then the nearest .star-coach/questions.json above
 * the file. A bank file with problems is an error here (the editor warns and goes on):
 * in CI a broken bank should not pass unnoticed.
 */
function questionBanks(explicit: readonly string[]): (file: string) => Promise<{ bank: QuestionBank | undefined } | { problems: string[] }> {
  const finder = new NearestFileFinder(WORKSPACE_BANK_FILE, nodeFiles);
  const byWorkspaceFile = new Map<string | null, { bank: QuestionBank | undefined } | { problems: string[] }>();
  return async (file) => {
    const workspaceFile = await finder.find(file);
    let loaded = byWorkspaceFile.get(workspaceFile);
    if (!loaded) {
      const files = [...explicit.map((path) => ({ path: resolve(path), optional: false })), ...(workspaceFile ? [{ path: workspaceFile, optional: true }] : [])];
      // Without custom files the analysis uses the bundled bank it already has.
      const { bank, problems } = files.length > 0 ? await loadQuestionBank(files, nodeFiles) : { bank: undefined, problems: [] };
      loaded = problems.length > 0 ? { problems } : { bank };
      byWorkspaceFile.set(workspaceFile, loaded);
    }
    return loaded;
  };
}

// Entry point when bundled as dist/cli.js.
if (require.main === module) {
  const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
  const io: Io = { out: (line) => console.log(line), err: (line) => console.error(line), write: (chunk) => process.stdout.write(chunk), color };
  run(process.argv.slice(2), io)
    .then((code) => {
      process.exitCode = code;
    })
    .catch((error: unknown) => {
      console.error(`star-coach: internal error: ${(error as Error).message}`);
      process.exitCode = EXIT.usage;
    });
}
