// The content declares the date its knowledge runs to; an assessment date beyond it is answered with a
// warning naming the horizon in every output: the assessment JSON, Markdown, HTML and the annex formats.
import { describe, expect, it } from 'vitest';
import { deriveAnnex } from '../src/core/annex/derive-annex.ts';
import { annexView, derivedItems, renderAnnexHtml, renderAnnexMarkdown } from '../src/render/render-annex.ts';
import { renderAssessmentHtml } from '../src/render/render-assessment-html.ts';
import { renderAssessmentMarkdown } from '../src/render/render-assessment-markdown.ts';
import { assess, book, profile } from './helpers.ts';

const horizon = book.horizon!;
const dayAfter = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

describe('content horizon', () => {
  it('is declared by the content', () => {
    expect(horizon).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('gives no warning on the horizon itself', () => {
    const assessment = assess(profile(), horizon);
    expect(assessment.contentHorizon).toBe(horizon);
    expect(assessment.warnings).toEqual([]);
    expect(renderAssessmentMarkdown(assessment)).not.toContain('content horizon');
  });

  it('answers a later date with a warning naming the horizon in JSON, Markdown, HTML and the annex', async () => {
    const later = dayAfter(horizon);
    const assessment = assess(profile(), later);
    expect(assessment.asOf).toBe(later);
    expect(assessment.warnings).toHaveLength(1);
    expect(assessment.warnings[0]).toMatchObject({ id: 'content_horizon' });
    expect(assessment.warnings[0]!.message).toContain(horizon);
    expect(JSON.parse(JSON.stringify(assessment)).warnings[0].message).toContain(horizon);
    expect(renderAssessmentMarkdown(assessment)).toContain(`beyond the content horizon ${horizon}`);
    expect(renderAssessmentHtml(assessment)).toContain(`beyond the content horizon ${horizon}`);

    const annex = deriveAnnex(assessment);
    const view = annexView(annex, derivedItems(annex), later);
    expect(renderAnnexMarkdown(view)).toContain(`content horizon ${horizon}`);
    expect(renderAnnexHtml(view)).toContain(`content horizon ${horizon}`);
    const { renderAnnexDocx } = await import('../src/render/render-annex-docx.ts');
    const { default: JSZip } = await import('jszip');
    const zip = await JSZip.loadAsync(await renderAnnexDocx(view));
    expect(await zip.file('word/document.xml')!.async('string')).toContain(`content horizon ${horizon}`);
    const { renderAnnexXlsx } = await import('../src/render/render-annex-xlsx.ts');
    const workbook = await JSZip.loadAsync(await renderAnnexXlsx(view));
    const sheets = await Promise.all(Object.keys(workbook.files).filter((name) => name.startsWith('xl/') && !workbook.files[name]!.dir).map((name) => workbook.file(name)!.async('string')));
    expect(sheets.some((sheet) => sheet.includes(`content horizon ${horizon}`))).toBe(true);
  });
});
