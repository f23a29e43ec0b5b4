import * as vscode from 'vscode';
import type { QuestionBankService } from './bank-service';
import type { QuestionNode } from './bank-view';
import { COMMANDS } from './constants';
import type { PracticePanel } from './practice-panel';
import { openStory, type ReportPanel } from './report-panel';
import type { StoryBankService } from './story-bank-service';
import type { StoryNode } from './story-bank-view';
import { storyDescription } from './story-bank-view';

/** Registers the Story Bank commands: rescan, the coverage report, practice mode and opening a story. */
export function registerStoryBankCommands(
  context: vscode.ExtensionContext,
  parts: { service: StoryBankService; report: ReportPanel; practice: PracticePanel; bank: QuestionBankService },
): void {
  const { service, report, practice, bank } = parts;

  // From the tree's inline action a story comes as its node; from the palette, the writer picks one.
  const practiseStory = async (node?: StoryNode): Promise<void> => {
    let story = node?.story;
    if (!story) {
      if (!service.ready) await service.scan();
      const stories = service.report.stories;
      if (stories.length === 0) {
        void vscode.window.showInformationMessage('STAR Coach: no answers found in the workspace yet; practising a random bank question instead.');
        practice.question(bank.bank.questions);
        return;
      }
      const pick = await vscode.window.showQuickPick(
        stories.map((s) => ({ label: s.title, description: `score ${s.score} · ${storyDescription(s)}`, detail: s.question?.text, story: s })),
        { placeHolder: 'Which story do you want to practise?', matchOnDescription: true, matchOnDetail: true },
      );
      story = pick?.story;
    }
    if (story) practice.story(story);
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.storyBankRefresh, () => service.scan()),
    vscode.commands.registerCommand(COMMANDS.storyBankOpenReport, () => report.show()),
    vscode.commands.registerCommand(COMMANDS.storyBankPractice, practiseStory),
    // From the Questions view a question comes as its node; otherwise a random bank question.
    vscode.commands.registerCommand(COMMANDS.storyBankPracticeRandom, async (node?: QuestionNode) => {
      if (!service.ready) await service.scan();
      practice.question(bank.bank.questions, node?.question);
    }),
    vscode.commands.registerCommand(COMMANDS.storyBankOpenStory, (file: string, line: number) => openStory(file, line)),
  );
}
