// Starts parse-profile-worker.ts when Landfall runs from its TypeScript sources (tests, benchmarks):
// a worker thread does not inherit the loader of its parent, so it registers tsx itself. The
// compiled package runs dist/content/parse-profile-worker.js directly.
import { register } from 'tsx/esm/api';

register();
await import('./parse-profile-worker.ts');
