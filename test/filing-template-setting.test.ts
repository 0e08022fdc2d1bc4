// The consultancy's filing templates as a workspace setting: an administrator uploads a DOCX per
// language, the server checks it before keeping it, and the Filings downloads of that language come
// inside it (or in Landfall's own layout with template=none). Refused files list their path and
// leave the kept template as it was; non-administrators cannot set, read back or remove one.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document, Footer, Packer, Paragraph, TextRun } from 'docx';
import { unzipSync, zipSync, strToU8 } from 'fflate';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEMPLATE_MAX_BYTES } from '../src/render/filing-template-limits.ts';
import { apiHarness, type Session } from './api-harness.ts';
import { DATABASES } from './db-helpers.ts';

const automotiveYaml = readFileSync(join(import.meta.dirname, '..', 'examples', 'automotive-oem.yaml'), 'utf8');
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function makeTemplate(body: string[], footer: string): Promise<Uint8Array> {
  const file = new Document({ sections: [{ footers: { default: new Footer({ children: [new Paragraph({ children: [new TextRun(footer)] })] }) }, children: body.map((text) => new Paragraph({ children: [new TextRun(text)] })) }] });
  return new Uint8Array(await Packer.toBuffer(file));
}

async function documentText(bytes: ArrayBuffer): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const parts = await Promise.all(Object.keys(zip.files).filter((name) => /^word\/(document|footer\d*)\.xml$/.test(name)).map((name) => zip.file(name)!.async('string')));
  return parts.join('\n');
}

let template: Uint8Array;
let chineseTemplate: Uint8Array;
beforeAll(async () => {
  template = await makeTemplate(['Prepared by Harbour Advisory.', '{{filing}}'], 'Harbour Advisory Ltd, confidential');
  chineseTemplate = await makeTemplate(['海港咨询编制。', '{{filing}}'], '海港咨询有限公司 保密');
});

describe.each(DATABASES)('filing templates on $name', ({ options: makeOptions }) => {
  const { login, call, request } = apiHarness(makeOptions, [['admin@example.com', 'Ada', { isAdmin: true }], ['owner@example.com', 'Olga']]);
  const upload = (session: Session | null, locale: string, bytes: Uint8Array, type = DOCX, name?: string) =>
    request(`/api/settings/filing-templates/${locale}${name ? `?name=${encodeURIComponent(name)}` : ''}`, {
      method: 'PUT',
      headers: { ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrf } : {}), 'content-type': type },
      body: Buffer.from(bytes),
    });

  it('an administrator sets one per language; the Filings downloads of that language come inside it', async () => {
    const admin = await login('admin@example.com');
    const owner = await login('owner@example.com');
    const id = ((await (await call(owner, 'POST', '/api/engagements', { name: 'Example Motors', profile: automotiveYaml })).json()) as Json).id as string;
    const pack = `/api/engagements/${id}/filings/mlps-grading?system=telematics`;

    const before = await call(owner, 'GET', `${pack}&lang=en`);
    expect(before.status).toBe(200);
    expect(before.headers.get('x-landfall-template')).toBe('none');

    const kept = await upload(admin, 'en', template, DOCX, 'harbour "letterhead".docx');
    expect(kept.status, await kept.clone().text()).toBe(200);
    const info = (await kept.json()) as Json;
    expect(info).toMatchObject({ locale: 'en', fileName: 'harbour letterhead.docx', bytes: template.byteLength });
    expect(info.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await upload(admin, 'zh-CN', chineseTemplate)).status).toBe(200);

    const listed = (await (await call(owner, 'GET', '/api/settings/filing-templates')).json()) as Json;
    expect(listed.templates.map((entry: Json) => entry.locale)).toEqual(['en', 'zh-CN']);
    expect(listed.maxBytes).toBe(TEMPLATE_MAX_BYTES);
    expect(listed.templates.every((entry: Json) => Object.keys(entry).sort().join() === 'bytes,fileName,locale,sha256,updatedAt')).toBe(true);

    const english = await call(owner, 'GET', `${pack}&lang=en`);
    expect(english.headers.get('x-landfall-template')).toBe(info.sha256);
    const englishText = await documentText(await english.arrayBuffer());
    expect(englishText).toContain('Prepared by Harbour Advisory.');
    expect(englishText).toContain('Harbour Advisory Ltd, confidential');
    expect(englishText).toContain('MLPS grading report');
    expect(englishText).not.toContain('{{filing}}');

    const chinese = await documentText(await (await call(owner, 'GET', `${pack}&lang=zh-CN`)).arrayBuffer());
    expect(chinese).toContain('海港咨询有限公司 保密');
    expect(chinese).toContain('定级报告');

    const plain = await call(owner, 'GET', `${pack}&lang=en&template=none`);
    expect(plain.headers.get('x-landfall-template')).toBe('none');
    expect(await documentText(await plain.arrayBuffer())).not.toContain('Harbour Advisory');

    const back = await call(admin, 'GET', '/api/settings/filing-templates/en');
    expect(back.status).toBe(200);
    expect(new Uint8Array(await back.arrayBuffer())).toEqual(template);

    expect((await call(admin, 'DELETE', '/api/settings/filing-templates/en')).status).toBe(204);
    expect((await call(admin, 'DELETE', '/api/settings/filing-templates/en')).status).toBe(404);
    expect((await call(owner, 'GET', `${pack}&lang=en`)).headers.get('x-landfall-template')).toBe('none');
  });

  it('refuses what is not a usable template with the path, and non-administrators, keeping what was there', async () => {
    const admin = await login('admin@example.com');
    const owner = await login('owner@example.com');
    expect((await upload(admin, 'zh-CN', chineseTemplate)).status).toBe(200);
    const keptBefore = (await (await call(admin, 'GET', '/api/settings/filing-templates')).json()) as Json;

    const refusal = async (bytes: Uint8Array, type = DOCX) => {
      const response = await upload(admin, 'zh-CN', bytes, type);
      return { status: response.status, body: (await response.json()) as Json };
    };
    const noPlaceholder = await refusal(await makeTemplate(['No place for the pack.'], 'x'));
    expect(noPlaceholder.status).toBe(400);
    expect(noPlaceholder.body.error.problems[0].path).toBe('template: word/document.xml');
    const macro = await refusal(zipSync({ ...unzipSync(chineseTemplate), 'word/vbaProject.bin': strToU8('macro') }));
    expect(macro.status).toBe(400);
    expect(macro.body.error.problems.map((problem: Json) => problem.path)).toContain('template: word/vbaProject.bin');
    expect((await refusal(strToU8('plain text, not a document'))).body.error.problems[0].path).toBe('template');
    expect((await refusal(chineseTemplate, 'application/json')).status).toBe(415);
    const oversize = await refusal(new Uint8Array(TEMPLATE_MAX_BYTES + 1));
    expect(oversize.status).toBe(413);
    expect(oversize.body.error.code).toBe('too_large');
    expect((await upload(admin, 'fr', chineseTemplate)).status).toBe(400);

    const forbidden = await upload(owner, 'zh-CN', template);
    expect(forbidden.status).toBe(403);
    expect(((await forbidden.json()) as Json).error.message).toBe('Only an administrator sets the filing templates.');
    expect((await call(owner, 'GET', '/api/settings/filing-templates/zh-CN')).status).toBe(403);
    expect((await call(owner, 'DELETE', '/api/settings/filing-templates/zh-CN')).status).toBe(403);
    expect((await upload(null, 'zh-CN', template)).status).toBe(401);
    expect((await call(null, 'GET', '/api/settings/filing-templates')).status).toBe(401);

    // Nothing refused replaced the kept template.
    expect(await (await call(admin, 'GET', '/api/settings/filing-templates')).json()).toEqual(keptBefore);
  });
});
