// The workbench shell: who is logged in, the header, and the routes.
import { useEffect, useState } from 'preact/hooks';
import { LocationProvider, Route, Router, useLocation } from 'preact-iso';
import { api, whenUnauthenticated, type User } from './api.ts';
import { ErrorNotice, Loading } from './components/common.tsx';
import { LoginPage } from './views/login.tsx';
import { EngagementsPage } from './views/engagements.tsx';
import { lazyView } from './components/lazy-view.tsx';
import { FirstPasswordPage } from './views/account/change-password.tsx';
import { UserContext } from './session.ts';
import { LocaleContext, currentLocale, onLocaleChange, useT } from './i18n/i18n.ts';
import { LanguageSwitch } from './components/language-switch.tsx';

// Loaded when first opened, so the first page carries only the shell and the engagements list.
const EngagementPage = lazyView(() => import('./views/engagement.tsx').then((module) => module.EngagementPage), 'shell.loading.engagement');
const AccountPage = lazyView(() => import('./views/account.tsx').then((module) => module.AccountPage), 'shell.loading.account');
const ReviewPage = lazyView(() => import('./views/review.tsx').then((module) => module.ReviewPage), 'shell.loading.review');
import { FocusHeadingOnNavigate } from './components/focus-heading.ts';


export function App() {
  // The language is the shell's state: switching it re-renders every view that calls useT().
  const [locale, setLocaleState] = useState(currentLocale);
  useEffect(() => onLocaleChange(setLocaleState), []);
  return (
    <LocaleContext.Provider value={locale}>
      <Shell />
    </LocaleContext.Provider>
  );
}

function Shell() {
  const t = useT();
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [bootError, setBootError] = useState<unknown>(undefined);
  const [expired, setExpired] = useState(false);

  const boot = () => {
    setBootError(undefined);
    api.session().then(setUser, setBootError);
  };
  useEffect(() => {
    whenUnauthenticated(() => {
      setExpired(true);
      setUser(null);
    });
    boot();
  }, []);

  if (bootError) return <main class="page narrow"><ErrorNotice error={bootError} onRetry={boot} /></main>;
  if (user === undefined) return <main class="page narrow"><Loading what={t('shell.loading.session')} /></main>;
  if (user === null) {
    return (
      <LoginPage
        notice={expired ? t('shell.sessionEnded') : undefined}
        onLogin={(next) => {
          setExpired(false);
          setUser(next);
        }}
      />
    );
  }
  const logout = () => api.logout().finally(() => setUser(null));
  if (user.passwordChangeRequired) return <FirstPasswordPage user={user} onChanged={() => setUser({ ...user, passwordChangeRequired: false })} onLogout={logout} />;
  return (
    <UserContext.Provider value={user}>
      <LocationProvider>
        <FocusHeadingOnNavigate />
        <a class="skip-link" href="#main">{t('shell.skip')}</a>
        <Header user={user} onLogout={logout} />
        <main id="main" class="page" tabIndex={-1}>
          <Router>
            <Route path="/" component={EngagementsPage} />
            <Route path="/e/:id/:tab?/:sub?" component={EngagementPage} />
            <Route path="/account" component={AccountPage} />
            <Route path="/reviews/:runId?" component={ReviewPage} />
            <Route default component={NotFound} />
          </Router>
        </main>
      </LocationProvider>
    </UserContext.Provider>
  );
}

function Header({ user, onLogout }: { user: User; onLogout: () => void }) {
  const t = useT();
  const { path } = useLocation();
  return (
    <header class="topbar">
      <a class="brand" href="/" aria-label={t('shell.brandLabel')}>
        <svg viewBox="0 0 32 32" width="26" height="26" aria-hidden="true"><rect width="32" height="32" rx="6" fill="#f2b138" /><path d="M6 22 L13 12 L18 18 L21 14 L26 22 Z" fill="#0f3d5e" /></svg>
        <span>Landfall</span>
      </a>
      <nav aria-label={t('shell.nav.label')}>
        <a href="/" aria-current={path === '/' ? 'page' : undefined}>{t('shell.nav.engagements')}</a>
        <a href="/reviews" aria-current={path.startsWith('/reviews') ? 'page' : undefined}>{t('shell.nav.review')}</a>
      </nav>
      <div class="topbar-user">
        <LanguageSwitch onDark />
        <span title={user.email}>{user.name || user.email}</span>
        <a class="topbar-account" href="/account" title={t('shell.accountTitle')} aria-current={path === '/account' ? 'page' : undefined}>{t('shell.nav.account')}</a>
        <button type="button" class="button ghost on-dark" onClick={onLogout}>{t('shell.logout')}</button>
      </div>
    </header>
  );
}

function NotFound() {
  const t = useT();
  return (
    <div class="narrow">
      <h1>{t('shell.notFound.title')}</h1>
      <p><a href="/">{t('shell.notFound.back')}</a></p>
    </div>
  );
}
