/** Seeded, realistic story banks for the benchmark: varied label styles, some parts missing. */
import { Random } from '../test/fuzz/random';

const QUESTIONS = [
  'Tell me about a time you balanced speed and quality',
  'Describe a situation where you disagreed with your manager',
  'Give an example of a time you failed',
  'Tell me about a time you influenced without authority',
  'Describe a time you made a decision with incomplete data',
  'Tell me about a time you improved a process',
];
const SENTENCES = [
  'Our checkout service timed out for 4% of orders during the spring sale.',
  'I owned the release plan and had to decide what could ship on the date.',
  'I ranked the remaining tickets by user impact and by how reversible they were.',
  'We moved three risky features behind remote flags and rolled out by canary.',
  'p95 latency fell from 1.8 s to 340 ms and errors dropped 60% in two weeks.',
  'I paired with the new engineer daily for two weeks, then weekly.',
  'The team had no runbook, so every page at night meant guesswork.',
  'I would write the rollback plan before the rollout plan next time.',
  'Leadership asked for better onboarding with no other brief.',
  'I interviewed eight new hires and mapped their first week hour by hour.',
];
const LABELS = ['Situation', 'Task', 'Action', 'Result', 'Reflection'];
const STYLES: Array<(label: string, body: string) => string> = [
  (l, b) => `**${l}:** ${b}\n\n`,
  (l, b) => `### ${l}\n\n${b}\n\n`,
  (l, b) => `- **${l}**: ${b}\n`,
  (l, b) => `${l}: ${b}\n`,
  (l, b) => `> __${l}__ - ${b}\n>\n`,
];

/** A story bank of about `words` words: answers in varied label styles, seeded. */
export function storyBank(words: number, seed = 42): string {
  const rng = new Random(seed);
  const next = (): number => rng.next();
  const pick = <T>(list: T[]): T => list[Math.floor(next() * list.length)];
  let text = '# Story bank\n\n';
  let count = 2;
  while (count < words) {
    const style = pick(STYLES);
    text += `## ${pick(QUESTIONS)}\n\n`;
    count += 9;
    for (const label of LABELS) {
      if (next() < 0.1) continue; // Some answers miss a part, as real drafts do.
      const body = Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(SENTENCES)).join(' ');
      text += style(label, body);
      count += body.split(/\s+/).length + 1;
    }
    text += '\n';
  }
  return text;
}

