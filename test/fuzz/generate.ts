/**
 * The fuzz generator: realistic answer drafts assembled from parts (every label form the
 * reader knows, in every container), then mutated the way real files are: other line
 * endings, a BOM, truncation, random edits, unicode the parser must not split, deep
 * nesting. Shared by test/unit/fuzz.test.ts and scripts/fuzz.ts. All text is our own.
 */
import { BUNDLED_QUESTION_FILES } from '../../src/bank/bundled';
import type { BankQuestion } from '../../src/bank/types';
import type { AnalyzeOptions } from '../../src/engine/options';
import { SECTION_KINDS, type SectionKind } from '../../src/core/types';
import { documentSeed, Random } from './random';

/** One generated document with the options it is analyzed with. */
export interface FuzzCase {
  text: string;
  options: AnalyzeOptions;
  /** What the generator did, e.g. `draft[bold-in,list] crlf truncate`: for reports. */
  recipe: string;
}

// ---------------------------------------------------------------------------------------
// Words. Sentences are built from these fragments, so no draft is copied from anywhere.

const SYSTEMS = ['billing service', 'nightly export', 'checkout page', 'mobile app', 'search index', 'onboarding flow', 'deploy pipeline', 'support queue', 'data warehouse', 'payroll run', 'clinic rota', 'warehouse scanner app'];
const TROUBLES = ['kept timing out', 'missed its deadline twice a week', 'dropped orders at peak hours', 'had no clear owner', 'broke after every release', 'was three months behind', 'had a 20-minute queue'];
const WHEN = ['during the holiday sale', 'after a reorg', 'in my first month', 'two weeks before launch', 'while my lead was on leave', 'on a Friday night', ''];
const GOALS = ['get it stable', 'cut the wait time', 'win the customer back', 'ship the migration', 'train two new hires', 'agree a plan with sales', 'hand it over cleanly'];
const CONSTRAINTS = ['extra budget', 'a second engineer', 'pausing other work', 'changing the public API', 'overtime'];
const VERBS = ['profiled', 'rewrote', 'split up', 'documented', 'paired with the team on', 'set up alerts for', 'interviewed users about', 'drafted a plan for', 'ran a pilot of', 'deleted'];
const OBJECTS = ['the slowest query', 'the retry logic', 'the handover checklist', 'every flaky test', 'the vendor contract', 'the on-call rota', 'the intake form', 'the release notes'];
const METRIC_RESULTS = ['Latency fell from {a} ms to {b} ms in {w} weeks.', 'Churn dropped {p}% in Q3 (check with Dana).', 'We saved ${k}k a year.', 'Tickets went down by {p}%.', 'It shipped {w} days early.', 'Wait times went from {a} to {b} minutes.', 'Sign-ups rose {p}% in a quarter.'];
const PLAIN_RESULTS = ['The team was happier afterwards.', 'It worked out well in the end.', 'The customer stayed with us.', 'Everyone agreed on the plan.', 'My manager asked me to lead the next one.'];
const REFLECTIONS = ['Next time I would ask for help sooner.', 'I learned to measure before changing anything.', 'Writing the plan down saved more time than it cost.', 'I would involve support from day one.', 'Small pilots beat long debates.'];
const FEATS = ['missed a deadline', 'disagreed with your manager', 'fixed a slow process', 'earned back a customer\'s trust', 'led without authority', 'made a decision with little data', 'failed', 'took a calculated risk'];

const LABEL_WORDS: Readonly<Record<SectionKind, readonly string[]>> = {
  situation: ['Situation', 'Context', 'Background', 'The Situation', 'Setting', 'Scenario', 'Situation (30 seconds)', 'Situación (Situation)'],
  task: ['Task', 'My Task', 'Goal', 'Objective', 'Challenge', 'My Role', 'Tasks', 'Responsibility'],
  action: ['Action', 'Actions', 'Action(s)', 'What I did', 'Approach', 'Steps taken', 'Key Actions', 'Solution'],
  result: ['Result', 'Results', 'Outcome', 'Impact', 'Results and impact', 'What happened', 'Outcome (what changed)'],
  reflection: ['Reflection', 'Learnings', 'Lessons learned', 'Takeaways', 'What I\'d do differently', 'In hindsight', 'Looking back', 'Key takeaway'],
};
const LETTERS: Readonly<Record<SectionKind, readonly string[]>> = { situation: ['S'], task: ['T'], action: ['A'], result: ['R'], reflection: ['R', 'L'] };
const COMBINED = ['Situation / Task', 'Actions & Results', 'Task + Action', 'Situation and Task', 'Result / Numbers'];
const PLACEHOLDERS = ['TODO', 'TBD', 'TBD - ask Dana for the numbers', '...', '?', 'to be added', 'FIXME', '…', '-', 'TODO: add numbers', 'tbc', 'Fill in'];
/** Extra label words the options add, used in some drafts. */
const SYNONYMS = { result: ['Payoff'], situation: ['Backdrop'], reflection: ['Aftermath notes'] };

/** The characters most likely to be split or mis-measured: pairs, marks, direction, zero width, NUL. */
const UNICODE_BITS = [
  '🎉', '🎯', '📍', '✅', '👩🏽‍💻', '🇩🇪', '𝐑𝐞𝐬𝐮𝐥𝐭', '𠜎', // surrogate pairs, ZWJ sequences, flags, math bold
  'e\u0301', 'a\u0308\u0323', '\u0301', // combining marks, also at a line start
  '\u202e', '\u200f', '\u202a', 'שלום', 'مرحبا', // RTL override, marks, Hebrew, Arabic
  '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', // zero width
  '\u0000', '\u00a0', '\u2028', '\u2029', '\u0085', '\t', '\u000b', '\u000c', // NUL, odd spaces and breaks
  '\ud83c', '\udf89', // lone surrogates, as a broken paste leaves them
  '：', '—', '–', '→', '•', '·',
];
/** Markdown syntax dropped into a draft by the random edits. */
const SYNTAX_BITS = ['#', '# ', '## ', '-', '- ', '---', '===', '>', '> ', '*', '**', '__', '_', '|', '| --- |', '`', '```', '~~~', '<', '<!--', '-->', '[', ']', '[[', ']]', '(', ')', ':', '\\', '&nbsp;', '<b>', '</b>', '<u>', '%%', '1. ', '    ', '\n', '\n\n', '- [ ] ', '[!note] ', '<details>', '</details>', '<summary>', '^situation', '{#id}', '+++', '...'];

let bankQuestions: BankQuestion[] | undefined;
function bank(): BankQuestion[] {
  bankQuestions ??= BUNDLED_QUESTION_FILES.flatMap((file) => (file.data as { questions: BankQuestion[] }).questions).slice(0, 12);
  return bankQuestions;
}

function fill(rng: Random, template: string): string {
  return template
    .replace('{a}', String(rng.int(20, 900)))
    .replace('{b}', String(rng.int(2, 19)))
    .replace('{w}', String(rng.int(2, 12)))
    .replace('{p}', String(rng.int(3, 60)))
    .replace('{k}', String(rng.int(5, 400)));
}

function sentence(rng: Random, kind: SectionKind): string {
  switch (kind) {
    case 'situation':
      return `Our ${rng.pick(SYSTEMS)} ${rng.pick(TROUBLES)}${(' ' + rng.pick(WHEN)).trimEnd()}.`;
    case 'task':
      return rng.chance(0.5) ? `I had to ${rng.pick(GOALS)} without ${rng.pick(CONSTRAINTS)}.` : `My job was to ${rng.pick(GOALS)}.`;
    case 'action':
      return rng.chance(0.6) ? `I ${rng.pick(VERBS)} ${rng.pick(OBJECTS)}.` : `First I ${rng.pick(VERBS)} ${rng.pick(OBJECTS)}; then I ${rng.pick(VERBS)} ${rng.pick(OBJECTS)}.`;
    case 'result':
      return rng.chance(0.7) ? fill(rng, rng.pick(METRIC_RESULTS)) : rng.pick(PLAIN_RESULTS);
    case 'reflection':
      return rng.pick(REFLECTIONS);
  }
}

function paragraph(rng: Random, kind: SectionKind): string {
  const count = rng.pick([1, 1, 1, 2, 3]);
  return Array.from({ length: count }, () => sentence(rng, kind)).join(' ');
}

function question(rng: Random): string {
  if (rng.chance(0.2)) return rng.pick(bank()).text;
  const feat = rng.pick(FEATS);
  return rng.pick([`Tell me about a time you ${feat}.`, `Describe a time you ${feat}`, `Give me an example of when you ${feat}.`, `Have you ever ${feat}?`, `Walk me through a time you ${feat}`]);
}

// ---------------------------------------------------------------------------------------
// Label forms.

/** How one answer writes its labels. */
interface AnswerStyle {
  form: string;
  words: 'canonical' | 'synonym' | 'upper' | 'lower' | 'letter' | 'mixed' | 'custom';
  container: string;
  blank: boolean;
}

const INLINE_FORMS = [
  'bold-in', 'bold-out', 'underscore', 'italic', 'italic-under', 'triple', 'html-b', 'html-strong', 'html-u', 'html-em', 'html-i', 'html-mark',
  'wiki', 'plain', 'plain-dash', 'plain-hyphen', 'plain-arrow', 'fullwidth', 'letter', 'letter-paren', 'letter-bracket', 'letter-bold', 'letter-word',
  'own-line-bold', 'own-line-plain', 'decorated', 'speaker', 'emoji-after', 'bold-run-on', 'first-letter',
] as const;
const BLOCK_FORMS = ['atx', 'setext', 'same-line', 'table', 'callout', 'details', 'aside'] as const;
const CONTAINERS = ['', '', '', '- ', '* ', '+ ', '1. ', '1) ', '- [ ] ', '> ', '> - ', '  ', '• ', '- - ', '>> '];

function labelWord(rng: Random, kind: SectionKind, style: AnswerStyle, options: AnalyzeOptions): string {
  switch (style.words) {
    case 'canonical':
      return LABEL_WORDS[kind][0];
    case 'synonym':
      return rng.pick(LABEL_WORDS[kind]);
    case 'upper':
      return LABEL_WORDS[kind][0].toUpperCase();
    case 'lower':
      return LABEL_WORDS[kind][0].toLowerCase();
    case 'letter':
      return rng.pick(LETTERS[kind]);
    case 'custom': {
      const extra = options.synonyms?.[kind];
      return extra && rng.chance(0.7) ? extra[0] : LABEL_WORDS[kind][0];
    }
    case 'mixed':
      return rng.chance(0.1) ? rng.pick(COMBINED) : rng.chance(0.3) ? rng.pick(LETTERS[kind]) : rng.pick(LABEL_WORDS[kind]);
  }
}

/** The label and the content on its line, for the inline forms. */
function inlineLabel(form: string, word: string, kind: SectionKind, content: string): { line: string; below?: string } {
  const gap = content ? ' ' : '';
  switch (form) {
    case 'bold-in': return { line: `**${word}:**${gap}${content}` };
    case 'bold-out': return { line: `**${word}**:${gap}${content}` };
    case 'underscore': return { line: `__${word}:__${gap}${content}` };
    case 'italic': return { line: `*${word}:*${gap}${content}` };
    case 'italic-under': return { line: `_${word}_:${gap}${content}` };
    case 'triple': return { line: `***${word}:***${gap}${content}` };
    case 'html-b': return { line: `<b>${word}:</b>${gap}${content}` };
    case 'html-strong': return { line: `<strong>${word}</strong>:${gap}${content}` };
    case 'html-u': return { line: `<u>${word}</u>:${gap}${content}` };
    case 'html-em': return { line: `<em>${word}:</em>${gap}${content}` };
    case 'html-i': return { line: `<i>${word}</i>:${gap}${content}` };
    case 'html-mark': return { line: `<mark>${word}</mark>:${gap}${content}` };
    case 'wiki': return { line: `[[${word}]]:${gap}${content}` };
    case 'plain': return { line: `${word}:${gap}${content}` };
    case 'plain-dash': return { line: `${word} —${gap}${content}` };
    case 'plain-hyphen': return { line: `${word} -${gap}${content}` };
    case 'plain-arrow': return { line: `${word} ->${gap}${content}` };
    case 'fullwidth': return { line: `${word}：${gap}${content}` };
    case 'letter': return { line: `${word[0]}:${gap}${content}` };
    case 'letter-paren': return { line: `(${word[0]})${gap}${content}` };
    case 'letter-bracket': return { line: `[${word[0]}]${gap}${content}` };
    case 'letter-bold': return { line: `**${word[0]}:**${gap}${content}` };
    case 'letter-word': return { line: `${word[0]} — ${LABEL_WORDS[kind][0]}:${gap}${content}` };
    case 'own-line-bold': return { line: `**${word}**`, below: content };
    case 'own-line-plain': return { line: `${word}:`, below: content };
    case 'decorated': return { line: `${['📍', '🎯 1.', ':dart:', '✅', '→', '1.'][kind.length % 6]} **${word}:**${gap}${content}` };
    case 'speaker': return { line: `${kind === 'situation' ? '**A:** ' : ''}**${word}:**${gap}${content}` };
    case 'emoji-after': return { line: `**${word} 🎯:**${gap}${content}` };
    case 'bold-run-on': return { line: `**${word}: ${content}**` };
    case 'first-letter': return { line: `**${word[0]}**${word.slice(1)}:${gap}${content}` };
    default: return { line: `${word}:${gap}${content}` };
  }
}

/** Continuation prefix for lines under a container line (`> `, list indentation). */
function continuation(container: string): string {
  if (container.startsWith('>')) return container.replace(/[^>\s]+\s*/g, '').replace(/\s*$/, ' ');
  return ' '.repeat(container.length);
}

function nthContainer(container: string, n: number): string {
  return container.replace(/^(\s*)1([.)])/, (_, space: string, mark: string) => `${space}${n}${mark}`);
}

/** What may sit under a section: sub-lists, code, comments, images, pasted notes. */
function extraBlock(rng: Random, kind: SectionKind): string {
  switch (rng.int(0, 19)) {
    case 0: return '```\nResult: inside a fence, not a label\n**Task:** neither\n```';
    case 1: return '~~~md\n## Situation\n~~~';
    case 2: return '    Action: indented code, or prose indented by a converter';
    case 3: return `<!-- ${rng.pick(['Result: an old result', 'star-coach-disable-next-line missing-metrics', 'star-coach-disable', 'star-coach-enable', 'star-coach-disable-line', 'star-coach-disable empty-section STAR005'])} -->`;
    case 4: return `%% ${rng.pick(['Result: old draft', 'note to self\nResult: 5%'])} %%`;
    case 5: return rng.pick(['![diagram](img/flow.png)', '![[sso-pr-screenshot.png|400]]', '<img src="a.png">']);
    case 6: return rng.pick(['---', '***', '___', '- - -']);
    case 7: return `#${rng.pick(['interview', 'tag', 't', 'amazon/lp'])}\n${rng.pick(['---', '-', '===', '--', '= ='])}`;
    case 8: return `- ${sentence(rng, kind)}\n- ${sentence(rng, kind)}\n  - ${sentence(rng, kind)}\n    1. deeper step`;
    case 9: return `[^1]: ${sentence(rng, kind)}\n\n[ref]: https://example.com/notes "notes"`;
    case 10: return `<div>\nResult: inside a div\n</div>`;
    case 11: return `| Metric | Before | After |\n| --- | ---: | :---: |\n| p95 | ${rng.int(100, 900)} ms | ${rng.int(10, 99)} ms |`;
    case 12: return `## ${rng.pick(['Feedback', 'Notes', 'Mock interview score', 'Follow-up questions'])}\n\nSituation: ${rng.int(1, 5)}/5\nResult: ${rng.int(1, 5)}/5`;
    case 13: return `ChatGPT feedback (pasted ${rng.int(1, 28)} June):\n\nThe Result needs a number.`;
    case 14: return `#### Step ${rng.int(1, 3)}\n\n${sentence(rng, kind)}`;
    case 15: return `**${rng.pick(['Tools', 'Tips', 'Stakeholders', 'Gathered data'])}:** ${sentence(rng, kind)}`;
    case 16: return `Situation notes aside, this sentence mentions the result: it is content.`;
    case 17: return `<details>\n<summary>More</summary>\n\n${sentence(rng, kind)}\n\n</details>`;
    case 18: return `${sentence(rng, kind)} ^${kind}`;
    default: return `Q3: revenue up ${rng.int(2, 30)}%`;
  }
}

function sectionContent(rng: Random, kind: SectionKind): { text: string; after: string[] } {
  const after: string[] = [];
  const roll = rng.next();
  if (roll < 0.08) return { text: '', after };
  if (roll < 0.18) {
    const placeholder = rng.pick(PLACEHOLDERS);
    // A placeholder with the writer's own text, code or image under it.
    if (rng.chance(0.5)) after.push(rng.pick([paragraph(rng, kind), '```\nSELECT count(*) FROM orders;\n```', '![chart](chart.png)', 'Churn fell 12% in Q3 (check with Dana).']));
    return { text: placeholder, after };
  }
  if (rng.chance(0.15)) after.push(extraBlock(rng, kind));
  if (rng.chance(0.1)) after.push(paragraph(rng, kind));
  return { text: paragraph(rng, kind), after };
}

/** The sections an answer has: mostly in order, some missing, now and then repeated or shuffled. */
function sectionKinds(rng: Random): SectionKind[] {
  let kinds = SECTION_KINDS.filter(() => rng.chance(0.72));
  if (kinds.length === 0) kinds = [rng.pick(SECTION_KINDS)];
  if (rng.chance(0.08)) kinds = rng.shuffle(kinds);
  if (rng.chance(0.05)) kinds.push(rng.pick(kinds));
  return kinds;
}

function indentBlock(block: string, prefix: string): string {
  return block
    .split('\n')
    .map((line) => (line ? prefix + line : prefix.trimEnd()))
    .join('\n');
}

/** One answer in one style: its title, then its sections. */
function renderAnswer(rng: Random, style: AnswerStyle, titled: boolean, options: AnalyzeOptions): string {
  const out: string[] = [];
  if (titled) {
    const q = question(rng);
    out.push(
      rng.pick([`## ${q}`, `# ${q}`, `### ${q}`, `**${q}**`, `Q: ${q}`, `**Q${rng.int(1, 9)}.** ${q}`, `${q}\n${'='.repeat(rng.int(3, 12))}`, `## ${q} #interview`, `## ${q} {#q1}`, `Question ${rng.int(1, 5)}) ${q}`]),
    );
  }
  const kinds = sectionKinds(rng);
  const sep = style.blank ? '\n\n' : '\n';
  const blocks: string[] = [];

  if (style.form === 'same-line') {
    const letters = style.words === 'letter' || rng.chance(0.5);
    const bold = rng.chance(0.3);
    const parts = kinds.map((kind) => {
      const word = letters ? LETTERS[kind][0] : LABEL_WORDS[kind][0];
      const label = bold ? `**${word}:**` : `${word}:`;
      return `${label} ${sentence(rng, kind)}`;
    });
    blocks.push(style.container + parts.join(' '));
    if (rng.chance(0.3)) blocks.push(`L: ${rng.pick(REFLECTIONS)}`);
  } else if (style.form === 'table') {
    const columns = rng.pick([2, 2, 3]);
    const head = columns === 2 ? '| Part | Notes |\n| --- | --- |' : '| Part | What | Why |\n|---|---|---|';
    const rows = kinds.map((kind) => {
      const word = labelWord(rng, kind, style, options);
      const cell = rng.chance(0.08) ? '' : sentence(rng, kind);
      return `| ${word} | ${cell} |${columns === 3 ? ` ${rng.pick(['because', 'n/a', ''])} |` : ''}`;
    });
    blocks.push([head, ...rows].join('\n'));
  } else {
    kinds.forEach((kind, index) => {
      const word = labelWord(rng, kind, style, options);
      const { text, after } = sectionContent(rng, kind);
      const lines: string[] = [];
      switch (style.form) {
        case 'atx': {
          const depth = rng.pick([2, 3, 3, 4, 5, 6]);
          const extra = rng.pick(['', '', '', ' #', ' 🎯', ' {#situation}', ' #interview', '[]{#_Toc1 .anchor}']);
          lines.push(`${'#'.repeat(depth)} ${word}${extra}`, '', text);
          break;
        }
        case 'setext':
          lines.push(word, (rng.chance(0.7) ? '-' : '=').repeat(rng.int(1, word.length + 2)), '', text);
          break;
        case 'callout':
          lines.push(`> [!${rng.pick(['note', 'info', 'tip', 'success', 'question'])}]${rng.pick(['', '-', '+'])} ${word}`, `> ${text}`);
          break;
        case 'details':
          lines.push('<details>', `<summary>${word}</summary>`, '', text, '', '</details>');
          break;
        case 'aside':
          lines.push('<aside>', `💡 **${word}:** ${text}`, '', '</aside>');
          break;
        default: {
          const form = style.form;
          const { line, below } = inlineLabel(form, word, kind, text);
          const container = nthContainer(style.container, index + 1);
          lines.push(container + line);
          if (below !== undefined && below !== '') {
            if (style.blank && rng.chance(0.5)) lines.push(continuation(container).trimEnd());
            lines.push(continuation(container) + below);
          }
          // What follows the label stays in its list item or quote, or drops out of it.
          const inside = rng.chance(0.5) ? continuation(container) : '';
          after.splice(0, after.length, ...after.map((block) => indentBlock(block, inside)));
        }
      }
      blocks.push(lines.join('\n'), ...after);
    });
  }
  return [...out, blocks.filter((b) => b !== '').join(sep)].join(rng.chance(0.85) ? '\n\n' : '\n');
}

function frontMatter(rng: Random): string {
  const lines: string[] = [];
  if (rng.chance(0.6)) {
    const q = rng.pick(bank());
    lines.push(`question: ${rng.pick([q.id, q.text, `"${q.text}"`, 'no-such-question-id'])}`);
  }
  if (rng.chance(0.4)) lines.push(`title: ${rng.pick(['Interview prep', '"Influence"', ''])}`);
  if (rng.chance(0.5)) lines.push('tags: [interview, star]');
  if (rng.chance(0.2)) lines.push('role: backend engineer\ncompany: "Acme: Ltd"');
  return `---\n${lines.join('\n')}\n${rng.pick(['---', '---', '...'])}\n`;
}

function randomOptions(rng: Random): AnalyzeOptions {
  const options: AnalyzeOptions = {};
  const draft = rng.weighted({ force: 70, star: 12, plain: 12, readme: 3, none: 3 });
  if (draft === 'force') options.forceDraft = true;
  else if (draft === 'star') options.fileName = 'stories/answer.star.md';
  else if (draft === 'plain') options.fileName = 'notes/interview.md';
  else if (draft === 'readme') options.fileName = 'README.md';
  if (rng.chance(0.12)) options.requiredSections = SECTION_KINDS.filter(() => rng.chance(0.6));
  if (rng.chance(0.1)) options.synonyms = SYNONYMS;
  if (rng.chance(0.1)) {
    options.rules = { [rng.pick(['missing-situation', 'missing-result', 'missing-metrics', 'empty-section', 'missing-reflection', 'key-points-coverage'])]: rng.pick(['off', 'error', 'information'] as const) };
  }
  return options;
}

/** A realistic draft: front matter, a heading, one to four answers in one style or several. */
function draft(rng: Random, options: AnalyzeOptions): { text: string; recipe: string } {
  const parts: string[] = [];
  const recipe: string[] = [];
  if (rng.chance(0.15)) parts.push(frontMatter(rng).trimEnd());
  if (rng.chance(0.15)) parts.push(rng.pick(['# My story bank', '# Interview prep – LPs', '#interview\n---', '#t\n-', 'Notes from the prep call.', '<!-- star-coach-disable missing-reflection -->']));
  const answers = rng.pick([1, 1, 1, 2, 2, 3, 4]);
  const titled = rng.chance(0.75);
  let style: AnswerStyle | null = null;
  for (let i = 0; i < answers; i++) {
    if (!style || rng.chance(0.3)) {
      const block = rng.chance(0.3);
      const form: string = block ? rng.pick(BLOCK_FORMS) : rng.pick(INLINE_FORMS);
      const words = options.synonyms && rng.chance(0.5) ? 'custom' : rng.weighted({ canonical: 40, synonym: 20, upper: 5, lower: 5, letter: 12, mixed: 10, custom: 0 });
      style = { form, words, container: block ? (form === 'same-line' ? rng.pick(['', '', '- ', '> ']) : '') : rng.pick(CONTAINERS), blank: rng.chance(0.6) };
      if (form.startsWith('letter')) style.words = 'letter';
      recipe.push(`${form}${style.container ? `(${style.container.trim() || 'indent'})` : ''}/${style.words}`);
    }
    parts.push(renderAnswer(rng, style, titled && (i === 0 || rng.chance(0.9)), options));
    if (rng.chance(0.1)) parts.push(extraBlock(rng, 'reflection'));
  }
  return { text: parts.join(rng.chance(0.9) ? '\n\n' : '\n') + (rng.chance(0.85) ? '\n' : ''), recipe: `draft[${recipe.join(',')}${titled ? '' : ',untitled'}]` };
}

/** Thousands of nested list items or quotes: the recursion depth a walk must survive. */
function deepNesting(rng: Random): { text: string; recipe: string } {
  const unit = rng.pick(['> ', '> ', '> - ', '- > ', '- ', '* ', '1. ']);
  // Nested lists parse in time quadratic in the depth (in the markdown parser), so they stay
  // shallower; quotes, and quotes in lists, go past the depth where a recursive walk overflows.
  const depth = unit === '> ' ? rng.int(4000, 8000) : unit.includes('>') ? rng.int(1000, 1600) : rng.int(100, 400);
  const label = rng.pick(['Situation: x', '**Result:** TODO', 'S: a. T: b.', '## Task']);
  return { text: `## Tell me about a time you failed\n\n${unit.repeat(depth)}${label}\n`, recipe: `deep[${JSON.stringify(unit)}x${depth}]` };
}

/** A short run of syntax and unicode with a label or two in it: what a broken paste looks like. */
function noise(rng: Random): { text: string; recipe: string } {
  const bits: string[] = [];
  const length = rng.int(1, 40);
  for (let i = 0; i < length; i++) {
    const roll = rng.next();
    if (roll < 0.4) bits.push(rng.pick(SYNTAX_BITS));
    else if (roll < 0.6) bits.push(rng.pick(UNICODE_BITS));
    else if (roll < 0.8) bits.push(rng.pick(['Situation', 'Task', 'Result', 'S', 'R', 'TODO', 'Action', 'Reflection', 'L']));
    else bits.push(rng.pick([' ', '\n', ': ', 'x', '12%', 'I']));
  }
  return { text: bits.join(''), recipe: 'noise' };
}

// ---------------------------------------------------------------------------------------
// Mutations.

function randomEdit(rng: Random, text: string): string {
  if (text.length === 0) return rng.pick(SYNTAX_BITS);
  const at = rng.int(0, text.length);
  switch (rng.int(0, 7)) {
    case 0: {
      const length = rng.int(1, Math.min(40, text.length - Math.min(at, text.length - 1)));
      return text.slice(0, at) + text.slice(at + length);
    }
    case 1:
      return text.slice(0, at) + rng.pick(SYNTAX_BITS) + text.slice(at);
    case 2:
      return text.slice(0, at) + rng.pick(UNICODE_BITS) + text.slice(at);
    case 3: {
      const lines = text.split('\n');
      const i = rng.int(0, lines.length - 1);
      lines.splice(i, 0, lines[i]);
      return lines.join('\n');
    }
    case 4: {
      const lines = text.split('\n');
      const i = rng.int(0, lines.length - 1);
      const j = rng.int(0, lines.length - 1);
      [lines[i], lines[j]] = [lines[j], lines[i]];
      return lines.join('\n');
    }
    case 5: {
      const lines = text.split('\n');
      const i = rng.int(0, lines.length - 1);
      lines[i] = rng.pick(['  ', '    ', '\t', '> ', '- ', '   ']) + lines[i];
      return lines.join('\n');
    }
    case 6: {
      // Unicode right at a line end, where inserted sections and edits land.
      const lines = text.split('\n');
      const i = rng.int(0, lines.length - 1);
      lines[i] = lines[i] + rng.pick(UNICODE_BITS.slice(0, 8));
      return lines.join('\n');
    }
    default: {
      const lines = text.split('\n');
      lines.splice(rng.int(0, lines.length - 1), 1);
      return lines.join('\n');
    }
  }
}

/** Generates document `index` of the run seeded `seed`. */
export function generateCase(seed: number, index: number): FuzzCase {
  const rng = new Random(documentSeed(seed, index));
  const options = randomOptions(rng);
  const kind = rng.weighted({ draft: 90, noise: 8, deep: 0.15 });
  let { text, recipe } = kind === 'deep' ? deepNesting(rng) : kind === 'noise' ? noise(rng) : draft(rng, options);
  const steps = [recipe];
  if (kind !== 'deep') {
    if (rng.chance(0.15)) {
      const edits = rng.int(1, 4);
      for (let i = 0; i < edits; i++) text = randomEdit(rng, text);
      steps.push(`edits×${edits}`);
    }
    if (rng.chance(0.12)) {
      // Unicode inside words, labels and separators, not only between them.
      for (let i = rng.int(1, 4); i > 0; i--) {
        const at = rng.int(0, text.length);
        text = text.slice(0, at) + rng.pick(UNICODE_BITS) + text.slice(at);
      }
      steps.push('unicode');
    }
    if (rng.chance(0.1)) {
      text = text.slice(0, rng.int(0, text.length));
      steps.push('truncate');
    }
  }
  const eol = rng.weighted({ lf: 75, crlf: 15, cr: 7, mixed: 3 });
  if (eol === 'crlf') text = text.replace(/\n/g, '\r\n');
  else if (eol === 'cr') text = text.replace(/\n/g, '\r');
  else if (eol === 'mixed') text = text.replace(/\n/g, () => rng.pick(['\n', '\r\n', '\r']));
  if (eol !== 'lf') steps.push(eol);
  if (rng.chance(0.06)) {
    text = '\ufeff' + text;
    steps.push('bom');
  }
  return { text, options, recipe: steps.join(' ') };
}
