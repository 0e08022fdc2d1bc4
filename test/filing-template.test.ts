// A consultancy's Word template for the filing packs (`landfall filing ... --template FILE.docx`):
// the pack lands where the template says {{filing}}, inside the template's header and footer; a
// template that is not a bounded, macro-free DOCX with that placeholder is refused with its path.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Document, Footer, Header, Packer, Paragraph, TextRun } from 'docx';
import { strToU8, unzipSync, zipSync } from 'fflate';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEMPLATE_MAX_BYTES } from '../src/render/filing-template.ts';
import { landfall } from './cli-harness.ts';

const scratch = mkdtempSync(join(tmpdir(), 'landfall-filing-template-'));
const GRADING = ['filing', 'mlps-grading', 'examples/automotive-oem.yaml', '--system', 'telematics', '--as-of', '2026-12-01', '--format', 'docx'];
let template: Uint8Array;

async function makeTemplate(body: string[]): Promise<Uint8Array> {
  const file = new Document({
    sections: [{
      headers: { default: new Header({ children: [new Paragraph({ children: [new TextRun('Harbour Advisory · {{title}}')] })] }) },
      footers: { default: new Footer({ children: [new Paragraph({ children: [new TextRun('Harbour Advisory Ltd, confidential')] })] }) },
      children: body.map((text) => new Paragraph({ children: [new TextRun(text)] })),
    }],
  });
  return new Uint8Array(await Packer.toBuffer(file));
}

/** The template with some of its parts replaced or added. */
function rezip(bytes: Uint8Array, change: (parts: Record<string, Uint8Array>) => void): Uint8Array {
  const parts = unzipSync(bytes);
  change(parts);
  return zipSync(parts);
}

const write = (name: string, bytes: Uint8Array | string) => {
  const path = join(scratch, name);
  writeFileSync(path, bytes);
  return path;
};

beforeAll(async () => {
  template = await makeTemplate(['Prepared for the client by Harbour Advisory.', '{{filing}}', 'End of pack.']);
});

describe('landfall filing --template', () => {
  it.each(['en', 'zh-CN'])('puts the pack inside the template\'s header and footer (%s)', async (lang) => {
    const out = join(scratch, `templated-${lang}.docx`);
    const run = await landfall(...GRADING, '--lang', lang, '--template', write('template.docx', template), '--out', out);
    expect(run.status, run.stderr).toBe(0);
    const zip = await JSZip.loadAsync(readFileSync(out));
    const document = await zip.file('word/document.xml')!.async('string');
    expect(document).toContain('Prepared for the client by Harbour Advisory.');
    expect(document).toContain(lang === 'zh-CN' ? '业务信息安全保护等级的确定' : 'Security protection level of business information');
    expect(document).not.toContain('{{filing}}');
    expect(document.indexOf('Prepared for the client')).toBeLessThan(document.indexOf(lang === 'zh-CN' ? '定级报告' : 'MLPS grading report'));
    expect(document.indexOf(lang === 'zh-CN' ? '定级报告' : 'MLPS grading report')).toBeLessThan(document.indexOf('End of pack.'));
    const headers = await Promise.all(Object.keys(zip.files).filter((name) => /^word\/(header|footer)\d*\.xml$/.test(name)).map((name) => zip.file(name)!.async('string')));
    expect(headers.join('')).toContain('Harbour Advisory Ltd, confidential');
    expect(headers.join('')).toContain(lang === 'zh-CN' ? '安全保护等级定级报告' : 'MLPS grading report');
    if (lang === 'zh-CN') expect(document).toContain('w:eastAsia="FangSong"');
  });

  it('refuses what is not a usable template, each time with the path', async () => {
    const cases: Array<[name: string, bytes: Uint8Array | string, expected: string]> = [
      ['text.docx', 'not a zip at all', '--template: is not a DOCX file'],
      ['broken.docx', new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]), '--template: is not a DOCX file'],
      ['macros.docx', rezip(template, (parts) => {
        parts['[Content_Types].xml'] = strToU8(new TextDecoder().decode(parts['[Content_Types].xml']).replace('application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml', 'application/vnd.ms-word.document.macroEnabled.main+xml'));
      }), '--template: [Content_Types].xml: declares macros'],
      ['vba.docx', rezip(template, (parts) => { parts['word/vbaProject.bin'] = new Uint8Array([1, 2, 3]); }), '--template: word/vbaProject.bin: is a macro or ActiveX part'],
      ['nobody.docx', rezip(template, (parts) => { delete parts['word/document.xml']; }), '--template: word/document.xml: is missing'],
      ['bomb.docx', rezip(template, (parts) => { parts['word/media/padding.bin'] = new Uint8Array(48 * 1024 * 1024); }), 'a template may unzip to at most'],
      ['big.docx', new Uint8Array(TEMPLATE_MAX_BYTES + 1).fill(0x50), 'a template may have at most'],
      ['noplace.docx', await makeTemplate(['No placeholder here.']), '--template: word/document.xml: has no {{filing}} paragraph'],
    ];
    for (const [name, bytes, expected] of cases) {
      const run = await landfall(...GRADING, '--template', write(name, bytes), '--out', join(scratch, `${name}.out.docx`));
      expect(run.status, name).toBe(2);
      expect(run.stderr, name).toContain(expected);
    }
    const missing = await landfall(...GRADING, '--template', join(scratch, 'absent.docx'), '--out', join(scratch, 'absent.out.docx'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('--template: cannot read the template: ENOENT');
    const markdown = await landfall('filing', 'mlps-grading', 'examples/automotive-oem.yaml', '--system', 'telematics', '--format', 'md', '--template', write('template.docx', template));
    expect(markdown.status).toBe(2);
    expect(markdown.stderr).toContain('--template: a template is for --format docx');
  });
});
