import { useState } from 'preact/hooks';
import { api, ApiFailure, type User } from '../api.ts';
import { LanguageSwitch } from '../components/language-switch.tsx';
import { useT } from '../i18n/i18n.ts';

export function LoginPage({ onLogin, notice }: { onLogin: (user: User) => void; notice?: string | undefined }) {
  const t = useT();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onLogin(await api.login(email.trim(), password));
    } catch (failure) {
      setError(failure instanceof ApiFailure && failure.status === 400 ? t('login.missing') : failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="login" id="main">
      <form class="login-card" onSubmit={submit} aria-describedby={error ? 'login-error' : undefined}>
        <div class="login-lang"><LanguageSwitch /></div>
        <div class="login-brand">
          <svg viewBox="0 0 32 32" width="36" height="36" aria-hidden="true"><rect width="32" height="32" rx="6" fill="#0f3d5e" /><path d="M6 22 L13 12 L18 18 L21 14 L26 22 Z" fill="#f2b138" /></svg>
          <div>
            <h1>Landfall</h1>
            <p>{t('login.tagline')}</p>
          </div>
        </div>
        {notice && <p class="notice notice-info">{notice}</p>}
        <label class="field">
          <span class="field-label">{t('login.email')}</span>
          <input type="email" name="email" autoComplete="username" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span class="field-label">{t('login.password')}</span>
          <input type="password" name="password" autoComplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        </label>
        {error && <p id="login-error" class="field-error" role="alert">{error}</p>}
        <button class="button primary wide" type="submit" disabled={busy}>{busy ? t('login.busy') : t('login.submit')}</button>
        <p class="hint">{t('login.firstAccount')}</p>
      </form>
    </main>
  );
}
