/**
 * Stage 4 of the reader: schemes. A writer marks parts in one form, or a few, and keeps to
 * it. Labels found inside lines are only candidates: they count where the document's own
 * labels use the same form through several parts, and read as prose everywhere else.
 */
import { collapseWhitespace, plainText } from '../markdown';
import { SECTION_KINDS, type SectionKind } from '../types';
import { GLUED_HYPHEN } from './candidates';
import { HAS_WORD, type Event, type LabelEvent } from './events';
import { QUESTION_TITLE } from './titles';

/** Distinct parts a form must name across the document before it counts inside lines. */
const SCHEME_MIN_PARTS = 3;

/** The form of a label, as far as schemes tell forms apart; worked out once per label (the stage asks several times). */
function formOf(event: LabelEvent): string {
  if (event.form === undefined) {
    const style = event.style;
    // A letter glued to a hyphen (`S-For …`) is a form apart: `S:` labels make no `T-shirt` a Task.
    event.form = style.kind !== 'inline' ? style.kind : `${style.letter}|${style.wrapper}|${event.listDepth > 0 ? 'list' : 'block'}${style.separator === GLUED_HYPHEN ? '|glued' : ''}`;
  }
  return event.form;
}

/** A label's form without where it stands (in a list or not): `S:` in a list item and `L:` below them are written alike. */
function familyOf(event: LabelEvent): string {
  return formOf(event).replace(/\|(?:list|block)/, '');
}

/** Single letters stand for other words too: `* **A** : …` above a story is its question's Answer. */
function isLetter(event: LabelEvent): boolean {
  return event.style.kind === 'inline' && event.style.letter !== '';
}

/** The parts each label form in the document names. */
export function documentSchemes(events: readonly Event[]): Map<string, Set<SectionKind>> {
  const parts = new Map<string, Set<SectionKind>>();
  for (const event of events) {
    // A heading that may only title a story makes no scheme of headings.
    if (event.type !== 'label' || (event.tentative === 'word' && event.style.kind === 'heading')) continue;
    const form = formOf(event);
    let kinds = parts.get(form);
    if (!kinds) parts.set(form, (kinds = new Set()));
    for (const kind of event.kinds) kinds.add(kind);
  }
  return parts;
}

const asTitle = (event: LabelEvent): Event => ({
  type: 'title',
  text: collapseWhitespace(plainText(event.labelText.replace(/^\s*#{1,6}\s*/, ''))),
  start: event.labelStart,
  end: event.labelEnd,
  depth: event.headingDepth,
});

/**
 * `## Results — STAR` right above `- **S**: … - **T**: … - **R**: …`: a heading that names a
 * part, with nothing under it, over a story in another form of the document's labels that
 * starts from an earlier part, is that story's title, not a part of the story above it.
 */
function headingsOverStories(events: Event[], forms: ReadonlyMap<string, ReadonlySet<SectionKind>>): Event[] {
  let changed: Event[] | null = null;
  events.forEach((event, index) => {
    if (event.type !== 'label' || event.style.kind !== 'heading') return;
    let next = index + 1;
    while (next < events.length && events[next].type === 'content' && !(events[next] as { substantive: boolean }).substantive) next++;
    const below = events[next];
    if (below?.type !== 'label' || below.style.kind === 'heading' || below.tentative) return;
    const form = formOf(below);
    if ((forms.get(form)?.size ?? 0) < SCHEME_MIN_PARTS) return;
    const earlier = Math.min(...below.kinds.map((kind) => SECTION_KINDS.indexOf(kind))) < Math.min(...event.kinds.map((kind) => SECTION_KINDS.indexOf(kind)));
    if (earlier) (changed ??= [...events])[index] = asTitle(event);
  });
  return changed ?? events;
}

/**
 * Keeps the tentative labels whose form is one of the document's schemes; the others turn
 * back into the prose they stood in.
 */
export function applySchemes(given: Event[], isCanonical: (labelWords: string) => boolean = () => true): Event[] {
  const givenForms = documentSchemes(given);
  const events = headingsOverStories(given, givenForms);
  const forms = events === given ? givenForms : documentSchemes(events);
  const isScheme = (form: string): boolean => (forms.get(form)?.size ?? 0) >= SCHEME_MIN_PARTS;
  const strongForms = [...forms.keys()].filter(isScheme);
  // Where the stories have their own scheme, a heading form naming fewer parts by synonyms
  // only (`## Contexto`, `## Objetivo` in a design record above `**S**: …` letters) is the
  // document's own outline, not a story's parts.
  // A heading between two parts of one story in those forms (an Action above it, a
  // Reflection below) is a part of that story, and its form is no outline.
  const rankOf = (event: LabelEvent, pick: (...ranks: number[]) => number): number => pick(...event.kinds.map((kind) => SECTION_KINDS.indexOf(kind)));
  const nearestStrong = (from: number, step: 1 | -1): LabelEvent | null => {
    for (let i = from + step; i >= 0 && i < events.length; i += step) {
      const event = events[i];
      if (event.type === 'title') return null;
      if (event.type === 'label' && strongForms.includes(formOf(event))) return event;
    }
    return null;
  };
  // So is a heading that opens a story, above its first part in those forms, naming the part
  // that comes before it (`Backdrop` over `Task`, `Action`, … in a bank without titles).
  const insideStory = (index: number): boolean => {
    const above = nearestStrong(index, -1);
    const below = nearestStrong(index, 1);
    if (above === null) return below !== null && rankOf(below, Math.min) > rankOf(events[index] as LabelEvent, Math.max);
    return below !== null && rankOf(below, Math.min) > rankOf(above, Math.max);
  };
  const outline = new Set(
    [...forms.keys()].filter(
      (form) =>
        form === 'heading' &&
        !isScheme(form) &&
        strongForms.length > 0 &&
        events.every((event, index) => event.type !== 'label' || formOf(event) !== form || (!isCanonical(event.labelWords) && !insideStory(index))),
    ),
  );
  const letterScheme = [...forms.keys()].some((form) => !form.startsWith('|') && form.includes('|') && isScheme(form));
  const wordScheme = strongForms.some((form) => form.startsWith('|') || !form.includes('|'));
  const schemeFamilies = new Set(
    events.filter((event): event is LabelEvent => event.type === 'label' && isScheme(formOf(event))).map(familyOf),
  );
  // For word candidates: the parts of the story so far, and the latest part in STAR order.
  let present = new Set<SectionKind>();
  let latest = -1;
  const asProse = (event: LabelEvent): Event => {
    const text = plainText(`${event.labelText} ${event.inlineText}`);
    return { type: 'content', text, end: event.lineEnd, substantive: HAS_WORD.test(text) };
  };
  // A letter written like the story's own but in or out of a list stands above a story (`* **A** : …`
  // over `**S** : …`) when the next label, in a scheme's form, names an earlier part; below one it is its part.
  const abovePart = (index: number, letter: LabelEvent): boolean => {
    for (let i = index + 1; i < events.length; i++) {
      const next = events[i];
      if (next.type !== 'label') continue;
      return isScheme(formOf(next)) && Math.min(...next.kinds.map((kind) => SECTION_KINDS.indexOf(kind))) <= Math.min(...letter.kinds.map((kind) => SECTION_KINDS.indexOf(kind)));
    }
    return false;
  };
  return events.map((event, index): Event => {
    if (event.type === 'title') {
      present = new Set();
      latest = -1;
    }
    if (event.type !== 'label') return event;
    const form = formOf(event);
    if (outline.has(form)) return asTitle(event);
    if (event.tentative === 'letter' && !isScheme(form)) return asProse(event);
    // A letter in another form than the story's own letters, naming a single part, is a look-alike.
    // Where the story's labels are words, such a letter opening the story (`**A:** Sure.` under
    // a `Q:` heading, above `**Situation:**`) is the speaker's, not a part.
    // Below a story's parts, a letter that goes on to a later part (`L:` under `*R:*`) goes on with the story.
    const goesOn = present.size > 0 && Math.min(...event.kinds.map((kind) => SECTION_KINDS.indexOf(kind))) > latest;
    // Going on wins over standing above the next story: `L:` after `**R:**`, above `<strong>Challenge</strong>:`, ends the story.
    const lookAlike = letterScheme ? !goesOn && (!schemeFamilies.has(familyOf(event)) || abovePart(index, event)) : wordScheme && present.size === 0 && abovePart(index, event);
    if (isLetter(event) && !event.tentative && (forms.get(form)?.size ?? 0) < 2 && lookAlike) {
      // Often the question the story answers; at least it ends the section above it.
      const text = collapseWhitespace(event.inlineText);
      if (QUESTION_TITLE.test(text) || text.endsWith('?')) return { type: 'title', text, start: event.labelStart, end: event.lineEnd, depth: 0 };
      return { type: 'stop', end: event.lineEnd, text: '', listDepth: 0 };
    }
    // `###### Resolution: I pride myself…` under `###### Situation: …` headings goes on with the
    // story, after its earlier parts; elsewhere such a heading titles the next story.
    if (event.tentative === 'word' && event.style.kind === 'heading') {
      const order = SECTION_KINDS.indexOf(event.kinds[0]);
      if (!isScheme(form) || latest < 0 || order <= latest || event.kinds.some((kind) => present.has(kind))) {
        present = new Set();
        latest = -1;
        return asTitle(event);
      }
    }
    if (event.tentative === 'word') {
      const order = SECTION_KINDS.indexOf(event.kinds[0]);
      if (order <= latest || event.kinds.some((kind) => present.has(kind))) return asProse(event);
    }
    if (event.kinds.some((kind) => present.has(kind)) && !event.tentative) {
      // A part named again starts the next story (segmentation decides); so does the order.
      present = new Set();
      latest = -1;
    }
    for (const kind of event.kinds) present.add(kind);
    latest = Math.max(latest, ...event.kinds.map((kind) => SECTION_KINDS.indexOf(kind)));
    return event;
  });
}
