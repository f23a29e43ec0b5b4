import { analyze } from '../core/analyze';
import type { StarCoachOptions } from '../core/options';
import type { Severity } from '../core/types';
import { RULES } from '../rules';
import { version } from '../../package.json';
import { resolve } from 'node:path';
import { loadQuestionBank, WORKSPACE_BANK_FILE, type QuestionBank } from '../bank';
import { ConfigError, ConfigFinder, loadConfigFile, NearestFileFinder } from '../config/rc-file';
import { expandInputs, readText } from './files';
import { formatSummary, formatText, toJsonReport, type JsonFileReport } from './format';

const USAGE = `Usage: star-coach check [paths or globs...] [--format text|json] [--config FILE] [--bank FILE...]
       star-coach rules
       star-coach --help | --version

Checks markdown answer drafts for missing STAR sections (Situation, Task, Action,
Result, Reflection), empty sections and Results without a measurable outcome.
Paths may be files, directories (searched for *.md) or quoted globs; default: "."

Options:
  --format text|json  Output format (default: text). JSON is a stable contract.
  --config FILE       Use this configuration instead of the nearest .starcoachrc.json.
  --bank FILE         Add a custom question bank (repeatable). The nearest
                      .star-coach/questions.json above each file is read too.

Exit codes: 0 clean or warnings only, 1 an error-severity finding, 2 usage or I/O problem.`;

/** Exit codes, part of the CLI's contract. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
  color: boolean;
}

class UsageError extends Error {}

function parseArguments(args: string[]): { command: string; paths: string[]; format: 'text' | 'json'; config?: string; banks: string[] } {
  const [command, ...rest] = args;
  const paths: string[] = [];
  const banks: string[] = [];
  let format: 'text' | 'json' = 'text';
  let config: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const [flag, inlineValue] = arg.startsWith('--') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const value = (): string => {
      const next = inlineValue ?? rest[++i];
      if (next === undefined || next === '') throw new UsageError(`${flag} needs a value`);
      return next;
    };
    if (flag === '--format') {
      const chosen = value();
      if (chosen !== 'text' && chosen !== 'json') throw new UsageError(`--format must be text or json, not "${chosen}"`);
      format = chosen;
    } else if (flag === '--config') config = value();
    else if (flag === '--bank') banks.push(value());
    else if (flag === '--') paths.push(...rest.slice(i + 1)), (i = rest.length);
    else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
    else paths.push(arg);
  }
  return { command, paths: paths.length > 0 ? paths : ['.'], format, config, banks };
}

/** Runs the CLI with the given arguments; returns the exit code. Never writes to checked files. */
export async function run(args: string[], io: Io): Promise<number> {
  if (args.length === 0 || args[0] === '--help' || args[0] === '-h' || args[0] === 'help') {
    io.out(USAGE);
    return args.length === 0 ? EXIT.usage : EXIT.ok;
  }
  if (args[0] === '--version' || args[0] === '-v') {
    io.out(version);
    return EXIT.ok;
  }
  if (args[0] === 'rules') {
    for (const rule of RULES) io.out(`${rule.id}  ${rule.alias.padEnd(20)}${rule.defaultSeverity.padEnd(13)}${rule.description}`);
    return EXIT.ok;
  }
  let parsed;
  try {
    if (args[0] !== 'check') throw new UsageError(`unknown command "${args[0]}"; try "star-coach check"`);
    parsed = parseArguments(args);
  } catch (error) {
    io.err(`star-coach: ${(error as Error).message}`);
    io.err('Run "star-coach --help" for usage.');
    return EXIT.usage;
  }

  let fixedOptions: StarCoachOptions | undefined;
  try {
    if (parsed.config) fixedOptions = loadConfigFile(parsed.config);
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

  const finder = new ConfigFinder();
  const configCache = new Map<string, StarCoachOptions>();
  const questionsFor = questionBanks(parsed.banks);
  const reports: JsonFileReport[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0 };
  let drafts = 0;
  let answers = 0;
  let checked = 0;
  for (const file of files) {
    const read = readText(file);
    if ('problem' in read) {
      io.err(`star-coach: ${file}: ${read.problem.message}`);
      if (read.problem.level === 'error') ioFailed = true;
      continue;
    }
    let options = fixedOptions;
    if (!options) {
      const configPath = finder.find(file);
      try {
        options = configPath ? configCache.get(configPath) ?? loadConfigFile(configPath) : {};
        if (configPath) configCache.set(configPath, options);
      } catch (error) {
        if (error instanceof ConfigError) {
          io.err(`star-coach: ${error.message}`);
          return EXIT.usage;
        }
        throw error;
      }
    }
    const questions = questionsFor(file);
    if ('problems' in questions) {
      for (const problem of questions.problems) io.err(`star-coach: ${problem}`);
      return EXIT.usage;
    }
    const result = analyze(read.text, { ...options, fileName: file, questions: questions.bank });
    checked++;
    if (result.isDraft) drafts++;
    answers += result.answers.length;
    for (const diagnostic of result.diagnostics) counts[diagnostic.severity]++;
    if (parsed.format === 'json') reports.push(toJsonReport(file, result));
    else for (const line of formatText(file, result, io.color)) io.out(line);
  }

  if (parsed.format === 'json') io.out(JSON.stringify(reports, null, 2));
  else if (checked > 0 || !ioFailed) io.out(formatSummary(counts, checked, drafts, answers));
  if (ioFailed) return EXIT.usage;
  return counts.error > 0 ? EXIT.findings : EXIT.ok;
}

/**
 * The question bank for each checked file, as the editor builds it for a workspace: the
 * bundled bank, then the --bank files, then the nearest .star-coach/questions.json above
 * the file. A bank file with problems is an error here (the editor warns and goes on):
 * in CI a broken bank should not pass unnoticed.
 */
function questionBanks(explicit: readonly string[]): (file: string) => { bank: QuestionBank | undefined } | { problems: string[] } {
  const finder = new NearestFileFinder(WORKSPACE_BANK_FILE);
  const byWorkspaceFile = new Map<string | null, { bank: QuestionBank | undefined } | { problems: string[] }>();
  return (file) => {
    const workspaceFile = finder.find(file);
    let loaded = byWorkspaceFile.get(workspaceFile);
    if (!loaded) {
      const files = [...explicit.map((path) => ({ path: resolve(path), optional: false })), ...(workspaceFile ? [{ path: workspaceFile, optional: true }] : [])];
      // Without custom files the analysis uses the bundled bank it already has.
      const { bank, problems } = files.length > 0 ? loadQuestionBank(files) : { bank: undefined, problems: [] };
      loaded = problems.length > 0 ? { problems } : { bank };
      byWorkspaceFile.set(workspaceFile, loaded);
    }
    return loaded;
  };
}

// Entry point when bundled as dist/cli.js.
if (require.main === module) {
  const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
  run(process.argv.slice(2), { out: (line) => console.log(line), err: (line) => console.error(line), color })
    .then((code) => {
      process.exitCode = code;
    })
    .catch((error: unknown) => {
      console.error(`star-coach: internal error: ${(error as Error).message}`);
      process.exitCode = EXIT.usage;
    });
}
