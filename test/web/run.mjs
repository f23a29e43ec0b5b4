#!/usr/bin/env node
// Runs test/web/suite.ts in a Web Worker in headless Chromium (Debian's /usr/bin/chromium,
// driven by playwright-core; nothing is downloaded). The suite is bundled with the web
// extension's esbuild options, so the build fails if the core, the bank or the config
// loader import any Node built-in, and the worker itself checks it has no Node globals.
//
//   node test/web/run.mjs          exit 0 when every test passes
//
// Runs that start Chromium go under the shared lock: flock /tmp/star-vscode.lock node test/web/run.mjs
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const esbuild = require('esbuild');
const { web } = require(path.join(ROOT, 'esbuild.js'));
const { chromium } = require('playwright-core');
const CHROMIUM = process.env.STAR_CHROMIUM ?? '/usr/bin/chromium';
const OUT = path.join(ROOT, '.cache', 'web-test');

/** The fixture groups test/unit/fixtures.test.ts checks against their .expected summaries (other folders serve other tests). */
const FIXTURE_GROUPS = ['labels', 'suppressions', 'not-drafts'];

function fixtures() {
  const base = path.join(ROOT, 'test', 'fixtures');
  const list = [];
  for (const group of FIXTURE_GROUPS) {
    for (const name of fs.readdirSync(path.join(base, group)).filter((f) => f.endsWith('.md')).sort()) {
      const file = path.join(base, group, name);
      const expectedFile = file.replace(/\.md$/, '.expected');
      if (!fs.existsSync(expectedFile)) throw new Error(`${path.relative(ROOT, expectedFile)} is missing`);
      list.push({ name: `${group}/${name}`, text: fs.readFileSync(file, 'utf8'), expected: fs.readFileSync(expectedFile, 'utf8') });
    }
  }
  return list;
}

function bankQuestionCount() {
  const dir = path.join(ROOT, 'src', 'bank', 'questions');
  return fs.readdirSync(dir).filter((f) => f.endsWith('.json')).reduce((n, f) => n + JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')).questions.length, 0);
}

const virtualFixtures = {
  name: 'web-fixtures',
  setup(build) {
    build.onResolve({ filter: /^virtual:web-fixtures$/ }, () => ({ path: 'web-fixtures', namespace: 'virtual' }));
    build.onLoad({ filter: /.*/, namespace: 'virtual' }, () => ({
      contents: `export const FIXTURES = ${JSON.stringify(fixtures())};\nexport const BANK_QUESTION_COUNT = ${bankQuestionCount()};\n`,
      loader: 'js',
    }));
  },
};

async function bundle() {
  fs.mkdirSync(OUT, { recursive: true });
  const outfile = path.join(OUT, 'suite.js');
  await esbuild.build({
    ...web,
    entryPoints: [path.join(ROOT, 'test', 'web', 'suite.ts')],
    outfile,
    format: 'iife',
    external: [],
    sourcemap: false,
    minify: false,
    logLevel: 'warning',
    plugins: [...web.plugins, virtualFixtures],
  });
  return outfile;
}

/** The browser build's analysis worker, bundled as esbuild.js bundles it, for the suite to start as a nested web worker. */
async function bundleAnalysisWorker() {
  const outfile = path.join(OUT, 'analysis-worker.js');
  await esbuild.build({ ...web, entryPoints: [path.join(ROOT, 'src', 'vscode', 'analysis-web-worker.ts')], outfile, format: 'iife', sourcemap: false, logLevel: 'warning' });
  return outfile;
}

function serve(files) {
  const server = createServer((request, response) => {
    const body = files[new URL(request.url, 'http://x').pathname];
    if (body === undefined) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': request.url.endsWith('.js') ? 'text/javascript' : 'text/html' }).end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function main() {
  const t0 = Date.now();
  const suite = await bundle();
  const size = fs.statSync(suite).size;
  const page = '<!doctype html><title>STAR Coach web worker tests</title>';
  const server = await serve({ '/': page, '/suite.js': fs.readFileSync(suite), '/analysis-worker.js': fs.readFileSync(await bundleAnalysisWorker()) });
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  let failed = 0;
  let count = 0;
  try {
    const tab = await browser.newPage();
    tab.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    await tab.goto(`${origin}/`);
    console.log(`web worker suite: ${(size / 1024).toFixed(0)} KiB bundle, Chromium ${browser.version()}`);
    await tab.exposeFunction('__report', (message) => {
      if (message.type !== 'result') return;
      count++;
      if (message.ok) console.log(`  ✔ ${message.name}`);
      else {
        failed++;
        console.log(`  ✘ ${message.name}\n${String(message.error).replace(/^/gm, '      ')}`);
      }
    });
    const summary = await tab.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const worker = new Worker('/suite.js');
          worker.onmessage = (event) => {
            if (event.data.type === 'done') resolve(event.data);
            else void window.__report(event.data);
          };
          worker.onerror = (event) => reject(new Error(`worker error: ${event.message} (${event.filename}:${event.lineno})`));
        }),
    );
    // Let the last exposed-function calls land before counting.
    await tab.evaluate(() => new Promise((resolve) => setTimeout(resolve, 50)));
    if (summary.count !== count) throw new Error(`the worker ran ${summary.count} tests but ${count} reported`);
  } finally {
    await browser.close();
    server.close();
  }
  console.log(`${count - failed} passing, ${failed} failing (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  process.exitCode = failed > 0 || count === 0 ? 1 : 0;
}

main().catch((error) => {
  console.error(error.stack ?? error);
  process.exitCode = 1;
});
