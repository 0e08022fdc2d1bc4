// Issue 10, items 5 and 6: characters that PostgreSQL or XML cannot hold are a 422 listing each
// field's path, on every route, never a 500; profile YAML is bounded in size, aliases, nodes and
// depth before it becomes a value, and an alias bomb is a 422 (exit 2 from the CLI) with its place.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROFILE_TEXT_LIMITS, parseProfileText } from '../src/content/parse-profile-text.ts';
import { findInvalidCharacters } from '../src/core/profile/invalid-characters.ts';
import { PROFILE_LIMITS } from '../src/core/profile/profile-schema.ts';
import { apiHarness, type Session } from './api-harness.ts';
import { DATABASES } from './db-helpers.ts';
import { profile, system } from './helpers.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const REFUSED = { NUL: '\u0000', 'U+0001': '\u0001', VT: '\u000B', FF: '\u000C', 'U+001F': '\u001F', 'U+FFFE': '\uFFFE', 'U+FFFF': '\uFFFF', 'lone high surrogate': '\uD800', 'lone low surrogate': '\uDC00' };
const ACCEPTED = ['tab\there', 'lines\nand\r\nreturns\r', 'C1 \u0085\u009F', 'separators \u2028\u2029', 'bidi \u202E\u200F', 'emoji 👩🏽‍💻', '中文 ]]> & "quotes" \'', 'DEL \u007F'];

/** An alias bomb: nine references per level, five levels, about 59,000 values from 200 bytes. */
const ALIAS_BOMB = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...['b', 'c', 'd', 'e'].map((name, index) => `${name}: &${name} [${Array(9).fill(`*${'abcd'[index]}`).join(',')}]`), 'f: [*e,*e,*e,*e,*e,*e,*e,*e,*e]', ''].join('\n');

describe('the character rule', () => {
  it.each(Object.entries(REFUSED))('refuses %s in a value and in a key, with the path', (_name, character) => {
    expect(findInvalidCharacters({ systems: [{ name: `a${character}b` }], [`k${character}`]: 1 }).map((problem) => problem.path)).toEqual(['k\\u' + character.charCodeAt(0).toString(16).padStart(4, '0'), 'systems[0].name']);
  });

  it('accepts text a profile may hold', () => {
    expect(findInvalidCharacters(ACCEPTED)).toEqual([]);
  });

  it('walks a deeply nested value without overflowing the stack', () => {
    let deep: unknown = 'x\u0000';
    for (let level = 0; level < 200_000; level += 1) deep = [deep];
    expect(findInvalidCharacters(deep)).toHaveLength(1);
  });
});

describe('profile text limits', () => {
  it.each([
    ['an alias bomb', ALIAS_BOMB, /profile:\d+:\d+/, /aliases expand the profile to more than 20000 values/],
    ['too many aliases', `a: &a x\nb: [${Array(PROFILE_TEXT_LIMITS.aliases + 1).fill('*a').join(', ')}]\n`, /profile:2:\d+/, /more than 100 aliases/],
    ['an alias inside its own anchor', 'a: &a [1, *a]\n', /profile:1:\d+/, /refers to a value that contains it/],
    ['too deep a nest', `${'['.repeat(40)}${']'.repeat(40)}\n`, /profile:1:\d+/, /nested more than 32 levels deep/],
    ['too many values', `a: [${Array(PROFILE_TEXT_LIMITS.nodes + 1).fill('1').join(',')}]\n`, /profile:1:\d+/, /more than 20000 values/],
    ['too large a text', `# ${'x'.repeat(PROFILE_TEXT_LIMITS.bytes)}\n`, /^profile$/, /bytes; the limit is 131072/],
    ['a duplicate key', 'organisation:\n  name: A\n  name: B\n', /profile:3:3/, /duplicate key "name"/],
  ])('%s is a problem with its place', (_name, text, path, message) => {
    const result = parseProfileText(text, 'profile');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe('invalid_profile');
    expect(result.problems[0]!.path).toMatch(path);
    expect(result.problems[0]!.message).toMatch(message);
  });

  it('a realistic profile with an alias or two still parses', () => {
    expect(parseProfileText('organisation: { name: X }\nsystems:\n  - &base { id: a, hosting: mainland }\n  - { id: b, hosting: mainland }\nplan: { start: "2027-01-01" }\n', 'profile').ok).toBe(true);
  });

  it('reports characters by field, and those outside any value by position', () => {
    const result = parseProfileText('organisation:\n  name: "A\\0"\n  mainlandCity: b\u0001c\nsystems: [] # \u0000\n', { source: 'f.yaml' });
    expect(result).toMatchObject({ ok: false, code: 'invalid_characters' });
    expect(!result.ok && result.problems.map((problem) => problem.path)).toEqual(['organisation.name', 'organisation.mainlandCity', 'f.yaml:4:15']);
  });
});

describe.each(DATABASES)('the API boundary on $name', ({ options }) => {
  const { login, call, request } = apiHarness(options, [['owner@example.com', 'Olga']]);
  let owner: Session;
  let id: string;
  let item: Json;

  const expectRefused = async (response: Response, paths: string[]) => {
    expect(response.status).toBe(422);
    const body = (await response.json()) as Json;
    expect(body.error.code).toBe('invalid_characters');
    expect(body.error.problems.map((problem: Json) => problem.path)).toEqual(paths);
  };

  it('refuses each kind of bad character in a profile object, with the path of the field', async () => {
    owner = await login('owner@example.com');
    const created = await call(owner, 'POST', '/api/engagements', { name: 'Boundary', profile: profile() });
    expect(created.status).toBe(201);
    id = ((await created.json()) as Json).id;
    item = ((await (await call(owner, 'GET', `/api/engagements/${id}/annex`)).json()) as Json).items[0];
    for (const character of Object.values(REFUSED)) {
      const response = await call(owner, 'POST', '/api/engagements', { name: 'Bad', profile: profile({ systems: [system(), system({ id: 'b', name: `B${character}` })] }) });
      await expectRefused(response, ['profile.systems[1].name']);
    }
    const list = (await (await call(owner, 'GET', '/api/engagements')).json()) as Json;
    expect(list.engagements).toHaveLength(1); // nothing half-stored
  });

  it('accepts every text a profile may legally hold', async () => {
    const response = await call(owner, 'POST', '/api/engagements', { name: ACCEPTED.join(' '), profile: profile({ organisation: { name: ACCEPTED.join(' ') }, systems: ACCEPTED.map((name, index) => system({ id: `s${index}`, name })) }) });
    expect(response.status).toBe(201);
  });

  it('refuses them in YAML text by field (escaped or raw) and by position (in a comment)', async () => {
    const yaml = 'organisation:\n  name: "Acme\\0"\n  mainlandCity: "\\uD800"\nsystems:\n  - id: a\n    name: A\u0001\n# note \u0000\n';
    await expectRefused(await call(owner, 'POST', '/api/engagements', { name: 'Bad', profile: yaml }), ['profile.organisation.name', 'profile.organisation.mainlandCity', 'profile.systems[0].name', 'profile:7:8']);
    await expectRefused(await call(owner, 'PUT', `/api/engagements/${id}/profile`, { profile: yaml, version: 1 }), ['profile.organisation.name', 'profile.organisation.mainlandCity', 'profile.systems[0].name', 'profile:7:8']);
    await expectRefused(await call(owner, 'POST', `/api/engagements/${id}/preview`, { profile: yaml }), ['profile.organisation.name', 'profile.organisation.mainlandCity', 'profile.systems[0].name', 'profile:7:8']);
  });

  it('uses the same rule on every other body, query and key', async () => {
    await expectRefused(await call(owner, 'POST', `/api/engagements/${id}/annex/items`, { section: 'guardrail', title: 'T\u0000', text: 'ok' }), ['title']);
    await expectRefused(await call(owner, 'PATCH', `/api/engagements/${id}/annex/items/${item.id}`, { text: 'x\uDFFF', version: item.version }), ['text']);
    await expectRefused(await call(owner, 'POST', '/api/tokens', { name: 'tok\u0007' }), ['name']);
    await expectRefused(await call(owner, 'POST', '/api/engagements', { name: 'E\u0000', profile: { organisation: { name: 'X' }, ['k\u0000']: 1 } }), ['name', 'profile.k\\u0000']);
    await expectRefused(await call(null, 'POST', '/api/session', { email: 'owner@example.com', password: 'pass\u0000word' }), ['password']);
    await expectRefused(await call(owner, 'GET', `/api/engagements/${id}/history?entityId=${encodeURIComponent('a\u0000')}`), ['query.entityId']);
    const unchanged = (await (await call(owner, 'GET', `/api/engagements/${id}/annex`)).json()) as Json;
    expect(unchanged.items.find((candidate: Json) => candidate.id === item.id)).toMatchObject({ version: item.version, statement: item.statement });
  });

  it('turns YAML bombs and oversized texts into a 422 with the place, and keeps answering', async () => {
    for (const [text, path] of [[ALIAS_BOMB, /^profile:\d+:\d+$/], [`${'['.repeat(5_000)}`, /^profile:1:\d+$/], [`# ${'x'.repeat(200_000)}`, /^profile$/]] as const) {
      const response = await call(owner, 'POST', `/api/engagements/${id}/preview`, { profile: text });
      expect(response.status).toBe(422);
      const body = (await response.json()) as Json;
      expect(body.error.code).toBe('invalid_profile');
      expect(body.error.problems[0].path).toMatch(path);
    }
    expect((await request('/api/health')).status).toBe(200);
  });

  it('refuses a profile of more systems or transfers than PROFILE_LIMITS allows, as an object or as text, and stores nothing', async () => {
    // Each system of a dozen bytes is assessed in full (every field defaulted): 2,000 of them made a 90 MB assessment.
    const many = (count: number) => ({ organisation: { name: 'Many' }, systems: Array.from({ length: count }, (_, index) => ({ id: `s${index}` })), transfers: Array.from({ length: count }, (_, index) => ({ id: `t${index}`, fromSystem: `s${index}` })) });
    const over = many(PROFILE_LIMITS.systems + 1);
    const before = (await (await call(owner, 'GET', '/api/engagements')).json()) as Json;
    for (const sent of [over, `organisation: { name: Many }\nsystems:\n${over.systems.map((entry) => `  - { id: ${entry.id} }`).join('\n')}\n`]) {
      const response = await call(owner, 'POST', '/api/engagements', { name: 'Many systems', profile: sent });
      expect(response.status).toBe(422);
      const body = (await response.json()) as Json;
      expect(body.error.code).toBe('invalid_profile');
      expect(body.error.problems.map((problem: Json) => problem.message).join('\n')).toMatch(/at most 1000 systems in one profile/);
    }
    const preview = await call(owner, 'POST', `/api/engagements/${id}/preview`, { profile: over });
    expect(preview.status).toBe(422);
    expect(((await preview.json()) as Json).error.problems.map((problem: Json) => problem.path)).toEqual(['systems', 'transfers']);
    expect((await (await call(owner, 'GET', '/api/engagements')).json()) as Json).toEqual(before);
  });
});

describe('the CLI', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'landfall-boundary-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  const landfall = (...args: string[]) => spawnSync(process.execPath, ['bin/landfall.js', ...args], { encoding: 'utf8', cwd: join(import.meta.dirname, '..') });

  it('exits 2 listing the fields that hold bad characters, and the alias bomb with its place', () => {
    const characters = join(scratch, 'characters.yaml');
    writeFileSync(characters, 'organisation:\n  name: "Acme\\0"\nsystems:\n  - id: a\n    name: "A\\u0001"\n');
    const bad = landfall('assess', characters);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('organisation.name: contains NUL (U+0000)');
    expect(bad.stderr).toContain('systems[0].name: contains the control character U+0001');
    const bomb = join(scratch, 'bomb.yaml');
    writeFileSync(bomb, ALIAS_BOMB);
    const exploded = landfall('annex', bomb, '--format', 'json');
    expect(exploded.status).toBe(2);
    expect(exploded.stderr).toMatch(/bomb\.yaml:\d+:\d+: aliases expand the profile to more than 20000 values/);
    expect(exploded.stdout).toBe('');
    const many = join(scratch, 'many.yaml');
    writeFileSync(many, `organisation: { name: Many }\nsystems:\n${Array.from({ length: PROFILE_LIMITS.systems + 1 }, (_, index) => `  - { id: s${index} }`).join('\n')}\n`);
    const tooMany = landfall('assess', many);
    expect(tooMany.status).toBe(2);
    expect(tooMany.stderr).toContain('systems: at most 1000 systems in one profile');
    expect(tooMany.stdout).toBe('');
  });
});
