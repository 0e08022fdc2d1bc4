// Builds the workbench (Preact) into dist/web, which the server serves. `npm run dev:web` runs
// Vite's dev server with /api proxied to a running `landfall serve` on port 4310.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { parse } from 'yaml';
import { parse as parseMessage } from '@formatjs/icu-messageformat-parser';
import { partOf, type Part } from './src/i18n/parts.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const INTEGRATIONS = 'virtual:landfall/integrations';
const LEGAL_TABLES = 'virtual:landfall/legal-tables';

/**
 * What the intake's suggestions and hints take from content/, so they cannot drift from it: the
 * integration ids the localisation knowledge covers, and the CII sectors and opening-pilot areas
 * of content/tables/ (the engine reads the same files).
 */
function landfallContent(): Plugin {
  const file = fileURLToPath(new URL('../content/knowledge/integrations.yaml', import.meta.url));
  const sectors = fileURLToPath(new URL('../content/tables/sector-lists.yaml', import.meta.url));
  const pilots = fileURLToPath(new URL('../content/tables/opening-pilot-areas.yaml', import.meta.url));
  return {
    name: 'landfall-content',
    resolveId: (id) => (id === INTEGRATIONS || id === LEGAL_TABLES ? `\0${id}` : undefined),
    load(id) {
      if (id === `\0${LEGAL_TABLES}`) {
        this.addWatchFile(sectors);
        this.addWatchFile(pilots);
        const lists = parse(readFileSync(sectors, 'utf8')) as { ciiSectors: { sectors: string[] } };
        const areas = (parse(readFileSync(pilots, 'utf8')) as { areas: Array<{ key: string; pattern: string; area: string; example: string }> }).areas;
        return [
          `export const CII_SECTORS = ${JSON.stringify(lists.ciiSectors.sectors)};`,
          `export const OPENING_PILOT_AREAS = ${JSON.stringify(areas)}.map((area) => ({ key: area.key, match: new RegExp(area.pattern), area: area.area, example: area.example }));`,
        ].join('\n');
      }
      if (id !== `\0${INTEGRATIONS}`) return undefined;
      this.addWatchFile(file);
      const entries = parse(readFileSync(file, 'utf8')) as Array<{ id: string; name: string; category: string }>;
      return `export default ${JSON.stringify(entries.map(({ id: key, name, category }) => ({ id: key, name, category })))};`;
    },
  };
}

const MESSAGES = 'virtual:landfall/messages/';
const WEB_LOCALES = ['en', 'zh-CN'];

/**
 * The workbench's catalogues (web/src/i18n/<locale>.json), compiled: `virtual:landfall/messages/<locale>/<part>`
 * is the part's messages with each ICU message parsed ahead (so the browser ships
 * intl-messageformat without its parser) and a message without placeholders as its plain text.
 */
function landfallMessages(): Plugin {
  return {
    name: 'landfall-messages',
    resolveId: (id) => (id.startsWith(MESSAGES) ? `\0${id}` : undefined),
    load(id) {
      if (!id.startsWith(`\0${MESSAGES}`)) return undefined;
      const [locale, part] = id.slice(MESSAGES.length + 1).split('/') as [string, Part];
      if (!WEB_LOCALES.includes(locale) || !['core', 'rest', 'intake'].includes(part)) throw new Error(`no catalogue ${id.slice(1)}`);
      const file = fileURLToPath(new URL(`./src/i18n/${locale}.json`, import.meta.url));
      this.addWatchFile(file);
      const messages = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
      const compiled: Record<string, unknown> = {};
      for (const [key, text] of Object.entries(messages)) {
        if (partOf(key) !== part) continue;
        const elements = parseMessage(text);
        const only = elements[0];
        compiled[key] = elements.length === 0 ? '' : elements.length === 1 && only?.type === 0 ? only.value : elements;
      }
      return `export default ${JSON.stringify(compiled)};`;
    },
  };
}

export default defineConfig({
  root: here,
  plugins: [landfallContent(), landfallMessages()],
  // The messages arrive parsed (landfallMessages), so the parser stays out of the bundle.
  resolve: { alias: [{ find: /^@formatjs\/icu-messageformat-parser$/, replacement: '@formatjs/icu-messageformat-parser/no-parser.js' }] },
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
