// The language a deliverable downloads in: the engagement's language unless another is chosen here
// (the choice is the page's, not saved). Each language is named in itself.
import { useState } from 'preact/hooks';
import type { OutputLanguage } from '../api.ts';
import { useT } from '../i18n/i18n.ts';

export const OUTPUT_LANGUAGES: ReadonlyArray<{ id: OutputLanguage; text: string }> = [
  { id: 'en', text: 'English' },
  { id: 'zh-CN', text: '中文 (简体)' },
];

export function languageName(language: string): string {
  return OUTPUT_LANGUAGES.find((option) => option.id === language)?.text ?? language;
}

/** The chosen download language, starting at `fallback` (the engagement's language) until one is picked. */
export function useDownloadLanguage(fallback: OutputLanguage): [OutputLanguage, (language: OutputLanguage) => void] {
  const [chosen, setChosen] = useState<OutputLanguage | null>(null);
  return [chosen ?? fallback, setChosen];
}

export function DownloadLanguage({ value, onChange, name, testId }: { value: OutputLanguage; onChange: (language: OutputLanguage) => void; name: string; testId?: string }) {
  const t = useT();
  return (
    <label class="field download-language">
      <span class="field-label">{t('download.in')}</span>
      <select name={name} value={value} data-testid={testId} onChange={(event) => onChange(event.currentTarget.value as OutputLanguage)}>
        {OUTPUT_LANGUAGES.map((option) => <option key={option.id} value={option.id} lang={option.id}>{option.text}</option>)}
      </select>
    </label>
  );
}
