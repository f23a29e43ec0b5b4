/**
 * Practice mode's content: the question, the target time, and the writer's own parts to
 * reveal one at a time, as plain data and as the page body the webview shows. No editor API.
 */
import type { BankQuestion } from '../../bank/types';
import { formatSeconds } from '../../rules/answer-length';
import { SECTION_TITLES, type Answer } from '../../core/types';
import type { Story } from './build';
import { escapeHtml } from './render';

/** What practice mode shows: the question, the target time, and the parts to reveal in order. */
export interface PracticeContent {
  question: string;
  targetSeconds: number;
  /** Where the parts come from, in a sentence. */
  source: string;
  parts: Array<{ title: string; text: string }>;
}

/** Said in the view, plainly: the timer and the text stay in this view. */
export const PRIVACY_NOTE = 'Nothing is recorded, stored or sent. There is no microphone and no upload: the timer runs in this view only, and closing it forgets everything.';

/** Practice content from one of the writer's stories: its own parts, in the order written. */
export function practiceFromStory(story: Story, answer: Answer | undefined): PracticeContent {
  const parts = (answer?.sections ?? []).map((section) => ({ title: section.kinds.map((kind) => SECTION_TITLES[kind]).join(' / '), text: section.empty ? '' : section.text }));
  return {
    question: story.question?.text ?? story.title,
    targetSeconds: story.targetSeconds,
    source: `Your story "${story.title}"${story.question?.likely ? ' (likely about this question)' : ''}. Answer out loud, then reveal your own parts one at a time to compare.`,
    parts,
  };
}

/** Practice content from a bank question: the writer's story for it when there is one, else its key points. */
export function practiceFromQuestion(question: BankQuestion, story: Story | undefined, answer: Answer | undefined): PracticeContent {
  if (story) return { ...practiceFromStory(story, answer), question: question.text, targetSeconds: question.targetSeconds };
  return {
    question: question.text,
    targetSeconds: question.targetSeconds,
    source: 'You have no story for this question yet. Answer out loud, then reveal the key points a strong answer covers, one at a time.',
    parts: question.keyPoints.map((point, index) => ({ title: `Key point ${index + 1}`, text: point.title })),
  };
}

/**
 * The page body of practice mode. `session` names this practice: the view keeps its timer
 * and revealed parts across being hidden and shown again only while the session is the same.
 */
export function practiceBody(content: PracticeContent, session = ''): string {
  const parts = content.parts
    .map((part) => `<section class="part" hidden data-title="${escapeHtml(part.title)}"><h3>${escapeHtml(part.title)}</h3>${part.text ? `<p>${escapeHtml(part.text)}</p>` : '<p class="empty">Not written yet.</p>'}</section>`)
    .join('\n');
  return [
    `<main id="practice" data-target-seconds="${content.targetSeconds}" data-session="${escapeHtml(session)}">`,
    '<h1>Practice</h1>',
    `<p class="privacy" role="note">${escapeHtml(PRIVACY_NOTE)}</p>`,
    `<p class="question">${escapeHtml(content.question)}</p>`,
    `<p class="meta">Target: ${escapeHtml(formatSeconds(content.targetSeconds))}. ${escapeHtml(content.source)}</p>`,
    '<div class="timer" id="timer" role="timer" aria-live="off">0:00</div>',
    '<div class="bar" aria-hidden="true"><div id="bar"></div></div>',
    '<div class="controls"><button id="start">Start</button><button id="reveal" class="secondary">Reveal</button><button id="reset" class="secondary">Reset</button></div>',
    content.parts.length === 0 ? '<p class="hint">This story has no parts to reveal.</p>' : '',
    parts,
    '</main>',
  ].join('\n');
}

