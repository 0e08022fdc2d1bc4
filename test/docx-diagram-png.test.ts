// The DOCX diagrams' PNG fallback draws Chinese labels with a real CJK font. Without one, the
// rasteriser draws each character as a box of its hexadecimal code point, as tall as a capital;
// with one, 一 ("one") is a single horizontal stroke a few pixels high.
import { describe, expect, it } from 'vitest';
import { rasteriseSvg } from '../src/render/render-annex-docx.ts';

const label = (text: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60" font-family="'Noto Sans', 'Noto Sans CJK SC', sans-serif"><rect width="120" height="60" fill="#fff"/><text x="10" y="40" font-size="32">${text}</text></svg>`;

/** Rows of the PNG (drawn at 192 dpi, 8/3 of the SVG's 72 dpi size, crisp in print) holding any dark pixel. */
async function inkedRows(text: string): Promise<number> {
  const { default: sharp } = await import('sharp');
  const { data, info } = await sharp(await rasteriseSvg(label(text))).greyscale().raw().toBuffer({ resolveWithObject: true });
  expect([info.width, info.height]).toEqual([320, 160]);
  let rows = 0;
  for (let y = 0; y < info.height; y += 1) if (data.subarray(y * info.width, (y + 1) * info.width).some((value) => value < 128)) rows += 1;
  return rows;
}

describe('diagram PNG fallback', () => {
  it('draws Chinese characters with a CJK font, not as code-point boxes', async () => {
    const [one, middle] = await Promise.all([inkedRows('一'), inkedRows('中')]);
    expect(one).toBeGreaterThan(0);
    expect(one).toBeLessThan(12);
    expect(middle).toBeGreaterThan(40);
  });
});
