// The consultancy's branding of the deliverables: an administrator sets the name and logo, every
// annex format carries them, the logo is re-encoded by the server (never served as uploaded), and
// kept annex bodies are not served with the old branding.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { pngSize } from '../src/render/logo.ts';
import { apiHarness, type Session } from './api-harness.ts';
import { landfall } from './cli-harness.ts';
import { DATABASES } from './db-helpers.ts';

const automotiveYaml = readFileSync(join(import.meta.dirname, '..', 'examples', 'automotive-oem.yaml'), 'utf8');
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A wide raster image with a recognisable colour, larger than the box the server keeps. */
const wideJpeg = () => sharp({ create: { width: 2000, height: 500, channels: 3, background: { r: 200, g: 30, b: 60 } } }).jpeg().toBuffer();

function crc32(bytes: Uint8Array): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

/** A PNG whose header claims width × height (its CRC fixed, so decoders believe it). */
async function claimedSize(png: Buffer, width: number, height: number): Promise<Buffer> {
  const copy = Buffer.from(png);
  copy.writeUInt32BE(width, 16);
  copy.writeUInt32BE(height, 20);
  copy.writeUInt32BE(crc32(copy.subarray(12, 29)), 29);
  return copy;
}

async function docxText(bytes: ArrayBuffer): Promise<{ files: string[]; xml: string }> {
  const zip = await JSZip.loadAsync(bytes);
  const files = Object.keys(zip.files);
  const parts = await Promise.all(files.filter((name) => /^word\/(document|header\d*|footer\d*)\.xml$/.test(name) || name === 'docProps/core.xml').map((name) => zip.file(name)!.async('string')));
  return { files, xml: parts.join('\n') };
}

describe.each(DATABASES)('branding on $name', ({ options: makeOptions }) => {
  const { login, call, database } = apiHarness(makeOptions, [['admin@example.com', 'Ada', { isAdmin: true }], ['owner@example.com', 'Olga']]);
  const created = async (session: Session) => ((await (await call(session, 'POST', '/api/engagements', { name: 'Demo: Example Motors GmbH', profile: automotiveYaml })).json()) as Json).id as string;

  it('is set by an administrator, re-encodes the logo, and every annex format carries it', async () => {
    const admin = await login('admin@example.com');
    const owner = await login('owner@example.com');
    const id = await created(owner);

    const unset = (await (await call(owner, 'GET', '/api/settings/branding')).json()) as Json;
    expect(unset).toMatchObject({ consultancy: null, hasLogo: false, version: 0 });
    expect((await call(owner, 'GET', '/api/settings/branding/logo')).status).toBe(404);
    const before = await call(owner, 'GET', `/api/engagements/${id}/annex?format=md`);
    const tagBefore = before.headers.get('etag')!;
    expect(await before.text()).toContain('prepared by Landfall');

    const upload = await wideJpeg();
    const set = await call(admin, 'PUT', '/api/settings/branding', { consultancy: 'Harbour & <Peak> Advisory', logo: upload.toString('base64') });
    expect(set.status).toBe(200);
    expect(await set.json()).toMatchObject({ consultancy: 'Harbour & <Peak> Advisory', hasLogo: true, version: 1 });

    // The logo is a PNG the server made, fitted in 800 × 300, never the uploaded bytes.
    const logo = await call(owner, 'GET', '/api/settings/branding/logo');
    expect(logo.headers.get('content-type')).toBe('image/png');
    const png = new Uint8Array(await logo.arrayBuffer());
    expect(Buffer.from(png).equals(upload)).toBe(false);
    expect(pngSize(png)).toEqual({ width: 800, height: 200 });

    // Kept bodies of the same engagement revision are not served with the old branding.
    const md = await call(owner, 'GET', `/api/engagements/${id}/annex?format=md`, undefined, { 'if-none-match': tagBefore });
    expect(md.status).toBe(200);
    expect(md.headers.get('etag')).not.toBe(tagBefore);
    expect(await md.text()).toContain('prepared by Harbour & \\<Peak\\> Advisory');

    const html = await (await call(owner, 'GET', `/api/engagements/${id}/annex?format=html`)).text();
    expect(html).toContain('prepared by Harbour &amp; &lt;Peak&gt; Advisory');
    expect(html).toMatch(/<img class="logo" src="data:image\/png;base64,[A-Za-z0-9+/=]+" width="240" height="60" alt="Harbour &amp; &lt;Peak&gt; Advisory">/);
    expect(html).not.toContain('<Peak>');

    const docx = await docxText(await (await call(owner, 'GET', `/api/engagements/${id}/annex?format=docx`)).arrayBuffer());
    expect(docx.files.some((name) => /^word\/media\/.+\.png$/.test(name))).toBe(true);
    expect(docx.xml).toContain('Harbour &amp; &lt;Peak&gt; Advisory');

    // The change is audited outside any engagement, without the logo's bytes.
    const { rows } = await database().query<{ user_id: string; after: Json }>("select user_id, after from audit_log where entity = 'branding'");
    expect(rows).toHaveLength(1);
    const after = typeof rows[0]!.after === 'string' ? JSON.parse(rows[0]!.after) : rows[0]!.after;
    expect(after).toEqual({ consultancy: 'Harbour & <Peak> Advisory', logoBytes: png.byteLength });

    // A change without `logo` keeps the logo; null removes it.
    expect(await (await call(admin, 'PUT', '/api/settings/branding', { consultancy: 'Harbour Advisory' })).json()).toMatchObject({ hasLogo: true, version: 2 });
    expect(await (await call(admin, 'PUT', '/api/settings/branding', { consultancy: 'Harbour Advisory', logo: null })).json()).toMatchObject({ hasLogo: false, version: 3 });
    expect((await call(owner, 'GET', '/api/settings/branding/logo')).status).toBe(404);
  });

  it('refuses non-administrators, anonymous callers and anything that is not a raster image, listing the path', async () => {
    const admin = await login('admin@example.com');
    const owner = await login('owner@example.com');
    const refused = await call(owner, 'PUT', '/api/settings/branding', { consultancy: 'Mine now' });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as Json).error.message).toBe('Only an administrator changes the branding of the deliverables.');
    expect((await call(null, 'GET', '/api/settings/branding')).status).toBe(401);
    expect((await call(null, 'GET', '/api/settings/branding/logo')).status).toBe(401);

    const problem = async (body: unknown) => {
      const response = await call(admin, 'PUT', '/api/settings/branding', body);
      expect(response.status).toBe(400);
      return [...new Set(((await response.json()) as Json).error.problems.map((entry: Json) => entry.path as string))];
    };
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>';
    expect(await problem({ consultancy: 'Fine', logo: Buffer.from(svg).toString('base64') })).toEqual(['logo']);
    expect(await problem({ consultancy: 'Fine', logo: Buffer.from('not an image at all').toString('base64') })).toEqual(['logo']);
    expect(await problem({ consultancy: 'Fine', logo: '***' })).toEqual(['logo']);
    expect(await problem({ consultancy: 'Two\nlines' })).toEqual(['consultancy']);
    expect(await problem({ consultancy: '' })).toEqual(['consultancy']);
    expect(await problem({ consultancy: 'Fine', extra: 1 })).toEqual(['(body)']);
    // A small file that claims an enormous image is refused, not decoded.
    const bomb = await claimedSize(await sharp({ create: { width: 1, height: 1, channels: 3, background: { r: 0, g: 0, b: 0 } } }).png().toBuffer(), 30000, 30000);
    expect(await problem({ consultancy: 'Fine', logo: bomb.toString('base64') })).toEqual(['logo']);
    // Nothing refused was kept.
    expect(((await (await call(owner, 'GET', '/api/settings/branding')).json()) as Json).consultancy).not.toBe('Fine');
  });
});

describe('landfall annex --consultancy --logo', () => {
  it('puts the name and the logo on the DOCX cover, and lists every bad option with its path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'landfall-branding-'));
    const logo = join(dir, 'logo.jpg');
    writeFileSync(logo, await wideJpeg());
    const out = join(dir, 'annex.docx');
    const run = await landfall('annex', 'examples/automotive-oem.yaml', '--format', 'docx', '--consultancy', 'Harbour Advisory', '--logo', logo, '--out', out);
    expect(run.status, run.stderr).toBe(0);
    const docx = await docxText(readFileSync(out).buffer as ArrayBuffer);
    expect(docx.files.some((name) => /^word\/media\/.+\.png$/.test(name))).toBe(true);
    expect(docx.xml).toContain('Harbour Advisory');

    const text = join(dir, 'logo.txt');
    writeFileSync(text, 'plain text');
    const bad = await landfall('annex', 'examples/automotive-oem.yaml', '--format', 'md', '--consultancy', ' ', '--logo', text);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--consultancy');
    expect(bad.stderr).toContain('--logo');
    const missing = await landfall('annex', 'examples/automotive-oem.yaml', '--format', 'md', '--logo', join(dir, 'absent.png'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('--logo: cannot read the logo: ENOENT');
  });
});
