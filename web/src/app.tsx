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

// Loaded when first opened, so the first page carries only the shell and the engagements list.
const EngagementPage = lazyView(() => import('./views/engagement.tsx').then((module) => module.EngagementPage), 'the engagement');
const AccountPage = lazyView(() => import('./views/account.tsx').then((module) => module.AccountPage), 'the account page');
const ReviewPage = lazyView(() => import('./views/review.tsx').then((module) => module.ReviewPage), 'the review');
import { FocusHeadingOnNavigate } from './components/focus-heading.ts';


export function App() {
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
  if (user === undefined) return <main class="page narrow"><Loading what="your session" /></main>;
  if (user === null) {
    return (
      <LoginPage
        notice={expired ? 'Your session has ended. Log in again to carry on; nothing you saved is lost.' : undefined}
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
        <a class="skip-link" href="#main">Skip to content</a>
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
  const { path } = useLocation();
  return (
    <header class="topbar">
      <a class="brand" href="/" aria-label="Landfall: engagements">
        <svg viewBox="0 0 32 32" width="26" height="26" aria-hidden="true"><rect width="32" height="32" rx="6" fill="#f2b138" /><path d="M6 22 L13 12 L18 18 L21 14 L26 22 Z" fill="#0f3d5e" /></svg>
        <span>Landfall</span>
      </a>
      <nav aria-label="Main">
        <a href="/" aria-current={path === '/' ? 'page' : undefined}>Engagements</a>
        <a href="/reviews" aria-current={path.startsWith('/reviews') ? 'page' : undefined}>Review</a>
      </nav>
      <div class="topbar-user">
        <span title={user.email}>{user.name || user.email}</span>
        <a class="topbar-account" href="/account" title="Your password and API tokens" aria-current={path === '/account' ? 'page' : undefined}>Account</a>
        <button type="button" class="button ghost on-dark" onClick={onLogout}>Log out</button>
      </div>
    </header>
  );
}

function NotFound() {
  return (
    <div class="narrow">
      <h1>Page not found</h1>
      <p><a href="/">Back to the engagements</a></p>
    </div>
  );
}
