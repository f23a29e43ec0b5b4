import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMANDS, CONTEXT_KEYS, TREE_ITEMS, VIEWS } from '../../src/vscode/constants';

const ROOT = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const contributes = manifest.contributes;

interface MenuItem {
  command: string;
  when?: string;
  group?: string;
}

const BANK_COMMANDS = [COMMANDS.bankNewDraft, COMMANDS.bankInsertQuestion, COMMANDS.bankCopyQuestion, COMMANDS.bankFilter, COMMANDS.bankClearFilter, COMMANDS.bankRandomQuestion, COMMANDS.bankRefresh];
const QUESTION_ACTIONS = [COMMANDS.bankNewDraft, COMMANDS.bankInsertQuestion, COMMANDS.bankCopyQuestion];
const TITLE_ACTIONS = [COMMANDS.bankFilter, COMMANDS.bankClearFilter, COMMANDS.bankRandomQuestion, COMMANDS.bankRefresh];

describe('package.json: the Question Bank view', () => {
  it('has a STAR Coach activity-bar container with an icon that exists', () => {
    const container = contributes.viewsContainers.activitybar.find((c: { id: string }) => c.id === VIEWS.container);
    assert.ok(container);
    assert.equal(container.title, 'STAR Coach');
    assert.ok(existsSync(join(ROOT, container.icon)), container.icon);
  });

  it('holds the question tree, then the Story Bank, with names short enough for their pane headers', () => {
    assert.deepEqual(
      contributes.views[VIEWS.container].map((view: { id: string; name: string }) => [view.id, view.name]),
      [[VIEWS.questionBank, 'Questions'], [VIEWS.storyBank, 'Story Bank']],
    );
  });

  it('gives Random Question a shuffle-like icon, not the question mark that reads as Help', () => {
    const random = contributes.commands.find((c: { command: string }) => c.command === COMMANDS.bankRandomQuestion);
    assert.equal(random.icon, '$(arrow-swap)');
  });

  it('contributes every bank command with a title, an icon and the STAR Coach category', () => {
    const commands = new Map(contributes.commands.map((c: { command: string }) => [c.command, c]));
    for (const id of BANK_COMMANDS) {
      const command = commands.get(id) as { title: string; icon: string; category: string } | undefined;
      assert.ok(command, id);
      assert.equal(command.category, 'STAR Coach', id);
      assert.match(command.icon, /^\$\([a-z-]+\)$/, id);
      assert.ok(command.title.length > 3, id);
    }
  });

  it('offers the question actions inline and in the context menu of question items only', () => {
    const items: MenuItem[] = contributes.menus['view/item/context'];
    const when = `view == ${VIEWS.questionBank} && viewItem == ${TREE_ITEMS.question}`;
    for (const command of QUESTION_ACTIONS) {
      const entries = items.filter((item) => item.command === command);
      assert.ok(entries.some((item) => item.group?.startsWith('inline')), `${command} inline`);
      assert.ok(entries.some((item) => item.group && !item.group.startsWith('inline')), `${command} in the context menu`);
      for (const entry of entries) assert.equal(entry.when, when, command);
    }
  });

  it('puts filter, clear filter, random question and reload in the view title, clear filter only while filtered', () => {
    const items: MenuItem[] = contributes.menus['view/title'];
    for (const command of TITLE_ACTIONS) {
      const item = items.find((entry) => entry.command === command);
      assert.ok(item, command);
      assert.match(item.when ?? '', new RegExp(`^view == ${VIEWS.questionBank.replace('.', '\\.')}\\b`), command);
    }
    assert.match(items.find((item) => item.command === COMMANDS.bankClearFilter)!.when!, new RegExp(`&& ${CONTEXT_KEYS.bankFiltered.replace('.', '\\.')}$`));
  });

  it('shows a welcome view with a Clear Filter link when the filter matches nothing', () => {
    const welcome = contributes.viewsWelcome.find((entry: { view: string }) => entry.view === VIEWS.questionBank);
    assert.equal(welcome.when, CONTEXT_KEYS.bankFilterEmpty);
    assert.ok(welcome.contents.includes(`(command:${COMMANDS.bankClearFilter})`));
  });
});
