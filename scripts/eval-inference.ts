/**
 * `npm run eval:inference`: how well STAR Coach infers the parts of an answer written as
 * plain prose. Takes labelled answers (our fixtures, the shared corpus in ../shared/corpus/,
 * and our own corpus texts in .cache/corpus/ when present), strips their labels, and scores
 * the inferred part of every sentence in two variants: one paragraph per part, and the whole
 * answer as one paragraph. Two baselines are computed on the same sentences: "quarters"
 * (four equal runs S/T/A/R) and a naive cue-word tagger (each sentence's strongest cue).
 *
 * The answers are split into a tuning set and a held-out set by a hash of the file name, so
 * the figures on held-out files show how the weights do on text they were not tuned on.
 *
 *   node --import tsx scripts/eval-inference.ts [--verbose] [--tune] [--json]
 * --tune  searches the decoder's weights on the tuning set only and prints the best found.
 * --params JSON  runs with these weights over the defaults (DecodeParams fields).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyze } from '../src/engine/analyze';
import { DEFAULT_PARAMS, inferParts, type DecodeParams } from '../src/core/inference';
import { quarters } from '../src/core/inference/decode';
import { cueScores, naiveCueTags } from '../src/core/inference/features';
import { answerText } from '../src/core/sentences';
import { SECTION_KINDS, type SectionKind } from '../src/core/types';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));

/** One labelled answer: its sections' sentences, each with the kinds its label covers. */
interface Sample {
  source: string;
  held: boolean;
  english: boolean;
  sections: Array<{ kinds: SectionKind[]; sentences: string[] }>;
}

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return walk(path);
    return /\.(?:md|markdown)$/i.test(entry.name) ? [path] : [];
  });
}

/** Answer keys by file name: which answers were read right (their first label's line and sections). */
function loadKey(path: string): Map<string, Map<number, string>> {
  const keys = new Map<string, Map<number, string>>();
  if (!existsSync(path)) return keys;
  type Entry = { answers?: Array<{ line: number; sections: string[] }> };
  const json = JSON.parse(readFileSync(path, 'utf8')) as { files?: Record<string, Entry> } & Record<string, Entry>;
  for (const [name, entry] of Object.entries(json.files ?? json)) {
    if (name.startsWith('_') || !entry.answers) continue;
    keys.set(name, new Map(entry.answers.map((a) => [a.line, a.sections.join(',')])));
  }
  return keys;
}

const HELD_OUT_SHARE = 3; // one file in three
const heldOut = (name: string): boolean => createHash('sha1').update(name).digest()[0] % HELD_OUT_SHARE === 0;
const englishText = (text: string): boolean => /\b(?:the|and|to|of|I|we|was)\b/.test(text) && (text.match(/[A-Za-z]/g)?.length ?? 0) > 0.8 * (text.match(/\p{L}/gu)?.length ?? 1);

/** The labelled answers of one file, as the reader reads them (checked against a key when there is one). */
function samplesOf(path: string, name: string, key: Map<number, string> | undefined): Sample[] {
  const text = readFileSync(path, 'utf8');
  const result = analyze(text, { fileName: path, forceDraft: true });
  const samples: Sample[] = [];
  for (const answer of result.answers) {
    if (answer.sections.some((s) => s.inferred)) continue;
    const written = answer.sections.filter((s) => !s.empty);
    if (new Set(written.flatMap((s) => s.kinds)).size < 2) continue;
    if (key) {
      const expected = key.get(answer.sections[0].labelRange.start.line);
      const kinds = [...new Set(written.flatMap((s) => s.kinds))].filter((k) => SECTION_KINDS.includes(k));
      if (expected === undefined || expected !== SECTION_KINDS.filter((k) => kinds.includes(k)).join(',')) continue;
    }
    const tree = answerText(text, answer);
    const sections = tree.sections
      .filter((s) => !answer.sections[s.index].empty && s.sentences.length > 0)
      .map((s) => ({ kinds: s.kinds, sentences: s.sentences.map((sentence) => sentence.text.replace(/^[\s\p{P}\p{S}]+/u, '')).filter((t) => /\p{L}/u.test(t)) }))
      .filter((s) => s.sentences.length > 0);
    // A section's kinds must come in STAR order for the answer to be a fair test of an ordered decoder.
    const order = sections.map((s) => SECTION_KINDS.indexOf(s.kinds[0]));
    if (sections.length < 2 || order.some((o, i) => i > 0 && o <= order[i - 1])) continue;
    const all = sections.flatMap((s) => s.sentences).join(' ');
    samples.push({ source: name, held: heldOut(name), english: englishText(all), sections });
  }
  return samples;
}

function loadSamples(): { samples: Sample[]; notes: string[] } {
  const notes: string[] = [];
  const samples: Sample[] = [];
  for (const path of walk(join(root, 'test', 'fixtures'))) {
    if (path.includes(`${join('fixtures', 'not-drafts')}`) || path.includes(join('fixtures', 'inference'))) continue;
    samples.push(...samplesOf(path, relative(root, path), undefined));
  }
  const fixtureCount = samples.length;
  const shared = resolve(root, '..', 'shared', 'corpus');
  const sharedKey = loadKey(join(shared, 'key.json'));
  for (const path of walk(join(shared, 'files'))) {
    const name = path.split(/[\\/]/).pop()!;
    samples.push(...samplesOf(path, `shared/${name}`, sharedKey.get(name) ?? new Map()));
  }
  const sharedCount = samples.length - fixtureCount;
  const ownKey = loadKey(join(root, 'test', 'corpus', 'key.json'));
  const cache = join(root, '.cache', 'corpus');
  let ownFiles = 0;
  for (const [name, key] of ownKey) {
    const path = join(cache, name);
    if (!existsSync(path)) continue;
    ownFiles++;
    samples.push(...samplesOf(path, `own/${name}`, key));
  }
  notes.push(`fixtures: ${fixtureCount} answers; shared corpus: ${sharedCount} answers`);
  notes.push(ownFiles > 0 ? `own corpus: ${samples.length - fixtureCount - sharedCount} answers from ${ownFiles} of ${ownKey.size} files in .cache/corpus/` : `own corpus: skipped (.cache/corpus/ holds none of the ${ownKey.size} files in test/corpus/key.json)`);
  return { samples, notes };
}

/** Sentence labels of one sample under one method, in the sample's sentence order. */
/**
 * How the stripped answer is laid out: one paragraph per part; the whole answer as one
 * paragraph; or paragraphs of three sentences that ignore where parts begin (as people break
 * prose where they like, an Action over several paragraphs, a Situation and Task in one).
 */
type Layout = 'parts' | 'one' | 'threes';
const LAYOUTS: readonly Layout[] = ['parts', 'one', 'threes'];
type Method = (sample: Sample, layout: Layout) => SectionKind[];

/** Builds the prose text of a sample (labels stripped) and runs inference on it. */
function inferred(params: DecodeParams): Method {
  return (sample, layout) => {
    let text = '';
    const spans: Array<{ start: number; end: number }> = [];
    const starts: number[] = [];
    const all = sample.sections.flatMap((s) => s.sentences);
    const paragraphs =
      layout === 'parts' ? sample.sections.map((s) => s.sentences) : layout === 'one' ? [all] : Array.from({ length: Math.ceil(all.length / 3) }, (_, i) => all.slice(3 * i, 3 * i + 3));
    for (const paragraph of paragraphs) {
      if (text) text += '\n\n';
      const start = text.length;
      paragraph.forEach((sentence, i) => {
        if (i > 0) text += ' ';
        starts.push(text.length);
        text += /[.!?。！？]["'”’)]*$/.test(sentence) ? sentence : `${sentence}.`;
      });
      spans.push({ start, end: text.length });
    }
    const inference = inferParts(text, spans, params);
    // Each true sentence takes the part of the inferred sentence it starts in (or the last before).
    return starts.map((offset) => {
      let index = inference.sentences.findIndex((s) => s.end > offset);
      if (index < 0) index = inference.sentences.length - 1;
      return inference.kinds[index] ?? 'situation';
    });
  };
}

const quartersMethod: Method = (sample) => {
  const n = sample.sections.reduce((sum, s) => sum + s.sentences.length, 0);
  return quarters(n).map((k) => SECTION_KINDS[k]);
};
const naiveMethod: Method = (sample) => naiveCueTags(sample.sections.flatMap((s) => s.sentences));

interface Score {
  sentences: number;
  right: number;
  sections: number;
  found: number;
}

/** Sentence accuracy and section recall (a true section is found when the same part holds at least half its sentences). */
function score(samples: readonly Sample[], method: Method, layout: Layout): Score {
  const total: Score = { sentences: 0, right: 0, sections: 0, found: 0 };
  for (const sample of samples) {
    const labels = method(sample, layout);
    let i = 0;
    for (const section of sample.sections) {
      let right = 0;
      for (const _ of section.sentences) {
        if (section.kinds.includes(labels[i])) right++;
        i++;
      }
      total.sentences += section.sentences.length;
      total.right += right;
      total.sections++;
      if (right * 2 >= section.sentences.length) total.found++;
    }
  }
  return total;
}

const pct = (n: number, d: number): string => (d === 0 ? '  -  ' : `${((100 * n) / d).toFixed(1).padStart(5)}%`);

function report(label: string, samples: readonly Sample[], params: DecodeParams): Record<string, unknown> {
  const rows: Array<[string, Method]> = [
    ['inference', inferred(params)],
    ['quarters', quartersMethod],
    ['naive cues', naiveMethod],
  ];
  const sentenceCount = samples.reduce((sum, s) => sum + s.sections.reduce((t, x) => t + x.sentences.length, 0), 0);
  console.log(`\n${label}: ${samples.length} answers, ${sentenceCount} sentences`);
  console.log('  method       | one paragraph per part  | one paragraph           | paragraphs of 3 sentences');
  console.log('               | sentences  sections     | sentences  sections     | sentences  sections');
  const json: Record<string, unknown> = { answers: samples.length, sentences: sentenceCount };
  for (const [name, method] of rows) {
    const [a, b, c] = LAYOUTS.map((layout) => score(samples, method, layout));
    const cells = [a, b, c].map((x) => ` ${pct(x.right, x.sentences)}    ${pct(x.found, x.sections)}    `).join(' |');
    console.log(`  ${name.padEnd(12)} |${cells}`);
    const figures = (x: Score) => ({ accuracy: x.right / x.sentences, recall: x.found / x.sections });
    json[name] = { perPart: figures(a), oneParagraph: figures(b), threes: figures(c) };
  }
  return json;
}

/**
 * What tuning maximizes: the mean sentence accuracy over the three layouts, so that weights
 * that lean on paragraph breaks lining up with parts do not win.
 */
function objective(samples: readonly Sample[], params: DecodeParams): number {
  const method = inferred(params);
  return LAYOUTS.reduce((sum, layout) => {
    const x = score(samples, method, layout);
    return sum + x.right / x.sentences;
  }, 0) / LAYOUTS.length;
}

/** Coordinate search over the decoder's weights, on the tuning set only. */
function tune(samples: readonly Sample[]): DecodeParams {
  let best: DecodeParams = structuredClone(DEFAULT_PARAMS);
  let bestScore = objective(samples, best);
  const scalars: Array<keyof DecodeParams> = ['neighbour', 'paragraph', 'position', 'midParagraph', 'acrossParagraph', 'skip'];
  for (let round = 0; round < 3; round++) {
    for (const step of [0.5, 0.2, 0.1]) {
      for (const name of scalars) {
        for (const delta of [-step, step]) {
          const candidate = structuredClone(best);
          (candidate[name] as number) = Math.max(0, (candidate[name] as number) + delta * Math.max(1, best[name] as number));
          const s = objective(samples, candidate);
          if (s > bestScore + 1e-9) [best, bestScore] = [candidate, s];
        }
      }
      for (const vector of ['bias', 'centers'] as const) {
        for (let k = 0; k < 5; k++) {
          for (const delta of [-step, step]) {
            const candidate = structuredClone(best);
            candidate[vector][k] = Math.round((candidate[vector][k] + delta * (vector === 'centers' ? 0.2 : 1)) * 1000) / 1000;
            const s = objective(samples, candidate);
            if (s > bestScore + 1e-9) [best, bestScore] = [candidate, s];
          }
        }
      }
    }
    console.log(`tune round ${round + 1}: ${(100 * bestScore).toFixed(2)}% on the tuning set`);
  }
  return best;
}

function main(): void {
  const { samples, notes } = loadSamples();
  for (const note of notes) console.log(note);
  const english = samples.filter((s) => s.english);
  const tuning = english.filter((s) => !s.held);
  const held = english.filter((s) => s.held);
  // `--params '{"acrossParagraph":1.5}'`: try weights without editing the defaults.
  const given = process.argv.indexOf('--params');
  let params: DecodeParams = given > 0 ? { ...DEFAULT_PARAMS, ...JSON.parse(process.argv[given + 1]) } : DEFAULT_PARAMS;
  if (args.has('--tune')) {
    params = tune(tuning);
    console.log(JSON.stringify(params));
  }
  const json = {
    all: report('All English answers', english, params),
    tuning: report('Tuning set (two files in three)', tuning, params),
    heldOut: report('Held-out set (one file in three, by file-name hash)', held, params),
    otherLanguages: samples.length > english.length ? report('Answers in other languages (cues are English only)', samples.filter((s) => !s.english), params) : null,
  };
  if (args.has('--json')) console.log(JSON.stringify(json));
  if (args.has('--misses')) {
    // Sentences whose own part has no cue at all: where the cue data is thin.
    for (const sample of english.filter((s) => !s.held)) {
      for (const section of sample.sections) {
        const k = SECTION_KINDS.indexOf(section.kinds[0]);
        for (const sentence of section.sentences) if (cueScores(sentence)[k] < 0.5) console.log(`${section.kinds[0].padEnd(10)} ${sentence.slice(0, 140)}`);
      }
    }
  }
  if (args.has('--verbose')) {
    const method = inferred(params);
    for (const sample of english) {
      const labels = method(sample, 'one');
      const letter = (k: SectionKind): string => 'STARL'[SECTION_KINDS.indexOf(k)];
      const truth = sample.sections.flatMap((s) => s.sentences.map(() => letter(s.kinds[0])));
      const got = labels.map(letter);
      if (truth.join('') !== got.join('')) console.log(`${sample.source}\n  truth ${truth.join('')}\n  got   ${got.join('')}`);
    }
  }
}

main();
