// Reads kept in the process while the database holds what they read: only where this process is
// the only writer (PGlite: Database.changes), and only while no write of it has begun since the
// read began. Any write forgets every kept read, so a read after a write always asks the database.
// For the hot read paths (the caller's access to an engagement, the engagement list), which a
// read-mostly workbench asks for on every request.

export class KeptReads<T> {
  private readonly entries = new Map<string, T>();
  /** The change count the entries were read at. */
  private at = -1;

  constructor(private readonly changes: (() => number) | undefined, private readonly maxEntries: number) {}

  async get(key: string, read: () => Promise<T>): Promise<T> {
    const changes = this.changes;
    if (!changes) return read();
    const before = changes();
    // An odd count is a write under way: nothing is served or kept until it ends.
    if (before % 2 === 1) return read();
    if (before !== this.at) {
      this.entries.clear();
      this.at = before;
    } else {
      const found = this.entries.get(key);
      if (found !== undefined) return found;
    }
    const value = await read();
    if (changes() === before && this.at === before) {
      if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(key, value);
    }
    return value;
  }

  get size(): number {
    return this.entries.size;
  }
}
