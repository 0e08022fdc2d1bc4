#!/usr/bin/env node
// Entry point of the `landfall` command: the compiled CLI in dist/ (`npm run build`; `npm start`
// and `npm test` build it when the sources are newer). A checkout that was never built is built
// here first, so the command works straight after `npm install`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
if (!existsSync(`${root}dist/cli/main.js`) && existsSync(`${root}scripts/build.mjs`)) {
  // node:child_process only here: loading it costs every run of a built checkout some milliseconds.
  const { spawnSync } = await import('node:child_process');
  const built = spawnSync(process.execPath, [`${root}scripts/build.mjs`, '--if-stale', 'server'], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
// The bundled command line (scripts/build.mjs) when the build made one, else the compiled modules.
const { run } = await import(existsSync(`${root}dist/bundle/main.js`) ? '../dist/bundle/main.js' : '../dist/cli/main.js');
await run();
