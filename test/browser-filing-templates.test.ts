// The filing templates in the workbench: an administrator uploads a Word template for the Chinese
// packs on the Account page, a bad file is refused with the part at fault, and the Filings tab's
// Chinese download then comes inside the template.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Document, Footer, Packer, Paragraph, TextRun } from 'docx';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { CHROMIUM_AVAILABLE, logIn, workbenchInBrowser } from './browser-harness.ts';

const admin = { email: 'templates@example.com', password: 'a long enough template passphrase' };
const scratch = mkdtempSync(join(tmpdir(), 'landfall-browser-templates-'));

async function docx(paragraphs: string[], footer: string): Promise<string> {
  const file = new Document({ sections: [{ footers: { default: new Footer({ children: [new Paragraph({ children: [new TextRun(footer)] })] }) }, children: paragraphs.map((text) => new Paragraph({ children: [new TextRun(text)] })) }] });
  const path = join(scratch, `${footer.replace(/\W+/g, '-')}.docx`);
  writeFileSync(path, await Packer.toBuffer(file));
  return path;
}

describe.skipIf(!CHROMIUM_AVAILABLE)('filing templates in the workbench', () => {
  const session = workbenchInBrowser({ admin, today: () => '2026-12-01', name: 'browser-templates' });

  it('uploads, refuses a file without the placeholder, and the Chinese pack comes inside the template', async () => {
    const { page, server } = session;
    await logIn(page, server.url, admin);
    await page.goto(`${server.url}/account`);
    const chinese = page.getByRole('form', { name: 'Template for Chinese packs' });
    await chinese.getByText('None: these packs come in Landfall\'s own layout.').waitFor();

    await chinese.locator('input[type=file]').setInputFiles(await docx(['No place for the pack.'], 'refused'));
    await chinese.getByRole('button', { name: 'Upload template' }).click();
    await chinese.getByRole('list', { name: 'Why the file was refused' }).getByText('template: word/document.xml').waitFor();
    await chinese.getByText('None: these packs come in Landfall\'s own layout.').waitFor();

    await chinese.locator('input[type=file]').setInputFiles(await docx(['海港咨询编制。', '{{filing}}'], 'Harbour letterhead'));
    await chinese.getByRole('button', { name: 'Upload template' }).click();
    await chinese.getByText(/In use: Harbour-letterhead\.docx/).waitFor();

    // The Chinese grading report downloaded from the engagement comes inside the template.
    const list = (await (await page.request.get(`${server.url}/api/engagements?limit=50`)).json()) as { engagements: Array<{ id: string; name: string }> };
    const motors = list.engagements.find((engagement) => /Motors/.test(engagement.name))!;
    const response = await page.request.get(`${server.url}/api/engagements/${motors.id}/filings/mlps-grading?system=telematics&lang=zh-CN`);
    expect(response.status()).toBe(200);
    const zip = await JSZip.loadAsync(await response.body());
    const text = (await Promise.all(Object.keys(zip.files).filter((name) => /^word\/(document|footer\d*)\.xml$/.test(name)).map((name) => zip.file(name)!.async('string')))).join('');
    expect(text).toContain('海港咨询编制。');
    expect(text).toContain('Harbour letterhead');
    expect(text).toContain('定级报告');

    await chinese.getByRole('button', { name: 'Remove' }).click();
    await chinese.getByText('Removed. These packs now come in Landfall\'s own layout.').waitFor();
    expect(readFileSync(join(scratch, 'Harbour-letterhead.docx')).byteLength).toBeGreaterThan(0);
  });
});
