#!/usr/bin/env node
// Builds the VS Code extension package (.vsix): `npm run package`, or
//   node scripts/package-vsix.mjs [-o OUT.vsix] [--no-build]
//
// The repository's package.json is also the command-line checker's npm package (`npm pack`:
// its `bin`, and .npmignore for what it holds), so the .vsix is packed from a staging
// folder instead, with a manifest that has no `bin`, no scripts and no dependencies, and
// with README.marketplace.md, the page written for users, as its README. What goes in is
// still decided by .vscodeignore.
//
// The shipped manifest also leaves out `repository`, `homepage` and `bugs`: they name a
// repository that is not online yet, and the extension page would link to nothing. (The
// code still reads them at build time, for the rule docs' URLs.) For the same reason the
// users' page has no screenshots: VS Code's extension page and the Marketplace show only
// https images, and with no repository online there is no https address for them. When
// there is one, add the images to README.marketplace.md and pass --baseImagesUrl.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** What is copied to the staging folder; .vscodeignore then picks the files that ship. */
export const STAGED = ['dist', 'media', 'snippets', 'docs', 'schemas', 'CHANGELOG.md', 'LICENSE', '.vscodeignore'];
export const README = 'README.marketplace.md';
/** Manifest keys that belong to the npm package and the repository's development, not to the extension. */
export const NPM_ONLY_KEYS = ['bin', 'files', 'scripts', 'dependencies', 'devDependencies', 'private'];
/** Links to the repository, left out while it is not online (see the top of this file). */
export const PLACEHOLDER_LINK_KEYS = ['repository', 'homepage', 'bugs'];

/** The extension's manifest: package.json without what only the CLI package and development use. */
export function extensionManifest(manifest) {
  const copy = { ...manifest };
  for (const key of [...NPM_ONLY_KEYS, ...PLACEHOLDER_LINK_KEYS]) delete copy[key];
  return copy;
}

function parseArgs(argv) {
  const o = { out: path.join(ROOT, 'star-coach.vsix'), build: true };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '-o' || argv[i] === '--out') o.out = path.resolve(argv[++i]);
    else if (argv[i] === '--no-build') o.build = false;
    else throw new Error(`unknown option ${argv[i]} (see the top of scripts/package-vsix.mjs)`);
  }
  return o;
}

function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status})`);
}

/** Packs the extension into `out`; returns the path. */
export function packageVsix({ out, build }) {
  if (build) run(process.execPath, ['esbuild.js', '--production'], ROOT);
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'star-coach-vsix-'));
  try {
    for (const entry of [...STAGED, README]) {
      const from = path.join(ROOT, entry);
      if (fs.existsSync(from)) fs.cpSync(from, path.join(stage, entry), { recursive: true });
    }
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    fs.writeFileSync(path.join(stage, 'package.json'), `${JSON.stringify(extensionManifest(manifest), null, 2)}\n`);
    const vscePackage = require.resolve('@vscode/vsce/package.json');
    const vsce = path.join(path.dirname(vscePackage), JSON.parse(fs.readFileSync(vscePackage, 'utf8')).bin.vsce);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    // No repository to rewrite relative links against: they stay as written.
    run(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--readme-path', README, '--no-rewrite-relative-links', '-o', out], stage);
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    packageVsix(parseArgs(process.argv.slice(2)));
  } catch (error) {
    console.error(`package-vsix: ${error.message}`);
    process.exit(1);
  }
}
