// A view whose code loads on demand: the first page (the engagements list) ships without the
// engagement workspace, the review and the account pages, and each is fetched the first time it
// is opened, with a loading state and a retry when the connection fails.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ErrorNotice, Loading } from './common.tsx';

export function lazyView<P extends object>(load: () => Promise<ComponentType<P>>, what: string): ComponentType<P> {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<ComponentType<P>> | undefined;
  const fetchOnce = () => (pending ??= load().then((view) => (loaded = view), (failure: unknown) => {
    pending = undefined;
    throw failure;
  }));
  return function LazyView(props: P) {
    const [View, setView] = useState<ComponentType<P> | undefined>(() => loaded);
    const [error, setError] = useState<unknown>(undefined);
    const start = () => {
      setError(undefined);
      fetchOnce().then((view) => setView(() => view), setError);
    };
    useEffect(() => {
      if (!loaded) start();
    }, []);
    if (error) return <ErrorNotice error={new Error(`${what[0]!.toUpperCase()}${what.slice(1)} could not be loaded. Check the connection to Landfall, then try again.`)} onRetry={start} />;
    if (!View) return <Loading what={what} />;
    return <View {...props} />;
  };
}
