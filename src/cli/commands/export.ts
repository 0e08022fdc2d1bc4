// `landfall export`: the catalogue and the crosswalks as OSCAL 1.2 or as CISO Assistant libraries.
import { join } from 'node:path';
import { lawBook } from '../../content/load-content.ts';
import { SOURCE_FRAMEWORKS } from '../../core/controls/controls-schema.ts';
import { cisoFrameworkLibrary, cisoMappingLibrary } from '../../render/export-ciso-assistant.ts';
import { OSCAL_FILES, oscalCatalog, oscalFrameworkCatalog, oscalMapping } from '../../render/export-oscal.ts';
import { InvalidInputError, defineLandfallCommand } from '../command.ts';
import { chooseFormat } from '../profile-args.ts';

const KINDS = ['oscal', 'ciso-assistant'] as const;

/** The files an export writes, by name. Pure apart from the date passed in. */
export function exportFiles(kind: (typeof KINDS)[number], date: string, libraryVersion: number): Map<string, string> {
  const book = lawBook();
  const library = book.controls;
  const files = new Map<string, string>();
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  if (kind === 'oscal') {
    const meta = { lastModified: `${date}T00:00:00Z`, version: `content-${book.contentVersion}` };
    files.set(OSCAL_FILES['gbt22239-2019'], json(oscalCatalog(library, meta)));
    for (const key of SOURCE_FRAMEWORKS) {
      files.set(OSCAL_FILES[key], json(oscalFrameworkCatalog(library, key, meta)));
      files.set(`landfall-mapping-${key}--gbt22239-2019.json`, json(oscalMapping(library, key, meta)));
    }
  } else {
    const meta = { version: libraryVersion, publicationDate: date };
    files.set('gbt22239-2019.yaml', cisoFrameworkLibrary(library, meta));
    for (const key of SOURCE_FRAMEWORKS) files.set(`mapping-${key}-to-gbt22239-2019.yaml`, cisoMappingLibrary(library, key, meta));
  }
  return files;
}

export default defineLandfallCommand({
  meta: { name: 'export', description: 'Export the GB/T 22239-2019 catalogue and the crosswalks as OSCAL 1.2 (catalog + mapping JSON) or as CISO Assistant libraries (YAML).' },
  args: {
    kind: { type: 'positional', description: `What to export: ${KINDS.join(', ')}`, required: true },
    out: { type: 'string', alias: 'o', description: 'Directory to write the files into (created if missing)', required: true },
    'library-version': { type: 'string', description: 'CISO Assistant library version (a whole number; raise it for each release you import)', default: '1' },
  },
  run(args, context) {
    const kind = chooseFormat(args.kind, KINDS, 'oscal', 'kind');
    const libraryVersion = Number(args['library-version']);
    if (!Number.isInteger(libraryVersion) || libraryVersion < 1) {
      throw new InvalidInputError([{ path: '--library-version', message: `expected a whole number of 1 or more; received "${args['library-version']}"` }], 'arguments');
    }
    const files = [...exportFiles(kind, context.today(), libraryVersion)].map(([name, data]) => ({ path: join(args.out, name), data }));
    return { exitCode: 0, files };
  },
});
