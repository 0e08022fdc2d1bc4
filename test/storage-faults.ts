// Real storage faults for tests, as root: a small tmpfs that fills up (tmpfs keeps no blocks in
// reserve for root, unlike ext4), a read-only bind mount, and the immutable attribute (chattr +i),
// which refuses writes even to root where chmod does not.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

/** Why these faults cannot be made here, or null. Under CI the machine allows them, so it fails instead. */
export function faultsUnavailable(): string | null {
  let reason: string | null = null;
  if (userInfo().uid !== 0) reason = 'making storage faults needs root (mount, chattr)';
  else {
    const probe = mkdtempSync(join(tmpdir(), 'landfall-mount-probe-'));
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe], { stdio: 'pipe' });
      execFileSync('umount', [probe], { stdio: 'pipe' });
    } catch (error) {
      reason = `cannot mount a tmpfs here: ${(error as Error).message.split('\n')[0]}`;
    } finally {
      rmSync(probe, { recursive: true, force: true });
    }
  }
  if (reason && process.env.CI === 'true') throw new Error(`${reason} (required under CI)`);
  if (reason) console.warn(`skipped: ${reason}`);
  return reason;
}

export interface SmallDisk {
  /** The mount point. */
  path: string;
  /** Fills every free byte with a filler file. */
  fill(): void;
  /** Deletes the filler file, freeing the space again. */
  free(): void;
  remove(): void;
}

/** A tmpfs of `megabytes`, optionally owned by a user (for PostgreSQL's tablespace). */
export function smallDisk(megabytes: number, owner?: { uid: number; gid: number }): SmallDisk {
  const path = mkdtempSync(join(tmpdir(), 'landfall-disk-'));
  const ownership = owner ? `,uid=${owner.uid},gid=${owner.gid},mode=0700` : '';
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m${ownership}`, 'tmpfs', path], { stdio: 'pipe' });
  const filler = join(path, 'filler');
  return {
    path,
    fill() {
      // dd stops with ENOSPC once the disk is full; that is the point.
      try {
        execFileSync('dd', ['if=/dev/zero', `of=${filler}`, 'bs=64k'], { stdio: 'pipe' });
      } catch {
        // Expected: No space left on device.
      }
    },
    free: () => rmSync(filler, { force: true }),
    remove() {
      execFileSync('umount', [path], { stdio: 'pipe' });
      rmSync(path, { recursive: true, force: true });
    },
  };
}

/** Makes `folder` read-only by bind-mounting it read-only over itself; returns the undo. */
export function readOnly(folder: string): () => void {
  mkdirSync(folder, { recursive: true });
  execFileSync('mount', ['--bind', folder, folder], { stdio: 'pipe' });
  execFileSync('mount', ['-o', 'remount,ro,bind', folder], { stdio: 'pipe' });
  return () => execFileSync('umount', [folder], { stdio: 'pipe' });
}

/** Sets the immutable attribute on `folder` and everything in it; returns the undo. */
export function immutable(folder: string): () => void {
  execFileSync('chattr', ['-R', '+i', folder], { stdio: 'pipe' });
  return () => execFileSync('chattr', ['-R', '-i', folder], { stdio: 'pipe' });
}
