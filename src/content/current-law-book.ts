// This checkout's law book, read once per process. The snapshot (dist/lawbook.json) is what every
// start reads; the validating loader (load-content.ts, with zod's content schemas and the YAML
// parser) is loaded only when the snapshot is missing or was made from other content files, so a
// CLI run whose snapshot is current never builds the content schemas.
import { fileURLToPath } from 'node:url';
import type { LawBook } from '../core/law/content-schema.ts';
import { readCurrentSnapshot } from './law-book-snapshot.ts';

/** This checkout's content folder. */
export const CONTENT_DIR = fileURLToPath(new URL('../../content/', import.meta.url));

/** The validated law book as JSON, written by `npm run build` and refreshed after content changes. */
export const SNAPSHOT_FILE = fileURLToPath(new URL('../../dist/lawbook.json', import.meta.url));

// TypeScript rewrites the .ts of a dynamic import only outside call arguments, so the loader is declared here.
const loadContent = () => import('./load-content.ts');

let state: ReturnType<typeof readCurrentSnapshot> | undefined;

/** The snapshot's law book when it was made from this checkout's content as it is (read once), and how to key a new one otherwise. */
export function snapshotState(): ReturnType<typeof readCurrentSnapshot> {
  return (state ??= readCurrentSnapshot(SNAPSHOT_FILE, CONTENT_DIR));
}

/** Keeps the law book the validating loader made, so the process reads it once. */
export function keepLawBook(book: LawBook): LawBook {
  state = { ...snapshotState(), book };
  return book;
}

/** This checkout's law book: the snapshot's when current, otherwise validated afresh (load-content's lawBook). */
export async function currentLawBook(): Promise<LawBook> {
  const { book } = snapshotState();
  if (book) return book;
  const { lawBook } = await loadContent();
  return lawBook();
}
