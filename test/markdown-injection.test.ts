// Issue 10, item 7: user text that carries a line break of any kind (CR, CRLF, LF, U+2028,
// U+2029) must not start a line of its own in the Markdown, where it could define a reference link
// or an image. Every user text field of a profile, and annex items edited through the API, carry
// such payloads; the HTML annex and the HTML assessment, parsed as HTML, must hold no link or image
// to a URL the user chose, and neither may the Markdown downloads read by a stock CommonMark reader.
import MarkdownIt from 'markdown-it';
import { parse } from 'parse5';
import { describe, expect, it } from 'vitest';
import { deriveAnnex } from '../src/core/annex/derive-annex.ts';
import { gapsForProfile } from '../src/core/controls/profile-gaps.ts';
import { assessProfile } from '../src/core/assess/assess-profile.ts';
import { engineText } from '../src/i18n/messages.ts';
import { instrumentTitlesOf } from '../src/render/annex-parts.ts';
import { annexView, derivedItems, renderAnnexHtml, renderAnnexMarkdown } from '../src/render/render-annex.ts';
import { renderGapsMarkdown } from '../src/render/render-gaps.ts';
import { renderAssessmentHtml } from '../src/render/render-assessment-html.ts';
import { citationLink, renderAssessmentMarkdown } from '../src/render/render-assessment-markdown.ts';
import { apiHarness } from './api-harness.ts';
import { DATABASES } from './db-helpers.ts';
import { assess, book, profile, system, transfer } from './helpers.ts';

const SEPARATORS = { CR: '\r', CRLF: '\r\n', LF: '\n', 'U+2028': '\u2028', 'U+2029': '\u2029' } as const;

/** Reference-link definitions, then references, inline links and images that would use them. */
function payload(separator: string, field: string): string {
  const url = `https://evil.example/${field}`;
  return [field, `[x]: ${url}`, '', `[x] [y][x] ![z][x] [a](${url}/a) ![b](${url}/b) <${url}/c>`, '[x]'].join(separator);
}

function hostileProfile(separator: string) {
  const text = (field: string) => payload(separator, field);
  return profile({
    organisation: { name: text('organisation'), mainlandCity: text('city'), freeTradeZone: text('ftz') },
    systems: [
      system({ id: 'portal', name: text('system'), hosting: 'overseas', integrations: [text('integration'), 'wechat-pay'], dataCategories: [text('category')] }),
    ],
    transfers: [
      transfer({ id: 't1', fromSystem: 'portal', recipient: text('recipient'), nonSensitiveIndividuals: 150_000 }),
      transfer({ id: 't2', fromSystem: 'portal', recipient: text('exempt'), scenario: 'ftz_outside_negative_list' }),
    ],
    controls: { practices: { cryptography: [text('crypto')] } },
  });
}

/** The addresses of the instruments' texts in content/instruments.yaml, which citations link to. */
const INSTRUMENT_URLS = new Set([...book.instruments.values()].map((instrument) => instrument.url).filter((url): url is string => url != null));

/**
 * Every href and src in a parsed HTML document, but the contents' links to the document's own
 * parts (`#part-N`, Landfall's anchors on its own headings) and the citations' links to the
 * instruments' texts (addresses from content/, never from a profile).
 */
function urlsIn(html: string): string[] {
  return allUrlsIn(html).filter((url) => !/^#part-\d+$/.test(url) && !INSTRUMENT_URLS.has(url));
}

function allUrlsIn(html: string): string[] {
  const urls: string[] = [];
  const stack: unknown[] = [parse(html)];
  while (stack.length > 0) {
    const node = stack.pop() as { attrs?: Array<{ name: string; value: string }>; childNodes?: unknown[]; content?: unknown };
    for (const attribute of node.attrs ?? []) if (attribute.name === 'href' || attribute.name === 'src') urls.push(attribute.value);
    stack.push(...(node.childNodes ?? []), ...(node.content ? [node.content] : []));
  }
  return urls;
}

const commonMark = new MarkdownIt();

describe.each(Object.entries(SEPARATORS))('user text split by %s', (_name, separator) => {
  const input = hostileProfile(separator);
  const assessment = assess(input);
  const annex = deriveAnnex(assessment);
  const view = annexView(annex, derivedItems(annex), '2026-11-22');

  it('the payload reaches the documents (the test sees what it attacks)', () => {
    for (const field of ['organisation', 'system', 'integration']) expect(renderAnnexMarkdown(view) + renderAssessmentMarkdown(assessment)).toContain(`https://evil.example/${field}`);
    expect(renderAssessmentMarkdown(assessment)).toContain('https://evil.example/ftz');
  });

  it('the HTML annex and the HTML assessment link to nothing but the cited instruments', () => {
    // The test would see a link if one got through: the annex does link its citations.
    expect(allUrlsIn(renderAnnexHtml(view)).filter((url) => INSTRUMENT_URLS.has(url)).length).toBeGreaterThan(0);
    expect(urlsIn(renderAnnexHtml(view))).toEqual([]);
    expect(urlsIn(renderAssessmentHtml(assessment))).toEqual([]);
  });

  it('the Markdown downloads, read by a stock CommonMark reader, link to nothing but the cited instruments', () => {
    expect(urlsIn(commonMark.render(renderAnnexMarkdown(view)))).toEqual([]);
    expect(urlsIn(commonMark.render(renderAssessmentMarkdown(assessment)))).toEqual([]);
  });

  it('the Chinese annex and the gap registers in both languages link to nothing either', () => {
    const zhAnnex = deriveAnnex(assessProfile(book, input, '2026-11-22', engineText('zh-CN')), { say: engineText('zh-CN') });
    const zh = annexView(zhAnnex, derivedItems(zhAnnex), '2026-11-22', { locale: 'zh-CN', instrumentTitles: instrumentTitlesOf(book) });
    const markdown = renderAnnexMarkdown(zh);
    expect(markdown).toContain('## 要求清单');
    for (const field of ['organisation', 'system', 'integration']) expect(markdown).toContain(`https://evil.example/${field}`);
    expect(allUrlsIn(renderAnnexHtml(zh)).filter((url) => INSTRUMENT_URLS.has(url)).length).toBeGreaterThan(0);
    expect(urlsIn(renderAnnexHtml(zh))).toEqual([]);
    expect(urlsIn(commonMark.render(markdown))).toEqual([]);
    const gaps = gapsForProfile(book, input, '2026-11-22', engineText('zh-CN'));
    for (const locale of ['en', 'zh-CN'] as const) {
      const register = renderGapsMarkdown(gaps, locale);
      expect(register).toContain('https://evil.example/system');
      expect(urlsIn(commonMark.render(register))).toEqual([]);
    }
  });
});

describe.each(DATABASES)('annex items edited through the API on $name', ({ options }) => {
  const { login, call } = apiHarness(options, [['owner@example.com', 'Olga']]);

  it('carry no link of their own into the HTML or Markdown annex, whichever separator splits them', async () => {
    const owner = await login('owner@example.com');
    const created = await call(owner, 'POST', '/api/engagements', { name: 'Injection', profile: hostileProfile('\r') });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const items = ((await (await call(owner, 'GET', `/api/engagements/${id}/annex`)).json()) as { items: Array<{ id: string; version: number }> }).items;
    for (const [index, [name, separator]] of Object.entries(SEPARATORS).entries()) {
      const added = await call(owner, 'POST', `/api/engagements/${id}/annex/items`, { section: index % 2 === 0 ? 'register' : 'guardrail', category: 'compliance', title: payload(separator, `t-${name}`), text: payload(separator, `s-${name}`) });
      expect(added.status).toBe(201);
      const target = items[index]!;
      const edited = await call(owner, 'PATCH', `/api/engagements/${id}/annex/items/${target.id}`, { title: payload(separator, `et-${name}`), text: payload(separator, `es-${name}`), version: target.version });
      expect(edited.status).toBe(200);
    }
    const html = await (await call(owner, 'GET', `/api/engagements/${id}/annex?format=html`)).text();
    const md = await (await call(owner, 'GET', `/api/engagements/${id}/annex?format=md`)).text();
    for (const field of ['t-CR', 's-LF', 'et-U+2028', 'es-U+2029']) expect(md).toContain(`https://evil.example/${field}`);
    expect(urlsIn(html)).toEqual([]);
    expect(urlsIn(commonMark.render(md))).toEqual([]);
  });
});

describe('citation links', () => {
  const citation = { instrument: 'cn.pipl', article: '38', title: 'PIPL', effective: '2021-11-01', confidence: 'primary' as const };
  it('link only http(s) addresses, with the characters that could end the destination encoded', () => {
    expect(citationLink({ ...citation, url: 'javascript:alert(1)' })).toBe('PIPL Art. 38 (cn.pipl, from 2021-11-01)');
    expect(citationLink({ ...citation, url: null })).toBe('PIPL Art. 38 (cn.pipl, from 2021-11-01)');
    const link = citationLink({ ...citation, url: 'https://example.gov.cn/a(b)c<d>.html' });
    expect(link).toBe('[PIPL Art. 38 (cn.pipl, from 2021-11-01)](https://example.gov.cn/a%28b%29c%3Cd%3E.html)');
    expect(allUrlsIn(new MarkdownIt().render(link))).toEqual(['https://example.gov.cn/a%28b%29c%3Cd%3E.html']);
  });
});
