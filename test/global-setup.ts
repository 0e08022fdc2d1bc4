// Builds the compiled server and CLI, and the workbench, once before the suite when the sources are newer than the
// build, so the tests that run the real `landfall` bin and the package's own exports see today's code.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export default function setup(): void {
  const root = join(import.meta.dirname, '..');
  const built = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale', 'all'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('npm run build failed; see the output above');
}
