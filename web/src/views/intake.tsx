// The Intake tab. The form, the profile schema (zod) and the YAML editor are loaded on demand, so
// the rest of the workbench does not carry them; see ./intake/intake-page.tsx.
import { lazyView } from '../components/lazy-view.tsx';

export const IntakeView = lazyView(() => import('./intake/intake-page.tsx').then((module) => module.IntakePage), 'shell.loading.intake', ['rest', 'intake']);
