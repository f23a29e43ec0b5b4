import * as vscode from 'vscode';
import { formatAverage, storyLabels, summaryLine, type Story, type StoryBankReport } from '../engine/report';
import { escapeMarkdown } from '../bank/tree';
import { formatSeconds } from '../rules/answer-length';
import { COMMANDS, TREE_ITEMS, VIEWS } from './constants';
import type { StoryBankService } from './story-bank-service';

/** A story in the Story Bank tree; the story commands receive it as their argument. */
export interface StoryNode {
  kind: 'story';
  story: Story;
  label: string;
}

/** A line under a story: its question, the targets it covers, its competencies and values. */
export interface StoryDetailNode {
  kind: 'detail';
  parent: StoryNode;
  label: string;
  description: string;
  icon: string;
  tooltip?: string;
}

export type StoryBankNode = StoryNode | StoryDetailNode;

/** `1:05`: spoken time as the view shows it, next to the target. */
function clock(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** The description beside a story's title: its column in the report, spoken time against the target, "likely". */
export function storyDescription(story: Story, label?: string): string {
  const parts = [`${clock(story.seconds)} / ${clock(story.targetSeconds)}`];
  if (label) parts.unshift(label);
  if (story.weak) parts.push('weak');
  if (story.question?.likely) parts.push('likely');
  return parts.join(' · ');
}

/** The icon of a story: weak, likely about a question, linked to one, or about none (it shows even when the row is cut short). */
function storyIcon(story: Story): vscode.ThemeIcon {
  if (story.weak) return new vscode.ThemeIcon('warning');
  if (!story.question) return new vscode.ThemeIcon('book');
  return new vscode.ThemeIcon(story.question.likely ? 'question' : 'link');
}

/** The detail lines under a story. */
function detailsOf(node: StoryNode, report: StoryBankReport): StoryDetailNode[] {
  const { story } = node;
  const details: StoryDetailNode[] = [];
  const labels = new Map(report.rows.map((row) => [row.target.id, row.target.label]));
  if (story.question) {
    details.push({
      kind: 'detail',
      parent: node,
      label: story.question.likely ? 'Likely question' : 'Question',
      description: story.question.text,
      icon: story.question.likely ? 'question' : 'link',
      tooltip: story.question.likely ? `Not linked: it covers ${story.question.covered} of the ${story.question.keyPoints} key points of this question. Link it with front matter "question: ${story.question.id}".` : undefined,
    });
  } else details.push({ kind: 'detail', parent: node, label: 'Question', description: 'none linked or likely', icon: 'circle-slash' });
  details.push({ kind: 'detail', parent: node, label: 'Covers', description: story.targets.map((id) => labels.get(id) ?? id).join(', ') || '–', icon: 'checklist' });
  if (story.competencies.length > 0) details.push({ kind: 'detail', parent: node, label: 'Competencies', description: story.competencies.join(', '), icon: 'symbol-property' });
  if (story.values.length > 0) details.push({ kind: 'detail', parent: node, label: 'Values', description: story.values.join(', '), icon: 'heart' });
  return details;
}

/**
 * The Story Bank tree: one item per answer in the workspace's drafts (S1, S2, … as in the
 * coverage report), each with its question and what it covers underneath. The data comes from
 * StoryBankService; this class only turns it into tree items.
 */
export class StoryBankTreeProvider implements vscode.TreeDataProvider<StoryBankNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private nodes: StoryNode[] = [];
  private readonly subscription: vscode.Disposable;

  constructor(private readonly service: StoryBankService) {
    this.subscription = service.onDidChange(() => this.changeEmitter.fire());
  }

  /** The story nodes shown now (for tests and the practice picker). */
  stories(): StoryNode[] {
    return this.nodes;
  }

  getTreeItem(node: StoryBankNode): vscode.TreeItem {
    if (node.kind === 'detail') {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
      item.description = node.description;
      item.iconPath = new vscode.ThemeIcon(node.icon);
      item.tooltip = node.tooltip ? `${node.description}\n\n${node.tooltip}` : node.description;
      item.contextValue = TREE_ITEMS.storyDetail;
      return item;
    }
    const { story } = node;
    // The score leads: titles are long, and the description is the first thing a narrow side bar cuts.
    const item = new vscode.TreeItem(`${story.score} ${story.title}`, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `story:${story.id}`;
    item.description = storyDescription(story, node.label);
    item.iconPath = storyIcon(story);
    item.contextValue = TREE_ITEMS.story;
    item.resourceUri = vscode.Uri.parse(story.file, true);
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**${node.label} ${escapeMarkdown(story.title)}**\n\n`);
    tooltip.appendMarkdown(`Score ${story.score}${story.weak ? ' (weak)' : ''} · about ${formatSeconds(story.seconds)} spoken, target ${formatSeconds(story.targetSeconds)} · ${vscode.workspace.asRelativePath(item.resourceUri)}:${story.line}\n\n`);
    if (story.question) tooltip.appendMarkdown(`${story.question.likely ? '$(question) Likely' : '$(link) Linked'}: ${escapeMarkdown(story.question.text)}`);
    item.tooltip = tooltip;
    item.command = { command: COMMANDS.storyBankOpenStory, title: 'Open Story', arguments: [story.file, story.line] };
    return item;
  }

  getChildren(node?: StoryBankNode): StoryBankNode[] {
    const report = this.service.report;
    if (!node) {
      const labels = storyLabels(report);
      this.nodes = report.stories.map((story) => ({ kind: 'story', story, label: labels.get(story.id)! }));
      return this.nodes;
    }
    return node.kind === 'story' ? detailsOf(node, report) : [];
  }

  getParent(node: StoryBankNode): StoryBankNode | undefined {
    return node.kind === 'detail' ? node.parent : undefined;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changeEmitter.dispose();
  }
}

/** The Story Bank view: the tree and a message line with the summary. The first scan starts when it is first shown. */
export class StoryBankView implements vscode.Disposable {
  readonly provider: StoryBankTreeProvider;
  private readonly treeView: vscode.TreeView<StoryBankNode>;
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly service: StoryBankService) {
    this.provider = new StoryBankTreeProvider(service);
    this.treeView = vscode.window.createTreeView(VIEWS.storyBank, { treeDataProvider: this.provider, showCollapseAll: true });
    this.disposables = [
      this.provider,
      this.treeView,
      // The summary line needs the whole report: built on each change only while it shows
      // (on a 1,500-story bank that was 50-200 ms of the main thread per typing pause).
      service.onDidChange(() => {
        if (this.treeView.visible) this.updateMessage();
      }),
      this.treeView.onDidChangeVisibility((event) => {
        if (!event.visible) return;
        if (!service.ready) void service.scan();
        this.updateMessage();
      }),
    ];
    if (this.treeView.visible) void service.scan();
  }

  private updateMessage(): void {
    const report = this.service.report;
    this.treeView.message = report.stories.length > 0 ? `${summaryLine(report)}.` : undefined;
    this.treeView.description = report.stories.length > 0 ? `avg ${formatAverage(report.summary.averageScore)}` : undefined;
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
