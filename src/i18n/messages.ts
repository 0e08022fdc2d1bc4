// Landfall's own prose in every output language: ICU MessageFormat catalogues in content/messages
// (en.yaml, zh-CN.yaml), formatted by FormatJS's intl-messageformat with the locale's plural and
// number rules. Messages are looked up by id with named values, never built by concatenation.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { IntlMessageFormat } from 'intl-messageformat';
import { parse as parseYaml } from 'yaml';

export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

export const MESSAGES_DIR = fileURLToPath(new URL('../../content/messages/', import.meta.url));

export type MessageValues = Record<string, string | number | boolean | null | undefined>;
export type Translate = (id: string, values?: MessageValues) => string;

const catalogues = new Map<string, Readonly<Record<string, string>>>();

/** The catalogue of a locale: message id to ICU message text. */
export function catalogue(locale: Locale, directory = MESSAGES_DIR): Readonly<Record<string, string>> {
  const key = `${directory}\0${locale}`;
  let found = catalogues.get(key);
  if (!found) {
    const data: unknown = parseYaml(readFileSync(`${directory}${locale}.yaml`, 'utf8'));
    if (data == null || typeof data !== 'object' || Array.isArray(data) || Object.values(data).some((value) => typeof value !== 'string')) {
      throw new Error(`content/messages/${locale}.yaml must map message ids to strings`);
    }
    found = Object.freeze(data as Record<string, string>);
    catalogues.set(key, found);
  }
  return found;
}

export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}

/** A translator for one locale; an unknown id is a programming error and throws. */
export function translator(locale: Locale): Translate {
  const messages = catalogue(locale);
  const formats = new Map<string, IntlMessageFormat>();
  return (id, values = {}) => {
    let format = formats.get(id);
    if (!format) {
      const text = messages[id];
      if (text == null) throw new Error(`no message "${id}" in ${locale}`);
      format = new IntlMessageFormat(text, locale, undefined, { ignoreTag: true });
      formats.set(id, format);
    }
    const prepared = Object.fromEntries(Object.entries(values).map(([key, value]) => [key, value == null ? 'none' : typeof value === 'boolean' ? String(value) : value]));
    return String(format.format(prepared));
  };
}
