// A view whose code loads on demand: the first page (the engagements list) ships without the
// engagement workspace, the review and the account pages, and each is fetched the first time it
// is opened, with a loading state and a retry when the connection fails.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ErrorNotice, Loading } from './common.tsx';
import { needMessages, useT } from '../i18n/i18n.ts';
import type { Part } from '../i18n/parts.ts';

/** `what` is the message id naming the view ("the engagement"), for its loading and failure notices. */
export function lazyView<P extends object>(load: () => Promise<ComponentType<P>>, what: string, parts: readonly Part[] = ['rest']): ComponentType<P> {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<ComponentType<P>> | undefined;
  // The view's code and the messages of the views beyond the first page arrive together.
  const fetchOnce = () => (pending ??= Promise.all([load(), ...parts.map(needMessages)]).then(([view]) => view).then((view) => (loaded = view), (failure: unknown) => {
    pending = undefined;
    throw failure;
  }));
  return function LazyView(props: P) {
    const t = useT();
    const [View, setView] = useState<ComponentType<P> | undefined>(() => loaded);
    const [error, setError] = useState<unknown>(undefined);
    const start = () => {
      setError(undefined);
      fetchOnce().then((view) => setView(() => view), setError);
    };
    useEffect(() => {
      if (!loaded) start();
    }, []);
    if (error) return <ErrorNotice error={new Error(t('common.lazyFailed', { what: t(what) }))} onRetry={start} />;
    if (!View) return <Loading what={t(what)} />;
    return <View {...props} />;
  };
}
