// Runs `landfall serve` as a child process on a free port, for tests that must see whether the
// server process survives a fault or refuses to start.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');

export interface ServeProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
  stop: () => Promise<number | null>;
}

/** Starts the server; resolves once it prints its URL, rejects with its output if it exits first. */
export function startServeProcess(env: Record<string, string>, args: string[] = []): Promise<ServeProcess> {
  const child = spawn(process.execPath, ['bin/landfall.js', 'serve', '--port', '0', ...args], {
    cwd: ROOT,
    env: { ...process.env, LANDFALL_ADMIN_EMAIL: 'admin@example.com', LANDFALL_ADMIN_PASSWORD: 'a passphrase long enough', DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      const url = /Landfall is running at (\S+)/.exec(text)?.[1];
      if (url) {
        clearInterval(timer);
        resolve({
          child, url, exited, output: () => text,
          stop: async () => {
            if (child.exitCode === null) child.kill('SIGTERM');
            return exited;
          },
        });
      }
    }, 50);
    void exited.then((code) => {
      clearInterval(timer);
      reject(Object.assign(new Error(`landfall serve exited with ${code}:\n${text}`), { exitCode: code, output: text }));
    });
  });
}

/** Runs `landfall serve` expecting it to refuse: resolves with its exit code and output. */
export async function serveRefusal(env: Record<string, string>, args: string[] = []): Promise<{ exitCode: number | null; output: string }> {
  try {
    const running = await startServeProcess(env, args);
    await running.stop();
    throw new Error(`landfall serve started when it should have refused:\n${running.output()}`);
  } catch (error) {
    const failure = error as { exitCode?: number | null; output?: string };
    if (failure.output === undefined) throw error;
    return { exitCode: failure.exitCode ?? null, output: failure.output };
  }
}

/** Logs in and returns the cookie and CSRF token for API calls. */
export async function login(url: string): Promise<{ cookie: string; csrf: string }> {
  const response = await fetch(`${url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@example.com', password: 'a passphrase long enough' }) });
  if (response.status !== 200) throw new Error(`login failed: ${response.status} ${await response.text()}`);
  const body = (await response.json()) as { csrfToken: string };
  return { cookie: response.headers.get('set-cookie')!.split(';')[0]!, csrf: body.csrfToken };
}
