#!/usr/bin/env node
// `npm test`: runs each stage in order, passes its output through unchanged, stops at the
// first stage that fails, and ends with one closing line that adds up every stage's
// counts ("tests: N passed, N failed, N skipped"), so a reader of the log (or CI) sees
// the whole run's figures without scrolling through five runners' summaries.
//
//   node scripts/test.mjs            every stage
//   node scripts/test.mjs unit web   only the named stages, in the order given here
import { spawn } from 'node:child_process';

/** Each stage is one npm script; `counts` reads its summary lines. */
const STAGES = [
  { name: 'typecheck', args: ['run', 'typecheck'], counted: false },
  { name: 'unit', args: ['run', 'test:unit'] },
  { name: 'web', args: ['run', 'test:web'] },
  { name: 'e2e', args: ['run', 'test:e2e'] },
  { name: 'integration', args: ['run', 'test:integration', '--', '--code-server'] },
];

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/**
 * The counts in one stage's output. Mocha closes with "N passing", "N failing" and
 * "N pending" lines; the web worker suite with "N passing, N failing (…)"; the browser
 * host check is one test that says "[web e2e] passed in …".
 */
export function counts(output) {
  const total = { passed: 0, failed: 0, skipped: 0 };
  for (const raw of output.split(/\r?\n/)) {
    const line = raw.replace(ANSI, '').trim();
    let m;
    if ((m = /^(\d+) passing, (\d+) failing\b/.exec(line))) {
      total.passed += Number(m[1]);
      total.failed += Number(m[2]);
    } else if ((m = /^(\d+) passing\b/.exec(line))) total.passed += Number(m[1]);
    else if ((m = /^(\d+) failing\b/.exec(line))) total.failed += Number(m[1]);
    else if ((m = /^(\d+) pending\b/.exec(line))) total.skipped += Number(m[1]);
    else if (/^\[web e2e\] passed in /.test(line)) total.passed += 1;
  }
  return total;
}

/** Jest's "Tests:" line and TAP's closing comments, for the totals of every stage. */
export function closingSummary({ passed, failed, skipped }) {
  const all = passed + failed + skipped;
  const parts = [failed ? `${failed} failed` : '', skipped ? `${skipped} skipped` : '', `${passed} passed`].filter(Boolean);
  return [
    `Tests:       ${parts.join(', ')}, ${all} total`,
    `# tests ${all}`,
    `# pass ${passed}`,
    `# fail ${failed}`,
    `# skip ${skipped}`,
  ].join('\n');
}

function run(stage) {
  return new Promise((resolve) => {
    const child = spawn('npm', stage.args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      process.stderr.write(chunk);
      output += chunk;
    });
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

async function main() {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !STAGES.some((s) => s.name === name));
  if (unknown.length > 0) {
    console.error(`unknown stage: ${unknown.join(', ')} (stages: ${STAGES.map((s) => s.name).join(', ')})`);
    process.exit(2);
  }
  const total = { passed: 0, failed: 0, skipped: 0 };
  const ran = [];
  let exitCode = 0;
  for (const stage of STAGES.filter((s) => wanted.length === 0 || wanted.includes(s.name))) {
    const { code, output } = await run(stage);
    const stageCounts = stage.counted === false ? undefined : counts(output);
    if (stageCounts) for (const key of Object.keys(total)) total[key] += stageCounts[key];
    ran.push(`${stage.name} ${code === 0 ? 'ok' : `exit ${code}`}${stageCounts ? ` (${stageCounts.passed} passed)` : ''}`);
    if (code !== 0) {
      // A stage that failed without a "failing" line (a crash, a build error) still counts as one failure.
      if (stageCounts && stageCounts.failed === 0) total.failed += 1;
      exitCode = code;
      break;
    }
  }
  console.log(`\nstages: ${ran.join(', ')}`);
  console.log(`tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  // The same totals in the two summary forms most log readers know (Jest's and TAP's),
  // so a CI that recognises only one runner's format still finds the run's counts.
  console.log(closingSummary(total));
  process.exit(exitCode);
}

if (import.meta.url === `file://${process.argv[1]}`) void main();
