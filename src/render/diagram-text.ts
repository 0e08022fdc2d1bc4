// Measures and wraps the annex diagrams' labels, so each box is sized to its text and no label is
// cut off. Widths come from the faces the printers draw with (diagram-font-metrics.ts, the wider
// of DejaVu Sans and Noto Sans CJK SC per character); CJK ideographs, kana, Hangul and full-width
// forms count as one em, emoji as a little more, and combining or zero-width marks as nothing.
// Chinese text breaks between any two characters (except before closing punctuation); other text
// breaks at spaces and after hyphens and slashes, and a word wider than the line is split.
import { FONT_METRIC_RANGES } from './diagram-font-metrics.ts';

export type Weight = 'regular' | 'bold';

const tables: Record<Weight, Map<number, number>> = { regular: new Map(), bold: new Map() };
for (const weight of ['regular', 'bold'] as const) {
  for (const [first, widths] of FONT_METRIC_RANGES[weight]) widths.forEach((width, index) => tables[weight].set(first + index, width));
}

const isZeroWidth = (code: number) =>
  (code >= 0x300 && code <= 0x36f) || (code >= 0x200b && code <= 0x200f) || (code >= 0x202a && code <= 0x202e) || (code >= 0x2060 && code <= 0x2064)
  || (code >= 0xfe00 && code <= 0xfe0f) || code === 0xfeff || (code >= 0xe0100 && code <= 0xe01ef) || code < 0x20 || (code >= 0x7f && code < 0xa0);

/** Ideographs, kana, Hangul, CJK punctuation and full-width forms: one em each. */
export const isWide = (code: number) =>
  (code >= 0x1100 && code <= 0x115f) || (code >= 0x2e80 && code <= 0xa4cf) || (code >= 0xac00 && code <= 0xd7a3) || (code >= 0xf900 && code <= 0xfaff)
  || (code >= 0xfe30 && code <= 0xfe4f) || (code >= 0xff00 && code <= 0xff60) || (code >= 0xffe0 && code <= 0xffe6) || (code >= 0x20000 && code <= 0x3fffd);

const isEmoji = (code: number) => code >= 0x1f000 && code <= 0x1faff;

/** One character's advance in thousandths of an em: measured, or classed conservatively. */
function advance(code: number, weight: Weight): number {
  const measured = tables[weight].get(code);
  if (measured != null) return measured;
  if (isZeroWidth(code)) return 0;
  if (isWide(code)) return 1000;
  if (isEmoji(code)) return 1250;
  // A script the table does not hold (Cyrillic, Arabic, symbols...): wider than any Latin letter but W.
  return 1000;
}

/** The width of `text` set at `size` px. */
export function textWidth(text: string, size: number, weight: Weight = 'regular'): number {
  let total = 0;
  for (const char of text) total += advance(char.codePointAt(0)!, weight);
  return (total * size) / 1000;
}

/** Closing punctuation that never starts a line (GB/T 15834 and the usual kinsoku set). */
const NO_LINE_START = new Set([...'，。、；：！？）》」』】〕〉”’,.;:!?)]}…·']);

/** The pieces a line may break between: CJK characters one by one, other text by word. */
function pieces(text: string): string[] {
  const out: string[] = [];
  let word = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char === ' ' || char === '\u3000') {
      out.push(`${word}${char}`);
      word = '';
    } else if (isWide(code)) {
      if (NO_LINE_START.has(char) && out.length > 0 && word === '') out[out.length - 1] += char;
      else {
        if (word) out.push(word);
        out.push(char);
      }
      word = '';
    } else if (NO_LINE_START.has(char) && word === '' && out.length > 0 && !out[out.length - 1]!.endsWith(' ')) {
      out[out.length - 1] += char;
    } else {
      word += char;
      if (char === '-' || char === '/' || char === '·') {
        out.push(word);
        word = '';
      }
    }
  }
  if (word) out.push(word);
  return out;
}

export interface Wrapped {
  lines: string[];
  /** The widest line's width. */
  width: number;
  /** True when the text needed more than `maxLines` lines and the last was ended with an ellipsis. */
  shortened: boolean;
}

/**
 * Wraps `text` into lines no wider than `maxWidth`. Text that would need more than `maxLines`
 * lines (a name thousands of characters long) ends its last line with an ellipsis; the full text
 * stays in the drawing's tooltip and in the table beside it, so the diagram stays bounded.
 */
export function wrapText(text: string, maxWidth: number, size: number, weight: Weight = 'regular', maxLines = 8): Wrapped {
  const lines: string[] = [];
  let line = '';
  const flush = () => {
    if (line.trim()) lines.push(line.trimEnd());
    line = '';
  };
  for (const piece of pieces(text.replace(/\s+/g, ' ').trim())) {
    if (textWidth((line + piece).trimEnd(), size, weight) <= maxWidth) {
      line += piece;
      continue;
    }
    flush();
    if (textWidth(piece.trimEnd(), size, weight) <= maxWidth) {
      line = piece;
      continue;
    }
    // A word wider than the line: split it by character.
    for (const char of piece) {
      if (line && textWidth(line + char, size, weight) > maxWidth) flush();
      line += char;
    }
  }
  flush();
  let shortened = false;
  if (lines.length > maxLines) {
    shortened = true;
    lines.length = maxLines;
    let last = lines[maxLines - 1]!;
    while (last && textWidth(`${last}…`, size, weight) > maxWidth) last = [...last].slice(0, -1).join('');
    lines[maxLines - 1] = `${last.trimEnd()}…`;
  }
  const width = Math.max(0, ...lines.map((entry) => textWidth(entry, size, weight)));
  return { lines, width, shortened };
}
