// Runs a `landfall` command line in process, shaped like spawnSync's result, so CLI tests check
// exit codes and output without starting a Node process per call.
import { runCli } from '../src/cli/main.ts';

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

export async function landfall(...args: string[]): Promise<CliRun> {
  const stderr: string[] = [];
  const outcome = await runCli(args, {
    stdoutIsTerminal: false,
    env: { NO_COLOR: '1' },
    today: () => '2026-11-22',
    readStdin: () => '',
    log: (line) => stderr.push(`${line}\n`),
    print: (line) => stderr.push(`${line}\n`),
  });
  const stdout = outcome.stdout.map((chunk) => (typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('latin1'))).join('');
  return { status: outcome.exitCode, stdout, stderr: [...stderr, ...outcome.stderr].join('') };
}
