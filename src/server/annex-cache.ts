// The annex as the API serves it (JSON, Markdown, HTML), kept per engagement revision: every change
// to an engagement moves its revision on (store/audit-log.ts), so a kept body is the body of that
// revision, and its tag (a weak ETag) lets a browser revalidate with If-None-Match and get a 304.
// The cache holds bytes only: whoever asks is checked against the engagement's members before the
// cache is looked at, on every request. Each process keeps its own; the tag carries the process's
// epoch, so a body kept by one process is never taken for another's.
import { randomBytes } from 'node:crypto';
import { compressBytes, type Encoding } from './compression.ts';

export interface KeptBody {
  readonly etag: string;
  readonly type: string;
  /** Content-Disposition, for the formats that download. */
  readonly disposition: string | undefined;
  readonly bytes: Uint8Array<ArrayBuffer>;
  /** Compressed once, on the first request that accepts the encoding. */
  readonly encoded: Map<Encoding, Promise<Uint8Array<ArrayBuffer>>>;
}

export interface AnnexCacheOptions {
  /** Bodies kept at most (least recently used dropped first). */
  maxEntries?: number;
  /** Bytes kept at most, uncompressed and compressed together. */
  maxBytes?: number;
}

export class AnnexCache {
  private readonly entries = new Map<string, { revision: number; body: KeptBody; size: number }>();
  private readonly epoch = randomBytes(4).toString('hex');
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private bytes = 0;

  constructor(options: AnnexCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 500;
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  }

  /** The tag of an engagement's annex in a format at a revision. */
  etag(revision: number, format: string): string {
    return `W/"${this.epoch}-${revision}-${format}"`;
  }

  /** The kept body of this revision, or one made by `make` (and kept). */
  async get(engagementId: string, revision: number, format: string, make: () => Promise<{ type: string; disposition?: string | undefined; text: string }>): Promise<KeptBody> {
    const key = `${engagementId}:${format}`;
    const found = this.entries.get(key);
    if (found && found.revision === revision) {
      // Most recently used last.
      this.entries.delete(key);
      this.entries.set(key, found);
      return found.body;
    }
    const made = await make();
    const body: KeptBody = { etag: this.etag(revision, format), type: made.type, disposition: made.disposition, bytes: new TextEncoder().encode(made.text), encoded: new Map() };
    const current = this.entries.get(key);
    // A body of an older revision made concurrently does not replace a newer one.
    if (current && current.revision > revision) return body;
    this.remove(key);
    this.entries.set(key, { revision, body, size: body.bytes.byteLength });
    this.bytes += body.bytes.byteLength;
    this.trim();
    return body;
  }

  /** The body compressed with `encoding`, compressed once per kept body. */
  async encoded(body: KeptBody, encoding: Encoding, engagementId: string, format: string): Promise<Uint8Array<ArrayBuffer>> {
    let pending = body.encoded.get(encoding);
    if (!pending) {
      pending = compressBytes(body.bytes, encoding, 'kept') as Promise<Uint8Array<ArrayBuffer>>;
      body.encoded.set(encoding, pending);
      const compressed = await pending;
      const entry = this.entries.get(`${engagementId}:${format}`);
      if (entry && entry.body === body) {
        entry.size += compressed.byteLength;
        this.bytes += compressed.byteLength;
        this.trim();
      }
    }
    return pending;
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.size;
  }

  private trim(): void {
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.remove(key);
    }
  }
}

/** Whether an If-None-Match header names this tag (weak comparison, as RFC 9110 asks of it). */
export function matchesTag(header: string | undefined | null, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const wanted = opaque(etag);
  return header.split(',').some((tag) => opaque(tag) === wanted);
}
