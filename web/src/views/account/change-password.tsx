// Changing one's own password: on the Account page, and right after a first login with a one-time
// password, when it is the only thing the account may do.
import { useRef, useState } from 'preact/hooks';
import { PASSWORD_LENGTH } from '../../../../src/store/account-rules.ts';
import { api, ApiFailure, type PasswordChanged, type User } from '../../api.ts';
import { ErrorNotice } from '../../components/common.tsx';
import { tx, useT } from '../../i18n/i18n.ts';
import { LanguageSwitch } from '../../components/language-switch.tsx';

type FieldErrors = Partial<Record<'current' | 'next' | 'repeat', string>>;

export function ChangePasswordForm({ onChanged, currentLabel, submitLabel }: {
  onChanged: (result: PasswordChanged) => void;
  currentLabel?: string;
  submitLabel?: string;
}) {
  const t = useT();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const inputs = { current: useRef<HTMLInputElement>(null), next: useRef<HTMLInputElement>(null), repeat: useRef<HTMLInputElement>(null) };

  const show = (found: FieldErrors) => {
    setErrors(found);
    const first = (['current', 'next', 'repeat'] as const).find((field) => found[field]);
    if (first) inputs[first].current?.focus();
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    setFailure(null);
    const found: FieldErrors = {};
    if (!current) found.current = t('password.error.currentMissing');
    if (next.length < PASSWORD_LENGTH.min) found.next = t('password.error.tooShort', { min: PASSWORD_LENGTH.min });
    else if (next === current) found.next = t('password.error.same');
    if (repeat !== next) found.repeat = t('password.error.differ');
    show(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const result = await api.changePassword(current, next);
      setCurrent('');
      setNext('');
      setRepeat('');
      onChanged(result);
    } catch (error) {
      if (error instanceof ApiFailure && error.code === 'wrong_password') show({ current: t('password.error.wrong') });
      else if (error instanceof ApiFailure && error.code === 'same_password') show({ next: t('password.error.same') });
      else setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const field = (name: keyof FieldErrors, text: string, value: string, set: (value: string) => void, autoComplete: string, help?: string) => (
    <div class="field">
      <label class="field-label" for={`password-${name}`}>{text}</label>
      <input
        id={`password-${name}`}
        ref={inputs[name]}
        type="password"
        name={name === 'current' ? 'current-password' : name === 'next' ? 'new-password' : 'repeat-password'}
        autoComplete={autoComplete}
        value={value}
        maxLength={PASSWORD_LENGTH.max}
        aria-invalid={errors[name] ? 'true' : undefined}
        aria-describedby={errors[name] ? `password-${name}-error` : help ? `password-${name}-help` : undefined}
        onInput={(event) => set(event.currentTarget.value)}
      />
      {help && !errors[name] && <span class="field-help" id={`password-${name}-help`}>{help}</span>}
      {errors[name] && <span class="field-error" id={`password-${name}-error`}>{errors[name]}</span>}
    </div>
  );

  return (
    <form onSubmit={submit} noValidate aria-label={t('password.formLabel')}>
      {field('current', currentLabel ?? t('password.current'), current, setCurrent, 'current-password')}
      {field('next', t('password.new'), next, setNext, 'new-password', t('password.newHelp', { min: PASSWORD_LENGTH.min }))}
      {field('repeat', t('password.repeat'), repeat, setRepeat, 'new-password')}
      {failure ? <ErrorNotice error={failure} /> : null}
      <div class="actions">
        <button type="submit" class="button primary" disabled={busy}>{busy ? t('password.busy') : submitLabel ?? t('password.submit')}</button>
      </div>
    </form>
  );
}

/** After logging in with a one-time password: the account can do nothing else until it has its own. */
export function FirstPasswordPage({ user, onChanged, onLogout }: { user: User; onChanged: () => void; onLogout: () => void }) {
  const t = useT();
  return (
    <main class="login" id="main">
      <div class="login-card">
        <div class="login-lang"><LanguageSwitch /></div>
        <h1>{t('password.first.title')}</h1>
        <p class="hint">
          {tx('password.first.intro', { email: user.email, strong: (chunks) => <strong>{chunks}</strong> })}
        </p>
        <ChangePasswordForm onChanged={onChanged} currentLabel={t('password.first.current')} submitLabel={t('password.first.submit')} />
        <button type="button" class="button ghost" onClick={onLogout}>{t('shell.logout')}</button>
      </div>
    </main>
  );
}
