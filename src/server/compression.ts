// Response compression: brotli or gzip, whichever the client accepts (brotli first), for text
// bodies of 1 KiB or more. Bodies computed once and kept (the annex cache) are compressed once at
// a high level; everything else per response at a level cheap enough to pay every time. Built
// workbench assets are compressed at build time and served as they are (workbench.ts).
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';

export type Encoding = 'br' | 'gzip';
const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Smaller bodies gain less than the header and the work cost. */
export const COMPRESS_THRESHOLD = 1024;
const COMPRESSIBLE = /^\s*(?:text\/|application\/(?:json|javascript|xml|yaml)|image\/svg\+xml|[^;\s]+\+(?:json|xml))/i;

/**
 * The encoding to answer with for an Accept-Encoding header: brotli when accepted, else gzip;
 * none when neither is (a q of 0 refuses one).
 */
export function chooseEncoding(header: string | undefined | null): Encoding | null {
  if (!header) return null;
  const accepted = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)?.[1]).find((value) => value != null);
    accepted.set(name, q == null ? 1 : Number(q));
  }
  const wildcard = accepted.get('*');
  const weight = (name: Encoding) => accepted.get(name) ?? wildcard ?? 0;
  if (weight('br') > 0 && weight('br') >= weight('gzip')) return 'br';
  if (weight('gzip') > 0) return 'gzip';
  return null;
}

/** Compresses bytes; `level` 'kept' for bodies compressed once and served many times, 'fresh' for one response. */
export async function compressBytes(bytes: Uint8Array, encoding: Encoding, level: 'kept' | 'fresh'): Promise<Buffer> {
  if (encoding === 'br') {
    return brotli(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: level === 'kept' ? 9 : 4, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength } });
  }
  return gzipAsync(bytes, { level: level === 'kept' ? 9 : 6 });
}

/** Adds Accept-Encoding to a response's Vary header. */
export function varyOnEncoding(headers: Headers): void {
  const vary = headers.get('vary');
  if (vary === '*' || (vary && /(?:^|,)\s*accept-encoding\s*(?:,|$)/i.test(vary))) return;
  headers.set('vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
}

/**
 * Compresses the text responses of the routes under it that are not compressed already (cached
 * annex bodies and built assets come compressed). Responses with a range or no body, HEAD
 * requests and Cache-Control: no-transform are left alone.
 */
export function compressResponses(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const res = c.res;
    // Headers and status first: reading `body` turns the server's lightweight response into a
    // full one (a stream), which costs more than the rest of a kept annex read.
    if (c.req.method === 'HEAD' || res.status === 206 || res.status === 204 || res.status === 304) return;
    const type = res.headers.get('content-type');
    if (res.headers.has('content-encoding') || !type || !COMPRESSIBLE.test(type) || /no-transform/i.test(res.headers.get('cache-control') ?? '')) return;
    // A route that chose the encoding itself says so by varying on Accept-Encoding already (the
    // kept annex bodies, sent as they are to a client that takes neither encoding).
    if (/(?:^|,)\s*accept-encoding\s*(?:,|$)/i.test(res.headers.get('vary') ?? '')) return;
    if (!res.body) return;
    const length = res.headers.get('content-length');
    if (length != null && Number(length) < COMPRESS_THRESHOLD) return;
    varyOnEncoding(res.headers);
    const encoding = chooseEncoding(c.req.header('accept-encoding'));
    if (!encoding) return;
    const bytes = new Uint8Array(await res.arrayBuffer());
    // Hono's response setter copies the old response's headers onto the new one, so the headers
    // that change are set after it.
    if (bytes.byteLength < COMPRESS_THRESHOLD) {
      c.res = new Response(bytes, res);
      return;
    }
    const compressed = await compressBytes(bytes, encoding, 'fresh');
    c.res = new Response(compressed, res);
    c.res.headers.set('content-encoding', encoding);
    c.res.headers.set('content-length', String(compressed.byteLength));
    const etag = c.res.headers.get('etag');
    if (etag && !etag.startsWith('W/')) c.res.headers.set('etag', `W/${etag}`);
  };
}
