// A consultancy's logo as the deliverables carry it: whatever raster image an administrator
// uploads (PNG, JPEG or WebP) is decoded and re-encoded by sharp as a PNG of bounded size, so the
// stored bytes are always an image the server made itself (no metadata, no second payload, no
// SVG with scripts or external references) and a huge image cannot swell every annex.
import { LandfallError } from '../core/errors.ts';

/** The largest upload accepted, before re-encoding. */
export const LOGO_MAX_BYTES = 512 * 1024;
/** The box the stored logo fits in (pixels; the DOCX cover shows it at 160 × 60 pt). */
const BOX = { width: 800, height: 300 };
const ACCEPTED = new Set(['png', 'jpeg', 'webp']);

/** The logo re-encoded as a PNG within the box; invalid_request naming `path` when it is not a usable image. */
export async function normaliseLogo(bytes: Uint8Array, path = 'logo'): Promise<Uint8Array> {
  const refuse = (message: string): never => {
    throw new LandfallError('invalid_request', 'The logo is not a usable image.', { problems: [{ path, message }] });
  };
  if (bytes.byteLength === 0) refuse('the image is empty');
  if (bytes.byteLength > LOGO_MAX_BYTES) refuse(`the image is ${bytes.byteLength} bytes; at most ${LOGO_MAX_BYTES} are accepted`);
  const { default: sharp } = await import('sharp');
  // limitInputPixels refuses a small file that decodes to an enormous image.
  const image = sharp(Buffer.from(bytes), { limitInputPixels: 40_000_000, failOn: 'error' });
  let format: string | undefined;
  try {
    format = (await image.metadata()).format;
  } catch {
    refuse('not an image Landfall can read; upload a PNG, JPEG or WebP file');
  }
  if (!format || !ACCEPTED.has(format)) refuse(`a ${format ?? 'unknown'} image; upload a PNG, JPEG or WebP file`);
  try {
    const png = await image.rotate().resize({ ...BOX, fit: 'inside', withoutEnlargement: true }).png({ compressionLevel: 9 }).toBuffer();
    return new Uint8Array(png);
  } catch {
    return refuse('the image could not be decoded; it may be damaged');
  }
}

/** A PNG's pixel size, read from its header (for the aspect ratio the renderers keep). */
export function pngSize(png: Uint8Array): { width: number; height: number } | null {
  if (png.byteLength < 24 || png[12] !== 0x49 || png[13] !== 0x48 || png[14] !== 0x44 || png[15] !== 0x52) return null;
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
