// Parses a profile given as YAML or JSON text. Syntax errors become problems with a line number.
import { parseDocument } from 'yaml';
import type { Problem } from '../core/profile/normalise-profile.ts';

export type ParseResult = { ok: true; value: unknown } | { ok: false; problems: Problem[] };

export function parseProfileText(text: string, source = 'profile'): ParseResult {
  // YAML 1.2 core schema: dates stay strings, and JSON is valid YAML.
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    return {
      ok: false,
      problems: document.errors.map((error) => ({
        path: `${source}${error.linePos ? `:${error.linePos[0].line}:${error.linePos[0].col}` : ''}`,
        message: (error.message.split('\n')[0] ?? 'invalid YAML').replace(/ at line \d+, column \d+:?$/, ''),
      })),
    };
  }
  const value: unknown = document.toJS({ maxAliasCount: 100 });
  if (value == null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, problems: [{ path: '(root)', message: 'expected a profile object (a YAML mapping with organisation, systems, ...)' }] };
  }
  return { ok: true, value };
}
