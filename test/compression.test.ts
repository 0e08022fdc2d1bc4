// Compression: API responses in brotli or gzip when the client accepts them (and as they were
// otherwise), small bodies and binary documents left alone; the built workbench's assets sent as
// the build compressed them, and the build writing those copies.
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/server/app.ts';
import { AuthStore } from '../src/store/auth-store.ts';
import { WorkspaceStore } from '../src/store/workspace-store.ts';
import { apiHarness } from './api-harness.ts';
import { DATABASES } from './db-helpers.ts';
import { book } from './helpers.ts';

const automotiveYaml = readFileSync(join(import.meta.dirname, '..', 'examples', 'automotive-oem.yaml'), 'utf8');
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const DECOMPRESS = { br: brotliDecompressSync, gzip: gunzipSync } as const;

describe.each(DATABASES)('compressed API responses on $name', ({ options: makeOptions }) => {
  const { login, call, db } = apiHarness(makeOptions, [['cora@example.com', 'Cora']]);

  it('compresses JSON, Markdown and errors the client accepts, and nothing it does not', async () => {
    const cora = await login('cora@example.com');
    const id = ((await (await call(cora, 'POST', '/api/engagements', { name: 'Compressed', profile: automotiveYaml })).json()) as Json).id as string;
    for (const path of [`/api/engagements/${id}`, `/api/engagements/${id}/assessment`, `/api/engagements/${id}/gaps`, `/api/engagements/${id}/annex?format=md`]) {
      const plain = await call(cora, 'GET', path);
      expect(plain.headers.get('content-encoding'), path).toBeNull();
      const original = Buffer.from(await plain.arrayBuffer());
      expect(original.length, path).toBeGreaterThan(1024);
      for (const encoding of ['br', 'gzip'] as const) {
        const response = await call(cora, 'GET', path, undefined, { 'accept-encoding': `${encoding}, identity` });
        expect(response.status, path).toBe(200);
        expect(response.headers.get('content-encoding'), `${path} ${encoding}`).toBe(encoding);
        expect(response.headers.get('vary'), path).toMatch(/accept-encoding/i);
        const bytes = Buffer.from(await response.arrayBuffer());
        const length = response.headers.get('content-length');
        if (length != null) expect(Number(length), path).toBe(bytes.length);
        expect(bytes.length, path).toBeLessThan(original.length);
        expect(DECOMPRESS[encoding](bytes).equals(original), path).toBe(true);
      }
    }
    // A refused encoding is not used; a small body is sent as it is.
    expect((await call(cora, 'GET', `/api/engagements/${id}`, undefined, { 'accept-encoding': 'br;q=0, gzip;q=0' })).headers.get('content-encoding')).toBeNull();
    expect((await call(cora, 'GET', '/api/session', undefined, { 'accept-encoding': 'br' })).headers.get('content-encoding')).toBeNull();
    // Binary documents are compressed already.
    expect((await call(cora, 'GET', `/api/engagements/${id}/annex?format=xlsx`, undefined, { 'accept-encoding': 'br' })).headers.get('content-encoding')).toBeNull();
    // Error bodies go through the same path (this one is small, so it stays plain but well formed).
    const missing = await call(cora, 'GET', '/api/engagements/00000000-0000-4000-8000-000000000000', undefined, { 'accept-encoding': 'gzip' });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as Json).error.code).toBe('not_found');
  });

  it('serves the built assets precompressed, and the OpenAPI document compressed on the fly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'landfall-web-compressed-'));
    mkdirSync(join(dir, 'assets'));
    const script = `console.log(${JSON.stringify('landfall '.repeat(400))});\n`;
    writeFileSync(join(dir, 'index.html'), `<!doctype html><title>Landfall</title><div id="app"></div>${'<!-- padding -->'.repeat(100)}`);
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), script);
    const buildScript = '../scripts/build.mjs';
    const { precompress } = (await import(buildScript)) as { precompress: (dir: string) => void };
    precompress(dir);
    expect(readdirSync(join(dir, 'assets')).sort()).toEqual(['index-abc123.js', 'index-abc123.js.br', 'index-abc123.js.gz']);
    const app = createApp({ store: new WorkspaceStore(db(), book), auth: new AuthStore(db()), today: () => '2026-11-22', secureCookies: false, webDir: dir });
    for (const encoding of ['br', 'gzip'] as const) {
      const asset = await app.request('/assets/index-abc123.js', { headers: { 'accept-encoding': encoding } });
      expect(asset.status).toBe(200);
      expect(asset.headers.get('content-encoding')).toBe(encoding);
      expect(asset.headers.get('cache-control')).toContain('immutable');
      expect(asset.headers.get('content-type')).toMatch(/javascript/);
      expect(DECOMPRESS[encoding](Buffer.from(await asset.arrayBuffer())).toString()).toBe(script);
      const page = await app.request('/e/1', { headers: { 'accept-encoding': encoding } });
      expect(page.headers.get('content-encoding')).toBe(encoding);
      expect(DECOMPRESS[encoding](Buffer.from(await page.arrayBuffer())).toString()).toContain('<div id="app">');
    }
    const plain = await app.request('/assets/index-abc123.js');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(script);
    const openapi = await app.request('/api/openapi.json', { headers: { 'accept-encoding': 'br' } });
    expect(openapi.headers.get('content-encoding')).toBe('br');
    expect(JSON.parse(brotliDecompressSync(Buffer.from(await openapi.arrayBuffer())).toString()).openapi).toBe('3.1.0');
  });
});

describe('compressResponses', () => {
  it('leaves a response alone whose route chose the encoding itself (it varies on Accept-Encoding already)', async () => {
    const { Hono } = await import('hono');
    const { compressResponses } = await import('../src/server/compression.ts');
    const app = new Hono();
    app.use('*', compressResponses());
    const text = JSON.stringify({ words: 'landfall '.repeat(400) });
    app.get('/chosen', (c) => c.body(new TextEncoder().encode(text), 200, { 'content-type': 'application/json', vary: 'Accept-Encoding' }));
    app.get('/fresh', (c) => c.body(text, 200, { 'content-type': 'application/json' }));
    const chosen = await app.request('/chosen', { headers: { 'accept-encoding': 'br' } });
    expect(chosen.headers.get('content-encoding')).toBeNull();
    expect(await chosen.text()).toBe(text);
    const fresh = await app.request('/fresh', { headers: { 'accept-encoding': 'br' } });
    expect(fresh.headers.get('content-encoding')).toBe('br');
    expect(fresh.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(Buffer.from(await fresh.arrayBuffer())).toString()).toBe(text);
  });
});
