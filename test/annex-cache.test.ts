// The annex is kept per engagement revision and revalidated by its ETag: a 304 for a tag that is
// still current, a new tag after any change to the engagement (an item edited or added, the profile
// re-assessed, the document state set, archived, restored), the same answer from a second server process over the same
// database, and never a kept body or a 304 for someone who is not a member.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/server/app.ts';
import { AnnexCache, matchesTag } from '../src/server/annex-cache.ts';
import { chooseEncoding } from '../src/server/compression.ts';
import { AuthStore } from '../src/store/auth-store.ts';
import { WorkspaceStore } from '../src/store/workspace-store.ts';
import { apiHarness, type Session } from './api-harness.ts';
import { DATABASES } from './db-helpers.ts';
import { book } from './helpers.ts';

const automotiveYaml = readFileSync(join(import.meta.dirname, '..', 'examples', 'automotive-oem.yaml'), 'utf8');
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('ETag matching and encoding choice', () => {
  it('compares tags weakly and reads lists and the wildcard', () => {
    expect(matchesTag('W/"a-1-json"', 'W/"a-1-json"')).toBe(true);
    expect(matchesTag('"a-1-json"', 'W/"a-1-json"')).toBe(true);
    expect(matchesTag('"x", W/"a-1-json"', 'W/"a-1-json"')).toBe(true);
    expect(matchesTag('*', 'W/"a-1-json"')).toBe(true);
    expect(matchesTag('W/"a-2-json"', 'W/"a-1-json"')).toBe(false);
    expect(matchesTag(undefined, 'W/"a-1-json"')).toBe(false);
  });

  it('prefers brotli, honours q=0 and the wildcard', () => {
    expect(chooseEncoding('gzip, deflate, br')).toBe('br');
    expect(chooseEncoding('gzip')).toBe('gzip');
    expect(chooseEncoding('br;q=0, gzip')).toBe('gzip');
    expect(chooseEncoding('gzip;q=0.5, br;q=0.2')).toBe('gzip');
    expect(chooseEncoding('*')).toBe('br');
    expect(chooseEncoding('identity')).toBeNull();
    expect(chooseEncoding(undefined)).toBeNull();
  });

  it('keeps a bounded number of bodies and drops the least recently used', async () => {
    const cache = new AnnexCache({ maxEntries: 2 });
    let made = 0;
    const make = async () => ({ type: 'text/plain', text: `body ${++made}` });
    await cache.get('a', 1, 'json', make);
    await cache.get('b', 1, 'json', make);
    await cache.get('a', 1, 'json', make); // a is now the most recent
    await cache.get('c', 1, 'json', make); // drops b
    expect(made).toBe(3);
    await cache.get('a', 1, 'json', make);
    expect(made).toBe(3);
    await cache.get('b', 1, 'json', make);
    expect(made).toBe(4);
    // A new revision is made afresh.
    expect(new TextDecoder().decode((await cache.get('b', 2, 'json', make)).bytes)).toBe('body 5');
    expect(cache.size.entries).toBe(2);
  });
});

describe.each(DATABASES)('annex revalidation on $name', ({ options: makeOptions }) => {
  const { login, call, db } = apiHarness(makeOptions, [['ona@example.com', 'Ona'], ['val@example.com', 'Val'], ['out@example.com', 'Out']]);
  const json = async (response: Response) => (await response.json()) as Json;

  async function engagement(): Promise<{ id: string; ona: Session }> {
    const ona = await login('ona@example.com');
    const created = await call(ona, 'POST', '/api/engagements', { name: 'Cached annex', profile: automotiveYaml });
    expect(created.status).toBe(201);
    return { id: (await json(created)).id as string, ona };
  }
  const annex = (session: Session | null, id: string, etag?: string | null, format = 'json') =>
    call(session, 'GET', `/api/engagements/${id}/annex${format === 'json' ? '' : `?format=${format}`}`, undefined, etag ? { 'if-none-match': etag } : {});

  it('answers 304 to a current tag and 200 with the same body otherwise', async () => {
    const { id, ona } = await engagement();
    const first = await annex(ona, id);
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^W\/".+"$/);
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    const body = await first.text();
    const again = await annex(ona, id, etag);
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    const plain = await annex(ona, id);
    expect(await plain.text()).toBe(body);
    // Each format has its own tag.
    const markdown = await annex(ona, id, etag, 'md');
    expect(markdown.status).toBe(200);
    expect(markdown.headers.get('etag')).not.toBe(etag);
    expect((await annex(ona, id, markdown.headers.get('etag'), 'md')).status).toBe(304);
  });

  it('changes the tag with every change to the engagement', async () => {
    const { id, ona } = await engagement();
    let etag = (await annex(ona, id)).headers.get('etag')!;
    /** The annex after a change: a 200 for the old tag, with a new tag and the change in it. */
    const afterChange = async (what: string) => {
      const response = await annex(ona, id, etag);
      expect(response.status, what).toBe(200);
      const next = response.headers.get('etag')!;
      expect(next, what).not.toBe(etag);
      etag = next;
      expect((await annex(ona, id, etag)).status, what).toBe(304);
      return json(response);
    };

    const items = (await json(await annex(ona, id))).items as Json[];
    const item = items.find((candidate) => candidate.provenance === 'derived')!;
    expect((await call(ona, 'PATCH', `/api/engagements/${id}/annex/items/${item.id}`, { title: 'Edited for the client', version: item.version })).status).toBe(200);
    expect(((await afterChange('item edited')).items as Json[]).find((candidate) => candidate.id === item.id)!.title).toBe('Edited for the client');

    expect((await call(ona, 'POST', `/api/engagements/${id}/annex/items`, { section: 'open_question', title: 'Added by hand', text: 'A point the client raised.' })).status).toBe(201);
    expect(((await afterChange('item added')).items as Json[]).some((candidate) => candidate.title === 'Added by hand')).toBe(true);

    const current = await json(await call(ona, 'GET', `/api/engagements/${id}`));
    const profile = { ...current.profile, organisation: { ...current.profile.organisation, name: 'Renamed Motors' } };
    expect((await call(ona, 'PUT', `/api/engagements/${id}/profile`, { profile, version: current.version })).status).toBe(200);
    expect(JSON.stringify(await afterChange('profile re-assessed'))).toContain('Renamed Motors');

    expect((await call(ona, 'PUT', `/api/engagements/${id}/annex/state`, { state: 'Under review' })).status).toBe(200);
    expect((await afterChange('document state set')).documentState).toBe('Under review');

    expect((await call(ona, 'POST', `/api/engagements/${id}/archive`)).status).toBe(200);
    await afterChange('archived');
    expect((await call(ona, 'POST', `/api/engagements/${id}/restore`)).status).toBe(200);
    await afterChange('restored');
  });

  it('gives neither a body nor a 304 to someone who is not a member, and 304 to a member who is', async () => {
    const { id, ona } = await engagement();
    const response = await annex(ona, id);
    const etag = response.headers.get('etag')!;
    const out = await login('out@example.com');
    for (const tag of [etag, null]) {
      const refused = await annex(out, id, tag);
      expect(refused.status).toBe(404);
      expect(await refused.text()).not.toContain('items');
    }
    expect((await annex(null, id, etag)).status).toBe(401);
    expect((await call(ona, 'POST', `/api/engagements/${id}/members`, { email: 'val@example.com', role: 'viewer' })).status).toBe(200);
    const val = await login('val@example.com');
    expect((await annex(val, id, etag)).status).toBe(304);
    // Removed again: the tag no longer opens anything.
    const valId = (await db().query<{ id: string }>("select id from users where email = 'val@example.com'")).rows[0]!.id;
    expect((await call(ona, 'DELETE', `/api/engagements/${id}/members/${valId}`)).status).toBe(204);
    expect((await annex(val, id, etag)).status).toBe(404);
  });

  it('sees a change made through another server process over the same database', async () => {
    const { id, ona } = await engagement();
    const other = createApp({ store: new WorkspaceStore(db(), book), auth: new AuthStore(db()), today: () => '2026-11-22', secureCookies: false, annexCache: new AnnexCache() });
    const before = await annex(ona, id);
    const etag = before.headers.get('etag')!;
    const item = ((await json(before)).items as Json[]).find((candidate) => candidate.provenance === 'derived')!;
    const edited = await other.request(`/api/engagements/${id}/annex/items/${item.id}`, { method: 'PATCH', headers: { cookie: ona.cookie, 'x-csrf-token': ona.csrf, 'content-type': 'application/json' }, body: JSON.stringify({ title: 'Edited elsewhere', version: item.version }) });
    expect(edited.status).toBe(200);
    const after = await annex(ona, id, etag);
    expect(after.status).toBe(200);
    expect(((await json(after)).items as Json[]).find((candidate) => candidate.id === item.id)!.title).toBe('Edited elsewhere');
  });

  it('sends the kept annex compressed when asked, the same bytes once decompressed', async () => {
    const { id, ona } = await engagement();
    const identity = await annex(ona, id);
    expect(identity.headers.get('content-encoding')).toBeNull();
    const plain = Buffer.from(await identity.arrayBuffer());
    const etag = identity.headers.get('etag');
    for (const [encoding, decompress] of [['br', brotliDecompressSync], ['gzip', gunzipSync]] as const) {
      const response = await call(ona, 'GET', `/api/engagements/${id}/annex`, undefined, { 'accept-encoding': encoding });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-encoding')).toBe(encoding);
      expect(response.headers.get('vary')).toMatch(/accept-encoding/i);
      expect(response.headers.get('etag')).toBe(etag);
      const compressed = Buffer.from(await response.arrayBuffer());
      expect(compressed.length).toBeLessThan(plain.length / 3);
      expect(decompress(compressed).equals(plain)).toBe(true);
    }
  });
});
