// The language switch of the shell and the login page: each language named in itself, the current
// one pressed. Switching loads the language's messages, then the page re-renders in it (no reload).
import { useState } from 'preact/hooks';
import { LOCALES, LOCALE_NAMES, setLocale, useLocale, useT } from '../i18n/i18n.ts';

export function LanguageSwitch({ onDark = false }: { onDark?: boolean }) {
  const t = useT();
  const locale = useLocale();
  const [failed, setFailed] = useState(false);
  const choose = (next: (typeof LOCALES)[number]) => {
    setFailed(false);
    setLocale(next).catch(() => setFailed(true));
  };
  return (
    <div class={`lang-switch${onDark ? ' on-dark' : ''}`} role="group" aria-label={t('shell.language')}>
      {LOCALES.map((candidate) => (
        <button key={candidate} type="button" lang={candidate} aria-pressed={candidate === locale} onClick={() => choose(candidate)}>
          {LOCALE_NAMES[candidate]}
        </button>
      ))}
      {failed && <span class="lang-switch-error" role="alert">{t('shell.languageFailed')}</span>}
    </div>
  );
}
