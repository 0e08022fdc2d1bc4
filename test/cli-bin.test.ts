// The real `landfall` bin, compiled (the suite's global setup builds dist/ when sources changed):
// what only a process shows: exit codes, pipes, colour, which modules a command loads, and the
// package's own exports.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const ESC = String.fromCharCode(27);
const bin = (args: string[], env: Record<string, string> = {}, options: { shell?: string } = {}) =>
  options.shell
    ? spawnSync('bash', ['-o', 'pipefail', '-c', options.shell], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } })
    : spawnSync(process.execPath, ['bin/landfall.js', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });

describe('the landfall bin', () => {
  it('refuses an unknown option with exit 2 and names it', () => {
    const run = bin(['assess', 'examples/automotive-oem.yaml', '--data', 'x']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--data: unknown option');
    expect(run.stdout).toBe('');
    const extra = bin(['assess', 'examples/automotive-oem.yaml', 'examples/b2b-saas.yaml']);
    expect(extra.status).toBe(2);
    expect(extra.stderr).toContain('positional argument');
  });

  it('accepts the contract\'s short names (--data for serve, -o for --out)', () => {
    const help = bin(['serve', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--data');
    const out = join(mkdtempSync(join(tmpdir(), 'landfall-bin-')), 'annex.md');
    const annex = bin(['annex', 'examples/b2b-saas.yaml', '--format', 'md', '-o', out]);
    expect(annex.status).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('# China architecture annex');
  });

  it('prints help without colour codes when NO_COLOR is set or output is not a terminal', () => {
    const piped = bin(['assess', '--help']);
    expect(piped.status).toBe(0);
    expect(piped.stdout).toContain('USAGE');
    expect(piped.stdout).not.toContain(ESC);
    const noColour = bin(['--help'], { NO_COLOR: 'yes', FORCE_COLOR: '1' });
    expect(noColour.stdout).toContain('assess');
    expect(noColour.stdout).not.toContain(ESC);
    const none = bin([]);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('COMMANDS');
  });

  it('exits quietly when the pipe it writes to closes early', () => {
    const run = bin([], {}, { shell: 'node bin/landfall.js assess examples/automotive-oem.yaml --format json | head -c 10 > /dev/null' });
    expect(run.status).toBe(0);
    expect(run.stderr).not.toContain('EPIPE');
  });

  it('loads neither the server, the database drivers nor the document libraries to assess', () => {
    const log = join(mkdtempSync(join(tmpdir(), 'landfall-imports-')), 'imports.txt');
    const run = spawnSync(process.execPath, ['--import', './test/fixtures/record-imports.mjs', 'bin/landfall.js', 'assess', 'examples/automotive-oem.yaml', '--format', 'json'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, LANDFALL_IMPORT_LOG: log },
    });
    expect(run.status).toBe(0);
    // The bin runs the bundle (scripts/build.mjs): each chunk it loaded stands for the sources esbuild put in it.
    const chunks = (JSON.parse(readFileSync(join(ROOT, 'dist/bundle/meta.json'), 'utf8')) as { outputs: Record<string, string[]> }).outputs;
    const urls = readFileSync(log, 'utf8').split('\n');
    expect(urls.some((url) => url.endsWith('/dist/bundle/main.js'))).toBe(true);
    const loaded = urls.flatMap((url) => {
      const chunk = /\/dist\/bundle\/([^/]+\.js)$/.exec(url)?.[1];
      return chunk ? [url, ...(chunks[chunk] ?? []).map((source) => `/${source}`)] : [url];
    }).join('\n');
    expect(loaded).toContain('/dist/cli/commands/assess.js');
    expect(loaded).toContain('/node_modules/zod/');
    expect(loaded).not.toContain('/src/');
    for (const heavy of ['playwright-core', 'docx', 'exceljs', '@electric-sql/pglite', '/pg/', 'hono', 'sharp', 'p-limit', 'markdown-it', '/dist/server/']) expect(loaded).not.toContain(heavy);
  });

  it('exports the engine as a package: loadLawBook, assess, analyseGaps, deriveAnnex', () => {
    const script = `
      import { loadLawBook, assess, analyseGaps, deriveAnnex } from 'landfall';
      import { readFileSync } from 'node:fs';
      import { parse } from 'yaml';
      const lawBook = await loadLawBook();
      const profile = parse(readFileSync('examples/automotive-oem.yaml', 'utf8'));
      const assessment = assess(profile, { asOf: '2026-12-01', lawBook });
      const gaps = analyseGaps(profile, { asOf: '2026-12-01', lawBook, systemId: 'telematics' });
      const annex = deriveAnnex(assessment);
      console.log(JSON.stringify({ route: assessment.organisation.cbdt.mechanism, gapLevel: assessment.systems[1].mlps.gaps.level, register: gaps.systems[0].items.length, items: annex.items.length > 0 }));`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ route: 'standard_contract_or_certification', gapLevel: 3, register: 277, items: true });
  });
});
