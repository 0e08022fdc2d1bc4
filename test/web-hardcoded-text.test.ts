// No user-visible English typed into the workbench's JSX: every .tsx under web/src is parsed with
// the TypeScript compiler and its JSX text, and the string literals of the attributes people read
// (title, aria-label, placeholder, alt, and the text props of the shared components), must hold no
// letters; words come from the catalogues (web/src/i18n). The check is tested on planted violations.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const WEB_SRC = join(import.meta.dirname, '..', 'web', 'src');

/** Tokens that read the same in every language: names, acronyms and formats. */
const ALLOWED = new Set(['Landfall', 'ICP', 'MLPS', 'CII', 'PIPL', 'CAC', 'DOCX', 'PDF', 'XLSX', 'CSV', 'YAML', 'JSON', 'Markdown', 'HTML', 'ICS', 'API', 'ID', 'URL', 'SVG', 'iCalendar', 'Word', 'Excel', 'ics', 'md', 'docx', 'xlsx', 'json', 'csv', 'pdf', 'html', 'yaml']);

/** Attributes whose string values people read or hear. */
const READ_ATTRIBUTES = new Set(['title', 'aria-label', 'aria-description', 'aria-roledescription', 'placeholder', 'alt', 'label', 'text', 'what', 'notice', 'summary']);

const hasWords = (text: string) => text.split(/[^\p{L}]+/u).some((word) => word !== '' && !ALLOWED.has(word));

export function hardcodedText(source: string, fileName = 'view.tsx'): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const at = (node: ts.Node) => `${fileName}:${file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1}`;
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node) && hasWords(node.text)) found.push(`${at(node)}: ${JSON.stringify(node.text.trim())}`);
    if (ts.isJsxAttribute(node) && READ_ATTRIBUTES.has(node.name.getText(file)) && node.initializer) {
      const value = node.initializer;
      const literal = ts.isStringLiteral(value) ? value : ts.isJsxExpression(value) && value.expression && (ts.isStringLiteral(value.expression) || ts.isNoSubstitutionTemplateLiteral(value.expression)) ? value.expression : undefined;
      if (literal && hasWords(literal.text)) found.push(`${at(node)}: ${node.name.getText(file)}=${JSON.stringify(literal.text)}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('the workbench has no hard-coded visible English', () => {
  it('finds JSX text and read attributes with words, and lets names, punctuation and expressions through (planted)', () => {
    const planted = [
      'export const A = () => <div>',
      '  <h1>Overview</h1>',
      '  <p>{t("x.y")} · {count} ›</p>',
      '  <button title="Close the panel" aria-label={t("a.b")}>×</button>',
      '  <Loading what="the engagement" />',
      '  <a class="button" href="/x">DOCX</a>',
      '  <span>ICP: {value}</span>',
      '  <p>',
      '    Profile version {v}',
      '  </p>',
      '</div>;',
    ].join('\n');
    expect(hardcodedText(planted)).toEqual([
      'view.tsx:2: "Overview"',
      'view.tsx:4: title="Close the panel"',
      'view.tsx:5: what="the engagement"',
      'view.tsx:9: "Profile version"',
    ]);
    expect(hardcodedText('export const B = () => <p>{t("only.ids")} – {n}</p>;')).toEqual([]);
  });

  it('holds for every .tsx under web/src', () => {
    const files = readdirSync(WEB_SRC, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile() && entry.name.endsWith('.tsx'));
    expect(files.length).toBeGreaterThan(20);
    const found = files.flatMap((entry) => {
      const path = join(entry.parentPath, entry.name);
      return hardcodedText(readFileSync(path, 'utf8'), relative(WEB_SRC, path));
    });
    expect(found).toEqual([]);

  });
});
