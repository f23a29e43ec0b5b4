import * as vscode from 'vscode';
import { SECTION_KINDS, SECTION_TITLES, type AnalyzeResult, type Answer, type SectionKind } from '../core/types';
import { COMMANDS, SETTINGS } from './constants';

/** A label-shaped line: a short heading, or a bold label with a colon (`**Setting:**`, `**Setting**:`), maybe in a list item. */
const HEADING = /^ {0,3}#{1,6}[ \t]+(.+?)[ \t]*:?[ \t]*#*[ \t]*$/;
const BOLD = /^[ \t]*(?:[-*+][ \t]+|\d{1,3}[.)][ \t]+)?(\*\*|__)(?:([^*_:\n]+?)[ \t]*:[ \t]*\1|([^*_:\n]+?)[ \t]*\1[ \t]*:)/;
/** A label is a word or a few, not a sentence or a question's title. */
const LABEL_WORDS = /^[\p{L}][\p{L}\p{N}'’-]*(?:[ \t]+[\p{L}\p{N}'’-]+){0,2}$/u;
const MAX_LABEL_LENGTH = 30;
/** How many lines before or after an answer a label may stand and still belong to it. */
const NEARBY_LINES = 2;

/** The label word of a line that looks like a section label, or undefined. */
export function labelOnLine(line: string): string | undefined {
  const bold = BOLD.exec(line);
  const heading = bold ? undefined : HEADING.exec(line);
  const label = (bold ? (bold[2] ?? bold[3]) : heading?.[1])?.trim();
  if (!label || label.length > MAX_LABEL_LENGTH || !LABEL_WORDS.test(label)) return undefined;
  return label;
}

/** The answer a 1-based line is in, or stands right before or after. */
function answerNear(result: AnalyzeResult, line: number): Answer | undefined {
  return (
    result.answers.find((a) => a.range.start.line <= line && line <= a.range.end.line) ??
    result.answers.find((a) => line < a.range.start.line && a.range.start.line - line <= NEARBY_LINES) ??
    result.answers.find((a) => line > a.range.end.line && line - a.range.end.line <= NEARBY_LINES)
  );
}

/**
 * The sections read from a label. A part only inferred from the sentences does not count: the
 * writer's own label over it ("**Backdrop:**" above prose read as the Situation) says more.
 */
function labelledSections(answer: Answer): Answer['sections'] {
  return answer.sections.filter((s) => !s.inferred);
}

/**
 * The parts a label at `line` could stand for: the ones its answer lacks, those that fit
 * between the recognised sections before and after it first (a label above the Task is
 * most likely the Situation).
 */
function candidates(answer: Answer, line: number): { kinds: SectionKind[]; fitting: number } {
  const labelled = labelledSections(answer);
  const present = new Set(labelled.flatMap((s) => s.kinds));
  const missing = SECTION_KINDS.filter((kind) => !present.has(kind));
  const order = (kind: SectionKind): number => SECTION_KINDS.indexOf(kind);
  const before = labelled.filter((s) => s.labelRange.start.line < line).flatMap((s) => s.kinds);
  const after = labelled.filter((s) => s.labelRange.start.line > line).flatMap((s) => s.kinds);
  const low = before.length > 0 ? Math.max(...before.map(order)) : -1;
  const high = after.length > 0 ? Math.min(...after.map(order)) : SECTION_KINDS.length;
  const fits = missing.filter((kind) => order(kind) > low && order(kind) < high);
  return { kinds: [...fits, ...missing.filter((kind) => !fits.includes(kind))], fitting: fits.length };
}

/**
 * "Treat 'Setting' as Situation": on a bold or heading label STAR Coach did not read as a
 * section, inside or right next to an answer, one quick fix per part that answer lacks,
 * adding the word to the workspace's `starCoach.synonyms`. The part that fits where the
 * label stands is preferred.
 */
export function synonymActions(document: vscode.TextDocument, range: vscode.Range, result: AnalyzeResult): vscode.CodeAction[] {
  if (range.start.line !== range.end.line) return [];
  const line = range.start.line + 1;
  const label = labelOnLine(document.lineAt(range.start.line).text);
  if (!label) return [];
  const answer = answerNear(result, line);
  if (!answer) return [];
  // A label it already reads, or the answer's own title, is not unknown.
  if (labelledSections(answer).some((s) => s.labelRange.start.line === line) || answer.titleRange?.start.line === line) return [];
  if (result.answers.some((a) => a.titleRange?.start.line === line)) return [];
  const { kinds, fitting } = candidates(answer, line);
  return kinds.map((kind, index) => {
    const action = new vscode.CodeAction(`Treat '${label}' as ${SECTION_TITLES[kind]}`, vscode.CodeActionKind.QuickFix);
    action.command = { command: COMMANDS.addSynonym, title: action.title, arguments: [kind, label, document.uri] };
    action.isPreferred = index === 0 && fitting === 1;
    return action;
  });
}

/**
 * Adds `word` to the `starCoach.synonyms` words of `kind` in the workspace settings (the
 * folder's, in a multi-root workspace; the user's when no folder is open), keeping what
 * is there. Returns where it was written.
 */
export async function addSynonym(kind: SectionKind, word: string, resource?: vscode.Uri): Promise<vscode.ConfigurationTarget> {
  const folder = resource ? vscode.workspace.getWorkspaceFolder(resource) : undefined;
  const target = vscode.workspace.workspaceFolders?.length
    ? (vscode.workspace.workspaceFile && folder ? vscode.ConfigurationTarget.WorkspaceFolder : vscode.ConfigurationTarget.Workspace)
    : vscode.ConfigurationTarget.Global;
  const config = vscode.workspace.getConfiguration(SETTINGS.section, folder?.uri ?? resource);
  const inspected = config.inspect<Record<string, unknown>>(SETTINGS.synonyms);
  const current =
    (target === vscode.ConfigurationTarget.WorkspaceFolder ? inspected?.workspaceFolderValue : target === vscode.ConfigurationTarget.Workspace ? inspected?.workspaceValue : inspected?.globalValue) ?? {};
  const words = Array.isArray(current[kind]) ? (current[kind] as unknown[]).filter((w): w is string => typeof w === 'string') : [];
  if (!words.some((w) => w.toLowerCase() === word.toLowerCase())) {
    await config.update(SETTINGS.synonyms, { ...current, [kind]: [...words, word] }, target);
  }
  return target;
}

/**
 * Toggle STAR Coach: flips `starCoach.enable` for the workspace (the user settings when no
 * folder is open), from what is in force there now, and says which way it went.
 */
export async function toggleEnabled(): Promise<boolean> {
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  const config = vscode.workspace.getConfiguration(SETTINGS.section);
  const enabled = config.get<unknown>(SETTINGS.enable) !== false;
  await config.update(SETTINGS.enable, !enabled, target);
  const where = target === vscode.ConfigurationTarget.Workspace ? 'in this workspace' : 'in your user settings';
  vscode.window.setStatusBarMessage(`STAR Coach is ${enabled ? 'off' : 'on'} ${where}.`, 4000);
  return !enabled;
}
