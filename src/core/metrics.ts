/**
 * Finds measurable outcomes in a Result: percentages, money, multipliers, durations,
 * counts of things, from/to changes, number words with a unit and change verbs.
 * Years, dates, versions, times of day and list numbering are not outcomes.
 */
import { ownCopy } from './own-copy';

// Exact amounts in words. "A few", "a couple of", "dozens" and "hundreds" say an amount
// without giving one, so they are not here.
const TENS = 'twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety';
const NUMBER_WORDS = `(?:${TENS})-(?:one|two|three|four|five|six|seven|eight|nine)|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|${TENS}|hundred|a hundred|thousand|a thousand|dozen|a dozen|half|a half|a single`;
/** "two million", "half a million", "a billion": an amount in words with its scale. */
const SCALED_WORDS = `(?:(?:${NUMBER_WORDS}|half a|a)\\s+(?:thousand|million|billion)|${NUMBER_WORDS})`;
// A number starts where one does not already run (`1,1,1,…`): a start inside one re-read the
// rest of it at every digit, quadratic in its length.
const NUM = String.raw`(?<!\d|\d[.,])\d+(?:[.,]\d+)*`;
// A word start: what `\b` means before a letter or digit. A leading `\b` in a /iu pattern
// made V8 5-15x slower here (measured on the bench's Results), and Results are re-read on
// every pause in typing.
const W = '(?<![A-Za-z0-9_])';
const DURATION_UNIT = String.raw`(?:ms|milliseconds?|µs|us|ns|s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|days?|weeks?|wks?|months?|mos?|quarters?|years?|yrs?|sprints?|business days?|working days?)`;
const SIZE_UNIT = String.raw`(?:kb|mb|gb|tb|pb|k|m|bn|b|million|billion|thousand|rps|qps|tps|req\/s|fps|pts?|points?|percentage points?|pp|bps|basis points?)`;

// Counts attached to a noun: "12 action items", "0 incidents", "40+ customers", "14 new enterprise customers".
const COUNT_PATTERN = new RegExp(String.raw`(?<![\p{L}\d.#:/+-])${NUM}\+?\s[\p{L}][\p{L}-]+(?:\s[\p{L}][\p{L}-]+){0,2}`, 'giu');

/** What a measurable outcome is: a from/to change carries its own baseline. */
export type MetricKind = 'percent' | 'money' | 'multiple' | 'change' | 'duration' | 'share' | 'zero' | 'size' | 'count';

const PATTERNS: Array<[MetricKind, RegExp]> = [
  // Percentages and money.
  ['percent', new RegExp(String.raw`[-+~]?${NUM}\s?(?:%|percent\b|per cent\b|pct\b)`, 'giu')],
  ['percent', new RegExp(String.raw`${W}(?:${NUMBER_WORDS})\s(?:percent|per cent)\b`, 'giu')],
  ['money', new RegExp(String.raw`(?:[$€£¥₹]|USD\s?|EUR\s?|GBP\s?)\s?${NUM}(?:\s?(?:k|m|mm|bn|b|million|billion|thousand)\b)?(?:\s?(?:\/|per)\s?(?:year|month|yr|mo|quarter))?`, 'giu')],
  ['money', new RegExp(String.raw`${W}${NUM}\s?(?:k|m|bn|million|billion|thousand)?\s?(?:dollars|euros|pounds|usd|eur|gbp)\b`, 'giu')],
  ['money', new RegExp(String.raw`${W}${SCALED_WORDS}\s(?:dollars|euros|pounds)\b`, 'giu')],
  // Multipliers and change verbs.
  ['multiple', new RegExp(String.raw`${W}${NUM}\s?(?:x|×)(?![\p{L}\d])|${W}${NUM}-fold\b|${W}(?:two|three|four|five|ten)-fold\b`, 'giu')],
  ['multiple', new RegExp(String.raw`${W}(?:doubled|halved|tripled|quadrupled|cut (?:it |that |this )?in half)\b`, 'giu')],
  // "twice the volume", "three times faster", "eightfold", "by a factor of three".
  ['multiple', new RegExp(String.raw`${W}(?:twice|thrice|(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+times)\s+(?:the|as|more|faster|fewer|less|higher|lower|bigger|smaller|over)\b|${W}(?:two|three|four|five|six|seven|eight|nine|ten|twenty|hundred|thousand)fold\b|${W}(?:by\s+)?a factor of\s+(?:${NUM}|${NUMBER_WORDS})\b`, 'giu')],
  // From/to changes: "from 1.8 s to 340 ms", "from two days to four hours", "from 3 a month to none".
  ['change', new RegExp(String.raw`${W}from\s+(?:about\s+|around\s+|roughly\s+)?(?:[$€£]?${NUM}|${NUMBER_WORDS})(?:k|m|bn)?\b[^.;\n]{0,40}?\bto\s+(?:under\s+|about\s+|around\s+|fewer than\s+|less than\s+|more than\s+|over\s+|below\s+|above\s+|just\s+)?(?:[$€£]?${NUM}|${NUMBER_WORDS}|none|nothing)(?:k|m|bn)?\b(?:\s?(?:%|${DURATION_UNIT}\b|${SIZE_UNIT}\b))?(?:\s?(?:\/|per\s)\s?[\p{L}]+)?`, 'giu')],
  // "2→7", "60% -> 85%", "6개월 → 10개월": a change written with an arrow, each end with its unit.
  ['change', new RegExp(String.raw`${W}[$€£]?${NUM}(?:\s?(?:%|${DURATION_UNIT}(?![\p{L}])|${SIZE_UNIT}(?![\p{L}]))|\p{L}{1,3}(?![\p{L}]))?\s*(?:→|⟶|➝|->|=>)\s*[~≈]?[$€£]?${NUM}(?:\s?(?:%|${DURATION_UNIT}(?![\p{L}])|${SIZE_UNIT}(?![\p{L}]))|\p{L}{1,3}(?![\p{L}]))?`, 'giu')],
  // "fell to 0", "dropped to 3": the level a count reached (with a unit, the unit's own pattern finds it).
  ['count', new RegExp(String.raw`${W}(?:fell|dropped|decreased|declined|shrank|rose|grew|climbed|increased|cut|reduced|brought it|got it)(?:\s+(?:down|up|back))?\s+to\s+(?:under\s+|below\s+|just\s+)?(?:${NUM}|zero)(?![\p{L}\d%$€£]|\s?(?:${DURATION_UNIT}|${SIZE_UNIT})(?![\p{L}]))`, 'giu')],
  // "from a week to a day": both ends a single unit.
  ['change', new RegExp(String.raw`${W}from\s+(?:a|an|one|half an?)\s+${DURATION_UNIT}\s+to\s+(?:a|an|one|half an?|under an?|less than an?)\s+${DURATION_UNIT}\b`, 'giu')],
  // "in a single day", "one index": exactly one of something.
  ['count', new RegExp(String.raw`${W}a single\s+[\p{L}][\p{L}-]{2,}(?![\p{L}-])|${W}(?:added|removed|needed|took|with|in|to|after)\s+(?:just\s+|only\s+)?one\s+(?!of\b|more\b|another\b|thing\b|way\b|point\b|side\b|time\b)[\p{L}][\p{L}-]{2,}(?![\p{L}-])`, 'giu')],
  // "one more day", "two extra weeks": a delay or a saving counted in units.
  ['duration', new RegExp(String.raw`${W}(?:${NUM}|${NUMBER_WORDS}|a|an)\s+(?:more|extra|additional)\s+${DURATION_UNIT}(?![\p{L}])`, 'giu')],
  // "in a quarter", "within a week", "took an hour", "a week early": one unit, said in words.
  ['duration', new RegExp(String.raw`${W}(?:in|within|under|took|takes|take|saved|after|over|by)\s+(?:about\s+|less than\s+|just\s+)?(?:a|an|half an?|one)\s+(?:${DURATION_UNIT})\b|${W}(?:a|an|one)\s+(?:day|week|month|quarter|sprint|year)\s+(?:early|earlier|ahead|sooner)\b`, 'giu')],
  // "cut costs by half", "fell by a third", "in half".
  ['share', new RegExp(String.raw`${W}(?:by|in)\s+(?:half|a half|a third|two thirds|a quarter|three quarters)\b`, 'giu')],
  // "zero downtime": zero of anything is a count.
  ['zero', new RegExp(String.raw`${W}zero\s+[\p{L}][\p{L}-]{2,}(?:\s+[\p{L}][\p{L}-]{2,}s\b)?`, 'giu')],
  // Durations and sizes with a unit.
  ['duration', new RegExp(String.raw`${W}${NUM}\s?${DURATION_UNIT}(?![\p{L}])`, 'giu')],
  ['size', new RegExp(String.raw`${W}${NUM}\s?${SIZE_UNIT}(?![\p{L}\d.])`, 'giu')],
  // Number words with a unit: "three days", "a dozen customers".
  // ("two loss-making routes" is not "two loss": the word must end there.)
  ['count', new RegExp(String.raw`${W}(?:${NUMBER_WORDS})(?:\s|-)(?:${DURATION_UNIT}|[\p{L}-]{3,}s)(?![\p{L}-])`, 'giu')],
  ['count', COUNT_PATTERN],
];

const MONTHS = 'jan|january|feb|february|mar|march|apr|april|may|jun|june|jul|july|aug|august|sep|sept|september|oct|october|nov|november|dec|december';
/** Words that follow a number without making it a count. */
const NOT_A_NOUN = new Set(
  'a an the and or but of to in on at by for with from as is was were are be been it its this that these those we i he she they you our my their his her which who when while if than then so also just only not no yes am pm st nd rd th one out up down over last next within without got get gets had has have did went came made took'.split(' '),
);
const MONTH_AFTER = new RegExp(String.raw`^(?:${MONTHS})\b`, 'i');
const MONTH_BEFORE = new RegExp(String.raw`${W}(?:${MONTHS})\.?\s*$`, 'i');
/** Words before a number that make it a name or an ordinal, not an amount. */
const LABEL_BEFORE = /\b(?:version|v|release|step|phase|stage|page|chapter|section|item|no|number|q|h|fy|sprint|iteration|round|level|tier|p|sev|day|week|year|top|rank|room|floor|line)\.?\s*#?$/i;
/** A capitalized name after a lower-case word: "moved to Python 3.11", "on Windows 11". */
const NAME_BEFORE = /[\p{Ll},]\s+\p{Lu}[\p{L}]*\s$/u;
const HAS_UNIT = new RegExp(String.raw`%|percent|pct|[x×]$|-fold|^[-+~]?[\d.,]+\s?${DURATION_UNIT}$|^[-+~]?[\d.,]+\s?${SIZE_UNIT}$`, 'i');

// Rejects numbers that are dates, years, versions, times of day, names or ordinals.
/** A number that sets a threshold or filter: "alerts at 80%", "orders over $10,000". */
const THRESHOLD_BEFORE = /\b(?:alerts?|alarms?|fires?|triggers?|pages?|orders?|transactions?|payments?|invoices?|requests?|tickets?|accounts?|claims?|refunds?|thresholds?|limits?|when|if|anything|everything)\s+(?:at|over|above|under|below|exceeding|of|>|≥|<|≤)\s*$/i;
/**
 * A rule's condition, said in the present tense: "when usage is > 70%", "if the queue reaches
 * 500", "suppliers earning over $10,000". What changed is told in the past tense.
 */
const COMPARATOR = String.raw`(?:over|above|under|below|beyond|past|more than|less than|at least|upwards of|(?<![-=])>=?|<=?|≥|≤)`;
const CONDITION_BEFORE = new RegExp(
  String.raw`(?:\b(?:when|whenever|if|once|unless)\b[^.;:!?\n]{0,50}?\b(?:is|are|exceeds|reaches|hits|crosses|goes|rises|drops|falls|gets)(?:\s+${COMPARATOR})?|\b(?:earns?|earning|spends?|spending|costs?|costing|priced|valued|weighs?|weighing|exceeds|exceeding)\s+${COMPARATOR})\s*$`,
  'i',
);
/** "One day it might…": "one day" that opens a sentence means "some day", not a length of time. */
const SOME_DAY = /^one\s+day$/i;
const SENTENCE_OPENING = /(?:^|[.!?:;]\s+|\n\s*|\b(?:and|but|maybe|perhaps|hopefully)\s+)$/i;
/** What someone started with is not an outcome: "with zero finance background". */
const STARTING_CONDITION = /^zero\s+(?:[\p{L}-]+\s+)?(?:experience|background|knowledge|context|training|idea|familiarity|budget|support)\b/iu;

/** A duration the match opens with: "6 months", "two quarters", "3 years" of "3 years in Lisbon". */
const DURATION_LEAD = new RegExp(String.raw`^(?:[-+~]?\d[\d.,]*|${NUMBER_WORDS})[\s-]?(?:${DURATION_UNIT})(?![\p{L}])`, 'iu');
/**
 * Words around a duration that make it say when something was seen, not what changed:
 * "six months later", "after 14 years", "over the next two quarters", "the 3 years in
 * China". "Within a week" and "in 30 minutes" stay outcomes.
 */
const WHEN_AFTER = /^\s*(?:later|afterwards?|ago)\b/i;
const WHEN_BEFORE = /(?:\bafter|\b(?:over|for|during|across)\s+the\s+(?:next|past|following|last|first))\s*$/i;
const THE_BEFORE = /\bthe\s*$/i;
const PLACE_OR_PART_AFTER = /^\s+(?:in|at|of)\b/i;

function isWhenNotOutcome(match: string, text: string, index: number): boolean {
  const lead = DURATION_LEAD.exec(match);
  if (!lead) return false;
  const before = text.slice(Math.max(0, index - 30), index);
  const after = text.slice(index + lead[0].length, index + lead[0].length + 12);
  return WHEN_AFTER.test(after) || WHEN_BEFORE.test(before) || (THE_BEFORE.test(before) && PLACE_OR_PART_AFTER.test(after));
}

function isFalsePositive(match: string, text: string, index: number): boolean {
  const lead = text.slice(Math.max(0, index - 80), index);
  if (THRESHOLD_BEFORE.test(lead.slice(-40)) || CONDITION_BEFORE.test(lead)) return true;
  if (SOME_DAY.test(match) && SENTENCE_OPENING.test(lead)) return true;
  if (isWhenNotOutcome(match, text, index)) return true;
  if (STARTING_CONDITION.test(match + text.slice(index + match.length, index + match.length + 30))) return true;
  // "N+1 query": a name, not a count.
  if (/[A-Za-z]\+$/.test(text.slice(Math.max(0, index - 2), index))) return true;
  // "from 2019 to 2021" is a period, not a change.
  if (/^(?:from|between)\s+(?:19|20)\d{2}\s+(?:to|and|until)\s+(?:19|20)\d{2}$/i.test(match)) return true;
  const number = /^[-+~]?(\d+(?:[.,]\d+)*)/.exec(match)?.[1];
  if (!number) return false;
  const before = text.slice(Math.max(0, index - 24), index);
  const after = text.slice(index + match.length, index + match.length + 12);
  const rest = match.slice(match.indexOf(number) + number.length).trim();
  const hasUnit = HAS_UNIT.test(match);
  if (/^\d+\.\d+\.\d+/.test(number) || /\bv$/i.test(before)) return true;
  if (/^[-/]\d/.test(after) || /\d[-/]$/.test(before)) return true;
  if (/^(?::\d{2}|\s?(?:am|pm|a\.m\.|p\.m\.)(?![\p{L}]))/iu.test(after) || /^(?:am|pm)\b/i.test(rest)) return true;
  if (MONTH_BEFORE.test(before) || MONTH_AFTER.test(rest)) return true;
  // "room 4B", "sprint 3", "step 2": a name or an ordinal, unless it is a share, money or a multiple.
  if (LABEL_BEFORE.test(before) && !/[%$€£¥×]|\dx$|percent/i.test(match)) return true;
  if (/^(?:19|20)\d{2}$/.test(number) && !/%|[$€£]/.test(match)) return true;
  const [firstWord, secondWord] = rest.split(/\s+/).map((word) => word.toLowerCase().replace(/[^\p{L}.-]/gu, ''));
  if (firstWord && NOT_A_NOUN.has(firstWord)) return true;
  // "a team of 5 shipped v3": a number before a verb is not a count of anything.
  if (!hasUnit && firstWord?.endsWith('ed') && (!secondWord || NOT_A_NOUN.has(secondWord))) return true;
  return NAME_BEFORE.test(before) && !hasUnit;
}

// "12 action items and" keeps "12 action items"; "40 customers signed" keeps "40 customers";
// "14 new enterprise customers" stays whole: a count runs to its first plural noun.
function trimCount(value: string): string {
  const words = value.split(/\s+/);
  if (words.length < 3 || !/^\d/.test(words[0])) return value;
  const plural = words.findIndex((word, index) => index > 0 && /s$/i.test(word) && !NOT_A_NOUN.has(word.toLowerCase()));
  if (plural > 0) return words.slice(0, plural + 1).join(' ');
  const keep = NOT_A_NOUN.has(words[2].toLowerCase()) ? 2 : 3;
  return words.slice(0, keep).join(' ');
}

/** One measurable outcome and where it is in the text it was found in. */
export interface Metric {
  text: string;
  kind: MetricKind;
  start: number;
  end: number;
}

/** Texts looked at lately and what was found in them: a Result's text is read by the analysis, the score and two rules. */
const recent = new Map<string, readonly Metric[]>();
const RECENT_TEXTS = 1_000;

/** The measurable outcomes in a text with their kinds and offsets, in order, without overlaps. */
export function findMetricDetails(text: string): Metric[] {
  let metrics = recent.get(text);
  if (!metrics) {
    // Kept as a copy of its own (and the metrics' texts cut from that): the Result's text is a
    // slice of its block, which an entry kept after an edit would otherwise hold alive.
    const own = ownCopy(text);
    metrics = detectMetrics(own);
    if (recent.size >= RECENT_TEXTS) recent.delete(recent.keys().next().value as string);
    recent.set(own, metrics);
  }
  // Copies, so a caller that changes its result cannot change the next one.
  return metrics.map((metric) => ({ ...metric }));
}

/** findMetricDetails without the memory of recent texts (for tests that time the detector itself). */
export function detectMetrics(text: string): Metric[] {
  const found: Array<Metric & { rank: number }> = [];
  for (const [kind, pattern] of PATTERNS) {
    // A bare count ("15 percent lift") yields to a unit match ("15 percent") it overlaps.
    const rank = pattern === COUNT_PATTERN ? 0 : 1;
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      const value = match[0].trim();
      if (!value || isFalsePositive(value, text, match.index + match[0].indexOf(value))) continue;
      found.push({ start: match.index, end: match.index + match[0].length, text: kind === 'change' ? value.replace(/\s+/g, ' ') : trimCount(value.replace(/\s+/g, ' ')), kind, rank });
    }
  }
  // Keep the longest of overlapping matches: "from 1.8 s to 340 ms" over "1.8 s".
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: typeof found = [];
  for (const candidate of found) {
    const last = kept[kept.length - 1];
    if (last && candidate.start < last.end) {
      const better = candidate.rank !== last.rank ? candidate.rank > last.rank : candidate.end - candidate.start > last.end - last.start;
      if (better) kept[kept.length - 1] = candidate;
      continue;
    }
    kept.push(candidate);
  }
  return kept.map(({ text: value, kind, start, end }) => ({ text: value, kind, start, end }));
}

/** The measurable outcomes in a text, in order of appearance, without overlaps. */
export function findMetrics(text: string): string[] {
  return findMetricDetails(text).map((m) => m.text);
}

/** Words that say an amount without giving one. */
const VAGUE = new RegExp(
  String.raw`${W}(?:significantly|substantially|considerably|dramatically|drastically|greatly|hugely|massively|vastly|tremendously|enormously|a lot|lots|much (?:better|faster|higher|lower|smoother|happier|more|less|fewer)|a great deal|noticeably|markedly|way (?:better|faster|more|less))(?![\p{L}])`,
  'giu',
);
/** A change said in words: a verb of rising or falling, or a comparison. */
const CHANGE_WORDS = new RegExp(
  String.raw`${W}(?:cut|cuts|reduc\w*|lower\w*|rais\w*|increas\w*|decreas\w*|grew|grow\w*|rose|risen|fell|fallen|dropp\w*|drop|improv\w*|sav\w*|shrank|shrunk|boost\w*|doubled|halved|tripled|climb\w*|jump\w*|gain\w*|lift\w*|speed\w* up|sped up|faster|slower|fewer|more|less|higher|lower|up|down|from|to)(?![\p{L}])`,
  'iu',
);
/** What the figure was before: "from 40", "down from", "was 3 a month", "before", "baseline", "compared with". */
const BASELINE_WORDS = new RegExp(
  String.raw`${W}(?:from|before|previously|prior|baseline|compared (?:with|to)|versus|vs|than|was|were|used to|had been|instead of|the old|the previous|the last|last (?:year|quarter|month|sprint|release))(?![\p{L}])`,
  'iu',
);
/** When: a period, a deadline or a rate ("in two weeks", "by Q3", "per month", "from 2019 to 2021", "that quarter"). */
const TIME_FRAME = new RegExp(
  String.raw`${W}(?:(?:in|within|over|after|across|during|for|by|inside|under)\s+(?:the\s+(?:first|next|following|same)\s+)?(?:about\s+|roughly\s+|just\s+|less than\s+)?(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|a few|several|\d+(?:[.,]\d+)?)[\s-]*(?:${DURATION_UNIT}|business days?|working days?)|(?:per|a|an|each|every|a single|that|this|the next|the following|the same|that same|next|following)\s+(?:${DURATION_UNIT}|launch|release|season|semester|half)|by\s+(?:the\s+end|end|q[1-4]|h[12]|(?:${MONTHS})|(?:19|20)\d{2}|launch|release|the deadline|(?:day|week|month|sprint|quarter)\s+(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)|the\s+(?:first|second|third|fourth|fifth|\d+(?:st|nd|rd|th))\s+(?:day|week|month|sprint|quarter))|(?:year|quarter|month|week)[\s-]over[\s-](?:year|quarter|month|week)|(?:yoy|qoq|mom|wow)|since\s|(?:from|between)\s+(?:19|20)\d{2}\s+(?:to|and|until)\s+(?:19|20)\d{2}|in\s+(?:19|20)\d{2}|(?:q[1-4]|h[12]|fy\d{2,4})\b|(?:${DURATION_UNIT})\s+(?:later|after)|(?:annual|annually|monthly|weekly|daily|quarterly|nightly))(?![\p{L}])`,
  'iu',
);

/**
 * The parts of a stated result that an interviewer listens for, and what was found:
 * the figures, whether a baseline, a change and a time frame are given, and any
 * vague amounts ("significantly", "a lot") said instead of figures.
 */
export interface ResultEvidence {
  metrics: Metric[];
  /** A from/to figure, or a word that says what it was before. */
  baseline: boolean;
  /** A change: a from/to figure, a multiple, or a rising or falling word near a figure. */
  change: boolean;
  /** A period, deadline or rate. A span of years ("from 2019 to 2021") is a period, not a change. */
  timeFrame: boolean;
  vague: Array<{ text: string; start: number; end: number }>;
}

/** The baseline, change and time frame of a Result's text, from the same detector as `findMetrics`. */
export function resultEvidence(text: string): ResultEvidence {
  const metrics = findMetricDetails(text);
  const vague: ResultEvidence['vague'] = [];
  VAGUE.lastIndex = 0;
  for (let match = VAGUE.exec(text); match; match = VAGUE.exec(text)) vague.push({ text: match[0], start: match.index, end: match.index + match[0].length });
  // A span of years reads "from 2019 to 2021": blank it before looking for a change.
  const withoutPeriods = text.replace(/\b(?:from|between)\s+(?:19|20)\d{2}\s+(?:to|and|until)\s+(?:19|20)\d{2}\b/gi, (m) => ' '.repeat(m.length));
  const near = (metric: Metric, pattern: RegExp): boolean => {
    const sentenceStart = Math.max(withoutPeriods.lastIndexOf('.', metric.start - 2), withoutPeriods.lastIndexOf('\n', metric.start - 1)) + 1;
    const stops = /[.\n;]/g;
    stops.lastIndex = metric.end;
    const sentenceEnd = stops.exec(withoutPeriods)?.index ?? withoutPeriods.length;
    const around = withoutPeriods.slice(sentenceStart, metric.start) + ' ' + withoutPeriods.slice(metric.end, sentenceEnd);
    return pattern.test(around);
  };
  const hasChange = (m: Metric): boolean => m.kind === 'change' || m.kind === 'multiple' || m.kind === 'share' || near(m, CHANGE_WORDS);
  return {
    metrics,
    baseline: metrics.some((m) => m.kind === 'change' || near(m, BASELINE_WORDS)),
    change: metrics.some(hasChange),
    timeFrame: TIME_FRAME.test(text) || metrics.some((m) => m.kind === 'duration' && /^(?:in|within|over|after|by)\b/i.test(m.text)),
    vague,
  };
}
