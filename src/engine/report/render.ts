/**
 * The story bank report as markdown and as HTML. The HTML body is shared by the CLI's
 * self-contained page and the editor's webview; only the links and the page around it differ.
 */
import { formatSeconds } from '../../rules/answer-length';
import type { MatrixRow, Story, StoryBankReport } from './build';

/** Short column names for the matrix: S1, S2, … in story order. */
export function storyLabels(report: StoryBankReport): Map<string, string> {
  return new Map(report.stories.map((story, index) => [story.id, `S${index + 1}`]));
}

const STATUS_TEXT: Record<MatrixRow['status'], string> = { gap: 'gap: no story', weak: 'only weak stories', covered: 'covered' };

/** "72.5" for an average, "–" for none. */
export function formatAverage(average: number | null): string {
  return average === null ? '–' : (Math.round(average * 10) / 10).toString();
}

/** The one-line summary that the CLI prints and the views show. */
export function summaryLine(report: StoryBankReport): string {
  const { summary } = report;
  const targets = report.rows.length;
  return `${summary.stories} ${summary.stories === 1 ? 'story' : 'stories'} in ${summary.drafts} ${summary.drafts === 1 ? 'draft' : 'drafts'}, average score ${formatAverage(summary.averageScore)}; ${report.targets.title}: ${summary.covered} of ${targets} covered, ${summary.weakOnly} only by weak stories, ${summary.gaps} with no story`;
}

const escapeCell = (text: string): string => text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/** What a story covers, for lists: its question's category and the targets it meets. */
function coverageText(story: Story, report: StoryBankReport): string {
  const labels = story.targets.map((id) => report.rows.find((row) => row.target.id === id)?.target.label ?? id);
  return labels.join(', ');
}

/** The report as markdown, with links of the form `<file>#L<line>` (the caller chooses how files are written). */
export function reportMarkdown(report: StoryBankReport, link: (story: Story) => string = (story) => `${story.file}#L${story.line}`): string {
  const labels = storyLabels(report);
  const out: string[] = ['# Story bank', '', summaryLine(report) + '.', ''];
  out.push('## Stories', '');
  if (report.stories.length === 0) out.push('No answers found in the drafts given.', '');
  else {
    out.push('| # | story | score | spoken | question | covers |', '|---|---|---|---|---|---|');
    for (const story of report.stories) {
      const question = story.question ? `${escapeCell(story.question.text)}${story.question.likely ? ' *(likely)*' : ''}` : '–';
      const covers = coverageText(story, report) + (story.question?.likely && story.targets.length > 0 ? ' *(likely)*' : '');
      out.push(`| ${labels.get(story.id)} | [${escapeCell(story.title)}](${link(story).replace(/ /g, '%20')}) | ${story.score}${story.weak ? ' (weak)' : ''} | ${formatSeconds(story.seconds)} of ${formatSeconds(story.targetSeconds)} | ${question} | ${escapeCell(covers) || '–'} |`);
    }
    out.push('');
  }
  out.push(`## Coverage: ${report.targets.title}`, '');
  out.push('`●` linked to a question for it, `◐` likely (inferred from key points), `w` weak (score under ' + `${report.thresholds.weakScore}).`, '');
  const header = report.stories.map((story) => labels.get(story.id)!);
  out.push(`| target | status | ${header.join(' | ')}${header.length > 0 ? ' |' : ''}`, `|---|---|${header.map(() => '---|').join('')}`);
  for (const row of report.rows) {
    const cells = report.stories.map((story) => {
      const hit = row.stories.find((entry) => entry.storyId === story.id);
      return hit ? `${hit.likely ? '◐' : '●'}${hit.weak ? 'w' : ''}` : '';
    });
    out.push(`| ${escapeCell(row.target.label)} | ${STATUS_TEXT[row.status]} | ${cells.join(' | ')}${cells.length > 0 ? ' |' : ''}`);
  }
  out.push('');
  const gaps = report.rows.filter((row) => row.status !== 'covered');
  if (gaps.length > 0) {
    out.push('## Gaps', '');
    for (const row of gaps) {
      const behaviours = row.target.behaviours.length > 0 ? ` A story for it shows: ${row.target.behaviours.join('; ')}.` : '';
      out.push(`- **${row.target.label}**: ${row.status === 'gap' ? 'no story' : `only weak stories (${row.stories.map((s) => labels.get(s.storyId)).join(', ')})`}.${behaviours}`);
    }
    out.push('');
  }
  if (report.overused.length > 0) {
    out.push('## Stories used for too many targets', '');
    for (const entry of report.overused) {
      const story = report.stories.find((s) => s.id === entry.storyId)!;
      out.push(`- ${labels.get(story.id)} [${story.title}](${link(story).replace(/ /g, '%20')}) covers ${entry.targets} targets (more than ${report.thresholds.maxTargetsPerStory}); an interviewer who hears it twice remembers it once.`);
    }
    out.push('');
  }
  return out.join('\n');
}

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** How the HTML links a story: the attributes of its `<a>` (an href, or data for a webview's script). */
export type StoryLink = (story: Story) => Record<string, string>;

/** The report's HTML body (no `<html>` or styles): summary, story list, matrix, gaps. */
export function reportHtmlBody(report: StoryBankReport, link: StoryLink): string {
  const labels = storyLabels(report);
  const anchor = (story: Story, text: string): string => {
    const attributes = Object.entries(link(story)).map(([name, value]) => ` ${name}="${escapeHtml(value)}"`).join('');
    return `<a class="story-link"${attributes}>${escapeHtml(text)}</a>`;
  };
  const likely = '<span class="likely" title="inferred from key-point coverage">likely</span>';
  const out: string[] = [];
  out.push('<header><h1>Story bank</h1>', `<p class="summary">${escapeHtml(summaryLine(report))}.</p></header>`);
  out.push('<section><h2>Stories</h2>');
  if (report.stories.length === 0) out.push('<p>No answers found in the drafts.</p>');
  else {
    out.push('<table class="stories"><thead><tr><th>#</th><th>story</th><th>score</th><th>spoken</th><th>question</th><th>covers</th></tr></thead><tbody>');
    for (const story of report.stories) {
      const over = story.seconds > story.targetSeconds ? ' over' : '';
      const question = story.question ? `${escapeHtml(story.question.text)}${story.question.likely ? ` ${likely}` : ''}` : '<span class="none">no question</span>';
      const covers = story.targets.length > 0 ? escapeHtml(coverageText(story, report)) : '<span class="none">–</span>';
      out.push(
        `<tr><td>${labels.get(story.id)}</td><td>${anchor(story, story.title)}</td><td class="score${story.weak ? ' weak' : ''}">${story.score}${story.weak ? ' <span class="tag">weak</span>' : ''}</td>` +
          `<td class="time${over}">${escapeHtml(formatSeconds(story.seconds))} <span class="of">of ${escapeHtml(formatSeconds(story.targetSeconds))}</span></td><td>${question}</td><td>${covers}</td></tr>`,
      );
    }
    out.push('</tbody></table>');
  }
  out.push('</section>');
  out.push(`<section><h2>Coverage: ${escapeHtml(report.targets.title)}</h2>`);
  out.push(`<p class="legend"><span class="cell linked">●</span> linked to a question for it · <span class="cell likely-cell">◐</span> likely, from key points · <span class="tag">w</span> weak (score under ${report.thresholds.weakScore})</p>`);
  out.push('<div class="matrix-wrap"><table class="matrix"><thead><tr><th>target</th><th>status</th>');
  for (const story of report.stories) out.push(`<th class="col">${anchor(story, labels.get(story.id)!)}</th>`);
  out.push('</tr></thead><tbody>');
  for (const row of report.rows) {
    out.push(`<tr class="row-${row.status}"><th scope="row" title="${escapeHtml(row.target.behaviours.join('\n'))}">${escapeHtml(row.target.label)}</th><td class="status status-${row.status}">${STATUS_TEXT[row.status]}</td>`);
    for (const story of report.stories) {
      const hit = row.stories.find((entry) => entry.storyId === story.id);
      out.push(hit ? `<td class="cell ${hit.likely ? 'likely-cell' : 'linked'}${hit.weak ? ' weak' : ''}" title="${escapeHtml(story.title)}">${hit.likely ? '◐' : '●'}${hit.weak ? '<span class="tag">w</span>' : ''}</td>` : '<td class="cell empty"></td>');
    }
    out.push('</tr>');
  }
  out.push('</tbody></table></div></section>');
  const gaps = report.rows.filter((row) => row.status !== 'covered');
  if (gaps.length > 0) {
    out.push('<section><h2>Gaps</h2><ul class="gaps">');
    for (const row of gaps) {
      const which = row.status === 'gap' ? 'no story' : `only weak stories: ${row.stories.map((s) => labels.get(s.storyId)).join(', ')}`;
      const behaviours = row.target.behaviours.length > 0 ? `<ul>${row.target.behaviours.map((b) => `<li>${escapeHtml(b)}</li>`).join('')}</ul>` : '';
      out.push(`<li><strong>${escapeHtml(row.target.label)}</strong>: ${escapeHtml(which)}${behaviours}</li>`);
    }
    out.push('</ul></section>');
  }
  if (report.overused.length > 0) {
    out.push('<section><h2>Stories used for too many targets</h2><ul class="overused">');
    for (const entry of report.overused) {
      const story = report.stories.find((s) => s.id === entry.storyId)!;
      out.push(`<li>${labels.get(story.id)} ${anchor(story, story.title)}: ${entry.targets} targets (more than ${report.thresholds.maxTargetsPerStory})</li>`);
    }
    out.push('</ul></section>');
  }
  return out.join('\n');
}

/** Styles of the CLI's page: light and dark by the reader's preference, nothing remote. */
const PAGE_CSS = `
:root { color-scheme: light dark; --fg: #1f2328; --bg: #ffffff; --muted: #59636e; --border: #d1d9e0; --gap: #b42318; --weak: #9a6700; --ok: #1a7f37; --link: #0969da; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9198a1; --border: #3d444d; --gap: #ff7b72; --weak: #d29922; --ok: #3fb950; --link: #4493f8; } }
body { font: 14px/1.5 system-ui, sans-serif; color: var(--fg); background: var(--bg); margin: 2rem; }
a { color: var(--link); }
table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; }
th, td { border: 1px solid var(--border); padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
.matrix td.cell { text-align: center; min-width: 2rem; }
.status-gap { color: var(--gap); font-weight: 600; }
.status-weak, .weak { color: var(--weak); }
.status-covered { color: var(--ok); }
.likely, .tag { font-size: 0.8em; border: 1px solid currentColor; border-radius: 3px; padding: 0 0.25em; margin-left: 0.25em; }
.none, .of, .legend { color: var(--muted); }
.time.over { color: var(--weak); }
.matrix-wrap { overflow-x: auto; }
`;

/**
 * The report as one self-contained HTML page: inline styles, no scripts, no remote content
 * (the page's own content security policy says so). Links point at `<file>#L<line>`.
 */
export function reportHtmlPage(report: StoryBankReport, href: (story: Story) => string = (story) => `${story.file}#L${story.line}`): string {
  const body = reportHtmlBody(report, (story) => ({ href: href(story) }));
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>Story bank</title>',
    `<style>${PAGE_CSS}</style>`,
    '</head><body>',
    body,
    '</body></html>',
    '',
  ].join('\n');
}
