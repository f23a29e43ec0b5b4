import * as vscode from 'vscode';
import { RULES } from '../rules';
import { SETTINGS } from './constants';
import { editorSettingsFrom, EDITOR_SETTING_SPECS, type EditorSettings, type SettingProblem, type SettingsSnapshot } from './settings-mapping';

export type { EditorSettings } from './settings-mapping';

/** Problem group of `.starcoachrc.json` problems; the other groups are setting keys. */
export const RC_FILE_GROUP = '.starcoachrc.json';
/** Problem group of the settings the core validates (severities, requiredSections, synonyms). */
const CORE_OPTIONS_GROUP = 'options';
const CORE_OPTION_KEYS = [SETTINGS.severityPrefix, SETTINGS.requiredSections, SETTINGS.synonyms, SETTINGS.framework, SETTINGS.storyBankTargets];

/**
 * Shows each configuration problem once: a line in Output › STAR Coach and one warning per
 * batch. Settings are read on every keystroke, so a bad value must not warn every time;
 * a problem is shown again only after the setting or file it comes from has changed.
 */
export class ConfigurationProblems {
  private readonly reported = new Map<string, string>();

  constructor(private readonly output: vscode.OutputChannel) {}

  /** Reports the problems not reported yet. `group` says what has to change to forget one. */
  report(problems: readonly SettingProblem[]): void {
    const fresh = problems.filter((problem) => !this.reported.has(problem.message));
    if (fresh.length === 0) return;
    for (const problem of fresh) {
      this.reported.set(problem.message, problem.key);
      this.output.appendLine(`[config] ${problem.message}`);
    }
    const more = fresh.length > 1 ? ` (and ${fresh.length - 1} more; see Output › STAR Coach)` : '';
    const setting = fresh[0]!.key === RC_FILE_GROUP ? undefined : fresh[0]!.key === CORE_OPTIONS_GROUP ? SETTINGS.section : `${SETTINGS.section}.${fresh[0]!.key}`;
    const actions = setting ? ['Open Settings', 'Show Output'] : ['Show Output'];
    void vscode.window.showWarningMessage(`STAR Coach: ${fresh[0]!.message}${more}`, ...actions).then((choice) => {
      if (choice === 'Show Output') this.output.show(true);
      else if (choice === 'Open Settings') void vscode.commands.executeCommand('workbench.action.openSettings', setting);
    });
  }

  /** Forgets the problems of the groups `changed` picks, so they are reported again if they remain. */
  forget(changed: (group: string) => boolean): void {
    for (const [message, group] of this.reported) if (changed(group)) this.reported.delete(message);
  }
}

/**
 * The one place the extension reads `starCoach.*` settings. Every value comes back with
 * the type package.json declares: a bad one is reported once (see ConfigurationProblems)
 * and its default is used, so no provider throws or misbehaves on it.
 */
export class Settings implements vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<vscode.ConfigurationChangeEvent>();
  /** Fires when a `starCoach.*` setting changes, after its old problems were forgotten. */
  readonly onDidChange = this.changeEmitter.event;
  private readonly disposables: vscode.Disposable[] = [this.changeEmitter];

  constructor(private readonly problems: ConfigurationProblems) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (!event.affectsConfiguration(SETTINGS.section)) return;
        const affects = (key: string): boolean => event.affectsConfiguration(`${SETTINGS.section}.${key}`);
        problems.forget((group) => (group === CORE_OPTIONS_GROUP ? CORE_OPTION_KEYS.some(affects) : group !== RC_FILE_GROUP && affects(group)));
        this.changeEmitter.fire(event);
      }),
    );
  }

  /**
   * The editor settings in force for a resource (a document's URI; undefined for the
   * window), checked: wrong types get the default, out-of-range numbers the nearest bound.
   */
  get(scope?: vscode.Uri): EditorSettings {
    const config = vscode.workspace.getConfiguration(SETTINGS.section, scope);
    const { settings, problems } = editorSettingsFrom((key) => config.get<unknown>(key));
    this.problems.report(problems);
    return settings;
  }

  /**
   * The settings the core validates, as the user set them for a resource. Only values the
   * user set count (defaults are left out), so they do not override `.starcoachrc.json`.
   */
  coreSnapshot(scope: vscode.Uri): SettingsSnapshot {
    const config = vscode.workspace.getConfiguration(SETTINGS.section, scope);
    const userValue = (key: string): unknown => {
      const inspected = config.inspect(key);
      return inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? inspected?.globalValue;
    };
    const severities: Record<string, unknown> = {};
    for (const rule of RULES) {
      const value = userValue(`${SETTINGS.severityPrefix}.${rule.alias}`);
      if (value !== undefined) severities[rule.alias] = value;
    }
    return { severities, requiredSections: userValue(SETTINGS.requiredSections), synonyms: userValue(SETTINGS.synonyms), framework: userValue(SETTINGS.framework), targets: userValue(SETTINGS.storyBankTargets) };
  }

  /** Reports what the core found wrong in `coreSnapshot`'s values. */
  reportCoreProblems(messages: readonly string[]): void {
    this.problems.report(messages.map((message) => ({ key: CORE_OPTIONS_GROUP, message })));
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}

/** The full setting id of an editor setting, for `affectsConfiguration` checks. */
export function settingId(name: keyof EditorSettings): string {
  return `${SETTINGS.section}.${EDITOR_SETTING_SPECS[name].key}`;
}
