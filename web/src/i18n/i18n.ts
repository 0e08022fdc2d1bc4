// The workbench's words in English and Simplified Chinese. The catalogues (en.json, zh-CN.json
// here) are ICU MessageFormat, compiled at build time (vite.config.ts) and formatted by FormatJS's
// intl-messageformat with the locale's plural and number rules; every visible string is looked up
// by id with named values, never put together by concatenation. English's first-page messages ship
// with the first page; Chinese loads only when chosen, and each locale's other messages load with
// the first view that needs them (parts.ts).
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { IntlMessageFormat, type PrimitiveType } from 'intl-messageformat';
import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import englishCore from 'virtual:landfall/messages/en/core';
import type { Part } from './parts.ts';

export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];
type Compiled = Readonly<Record<string, string | MessageFormatElement[]>>;

/** Each locale's name in its own language, for the switch. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', 'zh-CN': '中文' };

const STORAGE_KEY = 'landfall.locale';

const LOADERS: Record<Locale, Record<Part, () => Promise<Compiled>>> = {
  en: {
    core: () => Promise.resolve(englishCore),
    rest: () => import('virtual:landfall/messages/en/rest').then((module) => module.default),
    intake: () => import('virtual:landfall/messages/en/intake').then((module) => module.default),
  },
  'zh-CN': {
    core: () => import('virtual:landfall/messages/zh-CN/core').then((module) => module.default),
    rest: () => import('virtual:landfall/messages/zh-CN/rest').then((module) => module.default),
    intake: () => import('virtual:landfall/messages/zh-CN/intake').then((module) => module.default),
  },
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The remembered choice, else the browser's first language: any Chinese is zh-CN, anything else English. */
export function preferredLocale(): Locale {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isLocale(stored)) return stored;
  } catch {
    // storage blocked: fall back to the browser's language
  }
  const first = (navigator.languages?.[0] ?? navigator.language ?? 'en').toLowerCase();
  return first.startsWith('zh') ? 'zh-CN' : 'en';
}

let current: Locale = 'en';
let messages: Record<string, string | MessageFormatElement[]> = { ...englishCore };
const wanted = new Set<Part>(['core']);
const loaded = new Map<string, Compiled>([['en/core', englishCore]]);
const pending = new Map<string, Promise<Compiled>>();
const formats = new Map<string, IntlMessageFormat>();
const listeners = new Set<(locale: Locale) => void>();

function load(locale: Locale, part: Part): Promise<Compiled> {
  const key = `${locale}/${part}`;
  const done = loaded.get(key);
  if (done) return Promise.resolve(done);
  let promise = pending.get(key);
  if (!promise) {
    promise = LOADERS[locale][part]().then(
      (catalogue) => {
        loaded.set(key, catalogue);
        pending.delete(key);
        return catalogue;
      },
      (failure: unknown) => {
        pending.delete(key);
        throw failure;
      },
    );
    pending.set(key, promise);
  }
  return promise;
}

function activate(locale: Locale): void {
  const changed = locale !== current;
  current = locale;
  messages = Object.assign({}, ...[...wanted].map((part) => loaded.get(`${locale}/${part}`) ?? {})) as typeof messages;
  formats.clear();
  document.documentElement.lang = locale;
  if (changed) for (const listener of listeners) listener(locale);
}

/** Loads the chosen locale's first-page messages; main.tsx waits for it before the first render. */
export async function startI18n(locale: Locale = preferredLocale()): Promise<void> {
  try {
    await load(locale, 'core');
    activate(locale);
  } catch {
    activate('en'); // the Chinese catalogue did not arrive: English rather than no page at all
  }
}

/** Loads the messages of the views beyond the first page, in the current locale (lazy-view.tsx). */
export async function needMessages(part: Part): Promise<void> {
  if (wanted.has(part) && loaded.has(`${current}/${part}`)) return;
  await load(current, part);
  wanted.add(part);
  activate(current);
}

/** Switches the language: its messages load first, then every view re-renders in it; the choice is remembered. */
export async function setLocale(locale: Locale): Promise<void> {
  await Promise.all([...wanted].map((part) => load(locale, part)));
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // not remembered, still switched
  }
  activate(locale);
}

export function currentLocale(): Locale {
  return current;
}

export function onLocaleChange(listener: (locale: Locale) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** A message's values; null and undefined select the `none` branch of a select (as the server's translator does). */
export type Values = Record<string, PrimitiveType>;

function prepared(values: Values | undefined): Record<string, PrimitiveType> | undefined {
  if (!values) return values;
  const out: Record<string, PrimitiveType> = {};
  for (const [key, value] of Object.entries(values)) out[key] = value ?? 'none';
  return out;
}

function formatOf(id: string, elements: MessageFormatElement[]): IntlMessageFormat {
  let format = formats.get(id);
  if (!format) {
    format = new IntlMessageFormat(elements, current);
    formats.set(id, format);
  }
  return format;
}

/** The message `id` in the current language, its placeholders filled from `values`. */
export function t(id: string, values?: Values): string {
  const message = messages[id];
  if (message === undefined) {
    if (import.meta.env.DEV) console.warn(`no message "${id}" in ${current}`);
    return id;
  }
  if (typeof message === 'string') return message;
  return String(formatOf(id, message).format(prepared(values)));
}

export function hasMessage(id: string): boolean {
  return id in messages;
}

/**
 * A message with markup: its tags (`<link>…</link>`) are rendered by the functions of the same
 * name in `values`, and values may be elements.
 */
export function tx<T>(id: string, values: Record<string, PrimitiveType | T | ((chunks: Array<string | T>) => T)>): string | T | Array<string | T> {
  const message = messages[id];
  if (message === undefined) return id;
  if (typeof message === 'string') return message;
  return formatOf(id, message).format<T>(values);
}

/** The locale Intl formats dates with: British English keeps day-month-year. */
function dateLocale(): string {
  return current === 'en' ? 'en-GB' : current;
}

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(dateLocale(), { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatDate(iso: string, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }): string {
  const date = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleDateString(dateLocale(), { timeZone: iso.length === 10 ? 'UTC' : undefined, ...options });
}

export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  return value.toLocaleString(current, options);
}

/**
 * The current language, for components: a view that calls `useT()` re-renders when the language
 * changes, even when its parent does not (the router keeps its route's element).
 */
export const LocaleContext = createContext<Locale>('en');
export function useT(): typeof t {
  useContext(LocaleContext);
  return t;
}
export function useLocale(): Locale {
  return useContext(LocaleContext);
}
