// A migrated database and a workspace store over it for one describe block, dropped after it (the
// store suites' shared setup; the API suites use api-harness.ts).
import { afterAll, beforeAll } from 'vitest';
import { openDatabase, type Database, type OpenOptions } from '../src/store/database.ts';
import { migrate } from '../src/store/migrate.ts';
import { WorkspaceStore } from '../src/store/workspace-store.ts';
import { dropSchema } from './db-helpers.ts';
import { book } from './helpers.ts';

/** The returned object's fields are set once `beforeAll` has run. */
export function storeOn(makeOptions: () => OpenOptions): { db: Database; store: WorkspaceStore } {
  const session = {} as { db: Database; store: WorkspaceStore };
  let options: OpenOptions;
  beforeAll(async () => {
    options = makeOptions();
    session.db = await openDatabase(options);
    await migrate(session.db);
    session.store = new WorkspaceStore(session.db, book);
  });
  afterAll(async () => dropSchema(session.db, options));
  return session;
}
