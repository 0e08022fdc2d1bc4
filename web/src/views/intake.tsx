// The Intake tab. The form, the profile schema (zod) and the YAML editor are loaded on demand, so
// the rest of the workbench does not carry them; see ./intake/intake-page.tsx.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ErrorNotice, Loading } from '../components/common.tsx';

let loaded: ComponentType | undefined;

export function IntakeView() {
  const [Page, setPage] = useState<ComponentType | undefined>(() => loaded);
  const [error, setError] = useState<unknown>(undefined);

  const load = () => {
    setError(undefined);
    import('./intake/intake-page.tsx').then(
      (module) => {
        loaded = module.IntakePage;
        setPage(() => module.IntakePage);
      },
      (failure: unknown) => setError(failure),
    );
  };
  useEffect(() => {
    if (!loaded) load();
  }, []);

  if (error) return <ErrorNotice error={new Error('The intake could not be loaded. Check the connection to Landfall, then try again.')} onRetry={load} />;
  if (!Page) return <Loading what="the intake" />;
  return <Page />;
}
