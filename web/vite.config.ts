// Builds the workbench (Preact) into dist/web, which the server serves. `npm run dev:web` runs
// Vite's dev server with /api proxied to a running `landfall serve` on port 4310.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { parse } from 'yaml';

const here = fileURLToPath(new URL('.', import.meta.url));
const INTEGRATIONS = 'virtual:landfall/integrations';

/** The integration ids the localisation knowledge covers, read from content/ so the intake's suggestions cannot drift from it. */
function landfallContent(): Plugin {
  const file = fileURLToPath(new URL('../content/knowledge/integrations.yaml', import.meta.url));
  return {
    name: 'landfall-content',
    resolveId: (id) => (id === INTEGRATIONS ? `\0${INTEGRATIONS}` : undefined),
    load(id) {
      if (id !== `\0${INTEGRATIONS}`) return undefined;
      this.addWatchFile(file);
      const entries = parse(readFileSync(file, 'utf8')) as Array<{ id: string; name: string; category: string }>;
      return `export default ${JSON.stringify(entries.map(({ id: key, name, category }) => ({ id: key, name, category })))};`;
    },
  };
}

export default defineConfig({
  root: here,
  plugins: [landfallContent()],
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: true,
    manifest: true,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:4310' } },
});
