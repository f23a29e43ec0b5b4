// Bundles the extension (desktop: Node; web: a browser web worker), and the CLI.
// `--production` minifies; `--watch` rebuilds on change.
const esbuild = require('esbuild');
const { builtinModules } = require('node:module');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** What every bundle shares: CommonJS, minified for production, with source maps otherwise. */
const common = {
  bundle: true,
  format: 'cjs',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'info',
  legalComments: 'none',
  // jsonc-parser's main file is a UMD build whose inner requires esbuild cannot follow; its ESM build bundles cleanly.
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
};

/** @type {import('esbuild').BuildOptions} */
const shared = {
  ...common,
  platform: 'node',
  target: 'node18',
  // Some ESM dependencies read import.meta.url, which a CommonJS bundle lacks.
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
};

const NODE_BUILTINS = new Set(builtinModules.filter((name) => !name.startsWith('_')));

/**
 * Fails the build when anything imports a Node built-in (`node:fs`, `path`, `os/…`): the
 * web extension host (vscode.dev, github.dev) is a browser web worker and has none. The
 * error names the importing file, so the fix is to go through FileAccess or find a
 * browser-safe package.
 */
const noNodeBuiltins = {
  name: 'no-node-builtins',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => {
      const bare = args.path.startsWith('node:') ? args.path.slice(5) : args.path;
      if (!args.path.startsWith('node:') && !NODE_BUILTINS.has(bare.split('/')[0]) && !NODE_BUILTINS.has(bare)) return undefined;
      return { errors: [{ text: `"${args.path}" is a Node built-in; the web extension runs in a browser worker without them (imported by ${args.importer || 'the entry point'})` }] };
    });
  },
};

/** The web build: the same extension for a browser web worker, CommonJS as the web extension host loads it. */
const web = {
  ...common,
  platform: 'browser',
  target: 'es2022',
  mainFields: ['browser', 'module', 'main'],
  // "worker" first: some packages' "browser" files need a DOM (document), which a web worker lacks.
  conditions: ['worker', 'browser'],
  external: ['vscode'],
  plugins: [noNodeBuiltins],
};

const builds = [
  { ...shared, entryPoints: ['src/vscode/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...web, entryPoints: ['src/vscode/extension.ts'], outfile: 'dist/web/extension.js' },
  { ...shared, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: `#!/usr/bin/env node\n${shared.banner.js}` } },
  // The analysis workers: a worker thread for the desktop extension, a web worker (a plain script) for the browser build.
  { ...shared, entryPoints: ['src/vscode/analysis-worker.ts'], outfile: 'dist/analysis-worker.js' },
  { ...web, format: 'iife', entryPoints: ['src/vscode/analysis-web-worker.ts'], outfile: 'dist/web/analysis-worker.js' },
];

async function main() {
  const fs = require('node:fs');
  const present = builds.filter((b) => fs.existsSync(b.entryPoints[0]));
  if (watch) {
    for (const options of present) await (await esbuild.context(options)).watch();
    return;
  }
  await Promise.all(present.map((options) => esbuild.build(options)));
}

module.exports = { web, noNodeBuiltins };

if (require.main === module) main().catch((error) => {
  console.error(error.message ?? error);
  process.exit(1);
});
