#!/usr/bin/env node
// Builds what Landfall runs: the server and CLI compiled from src/ to dist/ by tsc (with the SQL
// migrations and the validated law-book snapshot beside them), the command line bundled from that
// output by esbuild into dist/bundle (what bin/landfall.js runs), and the workbench by Vite into
// dist/web. `--if-stale` builds a part only when its build is missing or older than its sources,
// which is what `npm start` and the `landfall` bin use. Usage:
//   node scripts/build.mjs [--if-stale] [server|web|all]
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

/** Each part: what it is built from, and the stamp file whose time is the build's start. */
export const PARTS = {
  server: { inputs: ['src', 'package.json', 'tsconfig.json', 'tsconfig.build.json'], stamp: 'dist/.built-server' },
  web: { inputs: ['web', 'src/core', 'content/knowledge/integrations.yaml', 'package.json'], stamp: 'dist/.built-web' },
};

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

/** True when the part was never built, or a source changed after its last build started. */
export function isStale(part, root = ROOT) {
  const stamp = join(root, PARTS[part].stamp);
  if (!existsSync(stamp)) return true;
  const built = statSync(stamp).mtimeMs;
  return PARTS[part].inputs.some((input) => newest(join(root, input)) > built);
}

function run(command, args, what) {
  const result = spawnSync(process.execPath, [command, ...args], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    process.stderr.write(`landfall build: ${what} failed\n`);
    process.exit(result.status ?? 1);
  }
}

function stamp(part, startedAt) {
  const file = join(ROOT, PARTS[part].stamp);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${new Date(startedAt).toISOString()}\n`);
  // The stamp carries the start time, so a source saved during the build counts as newer.
  utimesSync(file, startedAt / 1000, startedAt / 1000);
}

function buildServer() {
  const startedAt = Date.now();
  let tsc;
  try {
    tsc = require.resolve('typescript/bin/tsc');
  } catch {
    process.stderr.write('landfall build: TypeScript is not installed; run `npm install` (with dev dependencies) first\n');
    process.exit(1);
  }
  run(tsc, ['-p', 'tsconfig.build.json'], 'compiling src/ with tsc');
  const migrations = join(ROOT, 'src/store/migrations');
  const target = join(ROOT, 'dist/store/migrations');
  mkdirSync(target, { recursive: true });
  for (const name of readdirSync(migrations)) if (name.endsWith('.sql')) copyFileSync(join(migrations, name), join(target, name));
  // Validate content/ once and keep the result as dist/lawbook.json, read at every start.
  run('--input-type=module', ['-e', "const m = await import('./dist/content/load-content.js'); m.lawBook();"], 'validating content/ into the law-book snapshot');
  bundleCli();
  stamp('server', startedAt);
}

/**
 * Packages left to Node's own loading: native addons (sharp, argon2), packages that read files
 * beside their own modules (PGlite's WebAssembly, playwright-core's driver), and the large document
 * and database libraries only a few commands load (they stay lazy either way).
 */
export const BUNDLE_EXTERNAL = ['@electric-sql/pglite', '@node-rs/argon2', 'sharp', 'playwright-core', 'pg', 'docx', 'exceljs', '@hono/node-server'];

/**
 * The command line as a few ES modules: dist/cli/main.js and everything it reaches, the small
 * pure-JavaScript packages (zod, yaml, citty, the message formatter) included, split at every
 * dynamic import so each command still loads only what it needs. Resolving and reading some two
 * hundred module files was most of a cold `landfall assess` (bench/CLI.md). Each chunk sits one
 * folder below the root like dist/<folder>/<module>.js, so the paths the modules build from
 * import.meta.url ('../../content/', '../store/migrations/') lead to the same files.
 * dist/bundle/meta.json (esbuild's metafile) says which sources each chunk holds. Without esbuild
 * (an install without dev dependencies) there is no bundle and bin/landfall.js runs dist/cli.
 */
function bundleCli() {
  let esbuild;
  try {
    esbuild = require('esbuild');
  } catch {
    process.stderr.write('landfall build: esbuild is not installed; the command line runs unbundled from dist/cli\n');
    return;
  }
  const outdir = join(ROOT, 'dist/bundle');
  rmSync(outdir, { recursive: true, force: true });
  const result = esbuild.buildSync({
    entryPoints: { main: join(ROOT, 'dist/cli/main.js') },
    absWorkingDir: ROOT,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outdir,
    chunkNames: '[name]-[hash]',
    external: BUNDLE_EXTERNAL,
    // CommonJS packages bundled into ES modules (yaml's Node build) call require for Node's own modules.
    banner: { js: 'import { createRequire as __landfallCreateRequire } from "node:module"; const require = __landfallCreateRequire(import.meta.url);' },
    metafile: true,
    logLevel: 'warning',
  });
  const meta = { outputs: Object.fromEntries(Object.entries(result.metafile.outputs).map(([file, output]) => [file.replace(/^dist\/bundle\//, ''), Object.keys(output.inputs)])) };
  writeFileSync(join(outdir, 'meta.json'), `${JSON.stringify(meta, null, 1)}\n`);
}

/** Text files worth compressing, and the least size that gains from it. */
const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|txt|map)$/;
const PRECOMPRESS_MIN = 1024;

/**
 * Writes a brotli (.br) and a gzip (.gz) copy beside every text file of the built workbench, at
 * the highest levels: done once here, so the server sends them without compressing per request.
 */
export function precompress(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      precompress(path);
      continue;
    }
    if (!COMPRESSIBLE.test(entry.name)) continue;
    const bytes = readFileSync(path);
    if (bytes.length < PRECOMPRESS_MIN) continue;
    writeFileSync(`${path}.br`, brotliCompressSync(bytes, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: zlibConstants.BROTLI_MAX_QUALITY, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }));
    writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }));
  }
}

function buildWeb() {
  const startedAt = Date.now();
  let vite;
  try {
    vite = join(dirname(require.resolve('vite/package.json')), 'bin/vite.js');
  } catch {
    process.stderr.write('landfall build: Vite is not installed; run `npm install` (with dev dependencies) first\n');
    process.exit(1);
  }
  run(vite, ['build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], 'building the workbench with Vite');
  precompress(join(ROOT, 'dist/web'));
  stamp('web', startedAt);
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const args = process.argv.slice(2);
  const ifStale = args.includes('--if-stale');
  const which = args.find((arg) => !arg.startsWith('--')) ?? 'all';
  if (!['server', 'web', 'all'].includes(which)) {
    process.stderr.write(`landfall build: expected server, web or all; received "${which}"\n`);
    process.exit(2);
  }
  for (const part of which === 'all' ? ['server', 'web'] : [which]) {
    if (ifStale && !isStale(part)) continue;
    if (ifStale) process.stderr.write(`landfall build: building the ${part} (${existsSync(join(ROOT, PARTS[part].stamp)) ? 'sources changed' : 'not built yet'})\n`);
    if (part === 'server') buildServer();
    else buildWeb();
  }
}
