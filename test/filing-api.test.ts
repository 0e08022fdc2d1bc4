// Filing packs through the API: for every example engagement, every pack that applies downloads in
// English and Chinese as DOCX with its title in it; the list says which apply, for which systems and
// transfers; bad kinds, systems, transfers and languages are refused with the path of the problem;
// and the engagement's default language, set by an editor and audited, is the download's default.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { listExamples } from '../src/server/examples.ts';
import { apiHarness, type Session } from './api-harness.ts';
import { DATABASES } from './db-helpers.ts';

const automotive = readFileSync(join(import.meta.dirname, '..', 'examples', 'automotive-oem.yaml'), 'utf8');
type Kind = 'pipia' | 'standard-contract' | 'security-assessment' | 'mlps-grading' | 'mlps-filing';
interface Listed { asOf: string; language: string; filings: Array<{ kind: Kind; systems: Array<{ id: string; name: string }> | null; transfers: string[] | null }> }
/** The title each pack opens with, in each language (content/messages), with the handler or the system. */
const TITLES: Record<Kind, Record<'en' | 'zh-CN', (name: string) => string>> = {
  pipia: { en: (name) => `Personal information protection impact assessment report: ${name}`, 'zh-CN': (name) => `${name}个人信息保护影响评估报告` },
  'standard-contract': { en: (name) => `Standard contract filing pack: ${name}`, 'zh-CN': (name) => `${name}个人信息出境标准合同备案材料` },
  'security-assessment': { en: (name) => `Security-assessment declaration pack: ${name}`, 'zh-CN': (name) => `${name}数据出境安全评估申报材料` },
  'mlps-grading': { en: (name) => `MLPS grading report: ${name}`, 'zh-CN': (name) => `${name}安全保护等级定级报告` },
  'mlps-filing': { en: (name) => `MLPS filing form: ${name}`, 'zh-CN': (name) => `${name}网络安全等级保护备案表` },
};

/** The text of a DOCX body, runs joined, entities decoded. */
async function docxText(response: Response): Promise<string> {
  const xml = await (await JSZip.loadAsync(await response.arrayBuffer())).file('word/document.xml')!.async('string');
  return xml.replace(/<w:p[ >][\s\S]*?<\/w:p>/g, (paragraph) => `${paragraph.replace(/<[^>]+>/g, '')}\n`).replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}
const pathsOf = async (response: Response) => ((await response.json()) as { error: { problems?: Array<{ path: string }> } }).error.problems?.map((problem) => problem.path);

describe.each(DATABASES)('filing packs API on $name', ({ name: database, options: makeOptions }) => {
  const { login, call } = apiHarness(makeOptions, [['owner@example.com', 'Olga'], ['editor@example.com', 'Eddie'], ['viewer@example.com', 'Vera'], ['other@example.com', 'Otto']]);

  async function engagement(owner: Session, name: string, profile: string): Promise<string> {
    const created = await call(owner, 'POST', '/api/engagements', { name, profile });
    expect(created.status).toBe(201);
    return ((await created.json()) as { id: string }).id;
  }

  it.runIf(database === 'PGlite')('downloads every applicable pack of every example in both languages as DOCX, each with its title', async () => {
    const owner = await login('owner@example.com');
    const seen = new Map<string, Kind[]>();
    for (const example of listExamples()) {
      const id = await engagement(owner, `Filings ${example.id}`, example.text);
      const listed = (await (await call(owner, 'GET', `/api/engagements/${id}/filings`)).json()) as Listed;
      expect(listed).toMatchObject({ asOf: '2026-11-22', language: 'en' });
      seen.set(example.id, listed.filings.map((filing) => filing.kind));
      for (const filing of listed.filings) {
        const targets = filing.systems ? filing.systems.map((system) => ({ query: `&system=${system.id}`, name: system.name })) : [{ query: '', name: example.organisation }];
        for (const target of targets) {
          for (const lang of ['en', 'zh-CN'] as const) {
            const response = await call(owner, 'GET', `/api/engagements/${id}/filings/${filing.kind}?lang=${lang}&format=docx${target.query}`);
            expect(response.status, `${example.id} ${filing.kind}${target.query} ${lang}`).toBe(200);
            expect(response.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename=".+-${filing.kind}(-[a-z0-9-]+)?-${lang}-2026-11-22\\.docx"$`));
            expect(await docxText(response), `${example.id} ${filing.kind} ${lang}`).toContain(TITLES[filing.kind][lang](target.name));
          }
        }
      }
    }
    // The route decides as the CLI's models do: a standard contract where that is the route, a security assessment where that is.
    expect(seen.get('automotive-oem')).toEqual(['pipia', 'standard-contract', 'mlps-grading', 'mlps-filing']);
    expect(seen.get('fintech-cii')).toContain('security-assessment');
    expect(seen.get('fintech-cii')).not.toContain('standard-contract');
    expect(seen.get('b2b-saas')).not.toContain('standard-contract');
    expect(seen.get('b2b-saas')).not.toContain('security-assessment');
  }, 300_000);

  it('lists the systems and transfers of each pack, names the files and refuses what cannot be drafted, with the path', async () => {
    const owner = await login('owner@example.com');
    const id = await engagement(owner, 'Example Motors China', automotive);
    const listed = (await (await call(owner, 'GET', `/api/engagements/${id}/filings`)).json()) as Listed;
    expect(listed.filings.find((filing) => filing.kind === 'standard-contract')).toEqual({ kind: 'standard-contract', systems: null, transfers: ['crm-sync', 'telematics-engineering-access'] });
    expect(listed.filings.find((filing) => filing.kind === 'mlps-grading')!.systems!.map((system) => system.id)).toEqual(['dealer-portal', 'telematics', 'ev-remote-service']);

    const grading = await call(owner, 'GET', `/api/engagements/${id}/filings/mlps-grading?system=telematics`);
    expect(grading.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(grading.headers.get('content-disposition')).toBe('attachment; filename="example-motors-mlps-grading-telematics-en-2026-11-22.docx"');
    const markdown = await call(owner, 'GET', `/api/engagements/${id}/filings/standard-contract?transfer=crm-sync&contractEffective=2026-02-10&format=md&lang=zh-CN`);
    expect(markdown.headers.get('content-disposition')).toBe('attachment; filename="example-motors-standard-contract-zh-CN-2026-11-22.md"');
    const text = await markdown.text();
    expect(text).toContain('附录一：出境事项 crm-sync');
    expect(text).not.toContain('telematics-engineering-access');
    const model = (await (await call(owner, 'GET', `/api/engagements/${id}/filings/pipia?format=json`)).json()) as { kind: string; lang: string; transfers: unknown[] };
    expect(model).toMatchObject({ kind: 'pipia', lang: 'en' });
    expect(model.transfers.length).toBeGreaterThan(0);

    const refusals: Array<[string, number, string[]]> = [
      ['filings/pipia-draft', 400, ['kind']],
      ['filings/pipia?lang=fr&format=pdf', 400, ['lang', 'format']],
      ['filings/mlps-grading', 400, ['system']],
      ['filings/mlps-grading?system=nope', 404, ['system']],
      ['filings/standard-contract?transfer=nope', 404, ['transfer']],
      ['filings/security-assessment', 404, ['kind']],
      ['filings/standard-contract?contractEffective=2026-02-30', 400, ['contractEffective']],
    ];
    for (const [path, status, paths] of refusals) {
      const response = await call(owner, 'GET', `/api/engagements/${id}/${path}`);
      expect(response.status, path).toBe(status);
      expect((await pathsOf(response))?.sort(), path).toEqual(paths.sort());
    }
    expect((await call(await login('other@example.com'), 'GET', `/api/engagements/${id}/filings`)).status).toBe(404);
    expect((await call(await login('other@example.com'), 'GET', `/api/engagements/${id}/filings/pipia`)).status).toBe(404);
  });

  it('drafts the packs of a profile that leaves out its controls and most defaults (never a 500)', async () => {
    const owner = await login('owner@example.com');
    const id = await engagement(owner, 'Sparse Co', JSON.stringify({ organisation: { name: 'Sparse Co' }, systems: [{ id: 'app', hosting: 'mainland' }], transfers: [{ id: 't', fromSystem: 'app', destination: 'DE', nonSensitiveIndividuals: 200000 }] }));
    const listed = (await (await call(owner, 'GET', `/api/engagements/${id}/filings`)).json()) as Listed;
    expect(listed.filings.map((filing) => filing.kind)).toEqual(['pipia', 'standard-contract', 'mlps-grading', 'mlps-filing']);
    for (const filing of listed.filings) {
      for (const lang of ['en', 'zh-CN']) {
        const response = await call(owner, 'GET', `/api/engagements/${id}/filings/${filing.kind}?lang=${lang}`);
        expect(response.status, `${filing.kind} ${lang}`).toBe(200);
        expect(await docxText(response)).toContain(TITLES[filing.kind][lang as 'en' | 'zh-CN'](filing.systems ? 'app' : 'Sparse Co'));
      }
    }
  });

  it('keeps a default language that an editor sets, audited, and that downloads follow unless they ask for another', async () => {
    const owner = await login('owner@example.com');
    const id = await engagement(owner, 'Language Motors', automotive);
    for (const [email, role] of [['editor@example.com', 'editor'], ['viewer@example.com', 'viewer']] as const) expect((await call(owner, 'POST', `/api/engagements/${id}/members`, { email, role })).status).toBe(200);
    const editor = await login('editor@example.com');
    const viewer = await login('viewer@example.com');
    expect(((await (await call(viewer, 'GET', `/api/engagements/${id}`)).json()) as { language: string }).language).toBe('en');
    expect((await call(viewer, 'PUT', `/api/engagements/${id}/language`, { language: 'zh-CN' })).status).toBe(403);
    const bad = await call(editor, 'PUT', `/api/engagements/${id}/language`, { language: 'fr' });
    expect(bad.status).toBe(400);
    expect(await pathsOf(bad)).toEqual(['language']);
    const set = await call(editor, 'PUT', `/api/engagements/${id}/language`, { language: 'zh-CN' });
    expect(set.status).toBe(200);
    expect(((await set.json()) as { language: string }).language).toBe('zh-CN');
    const history = (await (await call(owner, 'GET', `/api/engagements/${id}/history`)).json()) as { entries: Array<{ action: string; before: unknown; after: unknown; by: { email: string } }> };
    expect(history.entries[0]).toMatchObject({ action: 'set_language', before: { language: 'en' }, after: { language: 'zh-CN' }, by: { email: 'editor@example.com' } });

    const chinese = await call(viewer, 'GET', `/api/engagements/${id}/filings/mlps-grading?system=telematics`);
    expect(chinese.headers.get('content-disposition')).toContain('-zh-CN-');
    expect(await docxText(chinese)).toContain('Connected-car telematics platform安全保护等级定级报告');
    const english = await call(viewer, 'GET', `/api/engagements/${id}/filings/mlps-grading?system=telematics&lang=en`);
    expect(await docxText(english)).toContain('MLPS grading report: Connected-car telematics platform');

    expect((await call(owner, 'POST', `/api/engagements/${id}/archive`)).status).toBe(200);
    expect((await call(owner, 'PUT', `/api/engagements/${id}/language`, { language: 'en' })).status).toBe(409);
  });
});
