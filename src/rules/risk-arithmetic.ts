import type { Answer } from '../core/types';
import { offsetRange, type Finding, type Rule } from './rule';

const NUM = String.raw`(\d+(?:[.,]\d+)?)(\s?%)?`;
const IS = String.raw`\s*(?:\([^)\n]{0,30}\)\s*)?(?:=|≈|~|:|≅|\bis\b|\bof\b|\bat\b|\baround\b|\babout\b)\s*(?:about\s+|around\s+|roughly\s+)?`;
const PROBABILITY = new RegExp(String.raw`(?<![\p{L}])(?:P|Pr|prob(?:ability)?|likelihood)${IS}${NUM}`, 'giu');
const IMPACT = new RegExp(String.raw`(?<![\p{L}])(?:I|impact|severity|consequence)${IS}${NUM}`, 'gu');
const IMPACT_WORD = new RegExp(String.raw`(?<![\p{L}])(?:impact|severity|consequence)${IS}${NUM}`, 'giu');
// "R = 1.5", "risk score = P × I = 1.5", "risk = 0.3 × 5 = 1.5".
const RISK = new RegExp(String.raw`(?<![\p{L}])(?:R|risk(?:\s+score)?|exposure)${IS}(?:P\s*[×x*·]\s*I\s*=\s*)?(?:[\d.,]+\s*%?\s*[×x*·]\s*[\d.,]+\s*=\s*)?${NUM}(?![\d.]*\s*[×x*·])`, 'giu');
// "0.3 × 5 = 1.8": a product written out.
const PRODUCT = /(?<![\d.])(\d+(?:[.,]\d+)?)(\s?%)?\s*[×x*·]\s*(\d+(?:[.,]\d+)?)\s*=\s*(\d+(?:[.,]\d+)?)/gu;
const COMPARISON = new RegExp(
  String.raw`(?<![\p{L}])(above|over|exceeds?|exceeding|exceeded|beyond|higher than|greater than|more than|below|under|within|lower than|less than|inside)\s+(?:our|the|a|my|their|its)?\s*(?:risk\s+)?(?:tolerance|threshold|appetite|limit|cut-?off|bar|line)(?:\s+of)?\s*(?:\(\s*)?${NUM}`,
  'giu',
);

/** A paragraph that may state a probability. */
const NAMES_PROBABILITY = /probab|likelihood|\bPr?\s*[=≈~:(]/i;
/**
 * A product sign, as PRODUCT takes one: without it no product is written out. (A `*` only
 * between digits: bold labels put one in almost every answer.)
 */
const PRODUCT_SIGN = /[×·]|\d\s?%?\s*[x*]\s*\d/i;

const toNumber = (digits: string, percent?: string): number => {
  const value = Number(digits.replace(',', '.'));
  return percent ? value / 100 : value;
};
const decimals = (digits: string): number => (digits.split(/[.,]/)[1] ?? '').length;
/** The stated figure agrees with the product when it is the product rounded to the figure's decimals. */
const agrees = (stated: string, product: number): boolean => Math.abs(toNumber(stated) - product) <= 0.5 * 10 ** -decimals(stated) + 1e-9;
const show = (n: number): string => String(Math.round(n * 1000) / 1000);

interface Found {
  value: number;
  digits: string;
  start: number;
  end: number;
}

function first(pattern: RegExp, paragraph: string, offset: number): Found | null {
  pattern.lastIndex = 0;
  const match = pattern.exec(paragraph);
  if (!match) return null;
  const digits = match[match.length - 2];
  const end = match.index + match[0].length;
  const start = end - match[0].length + match[0].lastIndexOf(digits);
  return { value: toNumber(digits, match[match.length - 1]), digits, start: offset + start, end: offset + start + digits.length };
}

export interface RiskProblem {
  start: number;
  end: number;
  message: string;
}

// Within one analysis the rule and the score ask about the same Answer object: read it once.
const checked = new WeakMap<Answer, { text: string; problems: RiskProblem[] }>();

/** Risk scores stated as probability × impact whose product or comparison does not hold. */
export function riskProblems(text: string, answer: Answer): RiskProblem[] {
  const seen = checked.get(answer);
  if (seen && seen.text === text) return seen.problems;
  const problems = readRiskProblems(text, answer);
  checked.set(answer, { text, problems });
  return problems;
}

function readRiskProblems(text: string, answer: Answer): RiskProblem[] {
  const problems: RiskProblem[] = [];
  const base = answer.range.start.offset;
  const source = text.slice(base, answer.range.end.offset);
  // Most answers state no risk figure: a product needs its sign, a named score its probability
  // ("impact" alone, a common word in stories, gives neither check anything to read).
  const signed = PRODUCT_SIGN.test(source);
  const namesProbability = NAMES_PROBABILITY.test(source);
  if (!signed && !namesProbability) return problems;
  // Products written out, anywhere in the answer.
  PRODUCT.lastIndex = 0;
  for (let m = signed ? PRODUCT.exec(source) : null; m; m = PRODUCT.exec(source)) {
    const product = toNumber(m[1], m[2]) * toNumber(m[3]);
    if (agrees(m[4], product)) continue;
    const start = base + m.index + m[0].lastIndexOf(m[4]);
    problems.push({ start, end: start + m[4].length, message: `${m[1]}${m[2] ?? ''} × ${m[3]} is ${show(product)}, not ${m[4]}. Fix the product, or the figure it rests on, before an interviewer does the sum.` });
  }
  // Named figures, a paragraph at a time: "Probability ≈ 0.3; Impact = 5; R = 1.5 … above our tolerance of 1.0".
  // A paragraph names a probability only where the whole answer does.
  const paragraphs = /[^\n]+(?:\n(?![ \t>]*\n)[^\n]+)*/g;
  for (let p = namesProbability ? paragraphs.exec(source) : null; p; p = paragraphs.exec(source)) {
    const paragraph = p[0];
    if (!NAMES_PROBABILITY.test(paragraph)) continue;
    const offset = base + p.index;
    const probability = first(PROBABILITY, paragraph, offset);
    const impact = first(IMPACT_WORD, paragraph, offset) ?? first(IMPACT, paragraph, offset);
    const risk = first(RISK, paragraph, offset);
    if (!probability || !impact) continue;
    const product = probability.value * impact.value;
    let score = product;
    if (risk && risk.start > impact.start - 200) {
      const alreadyFlagged = problems.some((q) => q.start === risk.start);
      if (!agrees(risk.digits, product) && !alreadyFlagged) {
        problems.push({
          start: risk.start,
          end: risk.end,
          message: `Probability ${probability.digits} × impact ${impact.digits} is ${show(product)}, not ${risk.digits}. Correct the risk score (or the probability or impact it comes from): an interviewer who checks the sum stops trusting the rest.`,
        });
      }
      score = product;
    }
    COMPARISON.lastIndex = 0;
    for (let c = COMPARISON.exec(paragraph); c; c = COMPARISON.exec(paragraph)) {
      const threshold = toNumber(c[2], c[3]);
      const says = /above|over|exceed|beyond|higher|greater|more/i.test(c[1]) ? 'above' : 'below';
      const is = score > threshold ? 'above' : score < threshold ? 'below' : 'equal';
      if (is === says) continue;
      const start = offset + c.index;
      problems.push({
        start,
        end: start + c[0].length,
        message:
          is === 'equal'
            ? `The risk score ${show(score)} equals the threshold of ${c[2]}; it is not ${says} it. Say which side of the line it falls on, and what that means for the decision.`
            : `The risk score ${show(score)} (probability ${probability.digits} × impact ${impact.digits}) is ${is} the threshold of ${c[2]}, not ${says} it. Fix the comparison, or the decision that rests on it.`,
      });
    }
  }
  return problems.sort((a, b) => a.start - b.start);
}

export const riskArithmetic: Rule = {
  id: 'STAR015',
  alias: 'risk-arithmetic',
  description: 'A risk score stated as probability × impact does not match its product, or its comparison with a stated threshold is wrong.',
  defaultSeverity: 'warning',
  check({ text, lines, answer }): Finding[] {
    return riskProblems(text, answer).map((problem) => ({
      message: problem.message,
      range: offsetRange(lines, problem.start, problem.end),
      sections: [],
      edit: null,
    }));
  },
};
