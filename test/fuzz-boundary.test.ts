// Issue 10, "Fuzzing in the test suite": generated YAML texts go to the profile parser, and
// generated profiles (near-valid and garbage) and request bodies go to the running app in process.
// Whatever arrives, the answer is never a 5xx; every rejection carries `error.code`, a 400 or 422
// lists its problems with paths; and the app still answers afterwards. Fixed seed, bounded runs;
// docs/SECURITY.md records what is tried and how many inputs.
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseProfileText } from '../src/content/parse-profile-text.ts';
import { apiHarness, type Session } from './api-harness.ts';
import { DATABASES } from './db-helpers.ts';
import { profile, system, transfer } from './helpers.ts';

const SEED = 20261201;
export const FUZZ_RUNS = { yamlTexts: 200, profiles: 40, bodies: 60 } as const;

const YAML_PIECES = ['organisation:', 'systems:', '- ', '  ', '\n', 'name: ', 'id: a', '&a ', '*a', '&b ', '*b', '<<: *a', '[', ']', '{', '}', ', ', ': ', '"', "'", '"\\0"', '"\\ud800"', '\u0000', '\u0001', '\uFFFE', '# c', '---', '...', '!!binary ', '!!str ', '? ', '|', '>-', '%YAML 1.2', '\t', '1e999', '0x1F', '~', 'null', '2027-02-30', '中文', '\u2028', '\r'];
const yamlText = fc.oneof(
  fc.array(fc.constantFrom(...YAML_PIECES), { maxLength: 60 }).map((pieces) => pieces.join('')),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom('a: &a [*a]', `${'['.repeat(2_000)}`, `${'- '.repeat(500)}x`, 'x: !!js/function "() => 1"', `a: &a [${'x,'.repeat(50)}x]\nb: [${'*a,'.repeat(99)}*a]`),
);

/** Every string and number a field could be set to, sane or not. */
const anyValue = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.string({ unit: 'binary', maxLength: 20 }), fc.constantFrom(-1, 0, 99_999, 100_000, 1e21, Number.MAX_SAFE_INTEGER, '2027-02-29', '', 'CN', '\u0000'));
const FIELDS = [
  ['organisation', 'name'], ['organisation', 'headquarters'], ['organisation', 'sectors'], ['organisation', 'individualsProcessed'], ['organisation', 'foreignOwnershipPercent'],
  ['systems', 0, 'id'], ['systems', 0, 'name'], ['systems', 0, 'users', 'registered'], ['systems', 0, 'impact'], ['systems', 0, 'integrations'], ['systems', 1],
  ['transfers', 0, 'fromSystem'], ['transfers', 0, 'nonSensitiveIndividuals'], ['transfers', 0, 'destination'], ['plan', 'start'], ['plan', 'goLive'], ['controls'], ['schemaVersion'], ['extra'],
] as const;

const nearValidProfile = fc.array(fc.tuple(fc.constantFrom(...FIELDS), anyValue), { maxLength: 4 }).map((edits) => {
  const value = profile({ systems: [system(), system({ id: 'b' })], transfers: [transfer()] }) as Record<string, unknown>;
  for (const [path, replacement] of edits) {
    let node = value as Record<PropertyKey, unknown>;
    for (const key of path.slice(0, -1)) {
      if (node[key] == null || typeof node[key] !== 'object') node[key] = typeof key === 'number' ? [] : {};
      node = node[key] as Record<PropertyKey, unknown>;
    }
    node[path.at(-1)!] = replacement;
  }
  return value;
});
const garbageProfile = fc.oneof(fc.jsonValue({ maxDepth: 4 }), fc.string({ unit: 'binary', maxLength: 100 }));

describe('the profile parser under generated YAML', () => {
  it('returns a value or problems with paths, never throws', () => {
    fc.assert(
      fc.property(yamlText, (text) => {
        const result = parseProfileText(text, 'profile');
        if (result.ok) return;
        expect(result.problems.length).toBeGreaterThan(0);
        for (const problem of result.problems) expect(typeof problem.path === 'string' && problem.path.length > 0 && typeof problem.message === 'string').toBe(true);
      }),
      { seed: SEED, numRuns: FUZZ_RUNS.yamlTexts },
    );
  });
});

// One database is enough here: PostgreSQL when the suite has one, else PGlite.
const database = DATABASES.at(-1)!;

describe(`the app under generated profiles and bodies (${database.name})`, () => {
  const { login, call, request } = apiHarness(database.options, [['owner@example.com', 'Olga']]);
  let owner: Session;
  let id: string;

  /** No 5xx; a rejection names its code, and a 400 or 422 its problems with paths. */
  const expectHandled = async (response: Response) => {
    expect(response.status).toBeLessThan(500);
    if (response.status < 400) return;
    const body = (await response.json()) as { error: { code: string; problems?: Array<{ path: string; message: string }> } };
    expect(typeof body.error.code).toBe('string');
    if (response.status === 400 || response.status === 422) {
      expect(body.error.problems!.length).toBeGreaterThan(0);
      for (const problem of body.error.problems!) expect(typeof problem.path === 'string' && typeof problem.message === 'string').toBe(true);
    }
  };

  it('answers generated profiles, as objects and as YAML text, with a result or problems', async () => {
    owner = await login('owner@example.com');
    const created = await call(owner, 'POST', '/api/engagements', { name: 'Fuzz', profile: profile() });
    expect(created.status).toBe(201);
    id = ((await created.json()) as { id: string }).id;
    await fc.assert(
      fc.asyncProperty(fc.oneof(nearValidProfile, garbageProfile), fc.boolean(), yamlText, async (input, asText, junk) => {
        const sent = asText ? `${stringify(input)}${junk.length % 3 === 0 ? junk : ''}` : input;
        await expectHandled(await call(owner, 'POST', `/api/engagements/${id}/preview`, { profile: sent }));
      }),
      { seed: SEED, numRuns: FUZZ_RUNS.profiles },
    );
  }, 120_000);

  it('answers generated bodies on every writing route, and still answers afterwards', async () => {
    const items = ((await (await call(owner, 'GET', `/api/engagements/${id}/annex`)).json()) as { items: Array<{ id: string }> }).items;
    const routes = [
      ['POST', '/api/engagements'], ['PUT', `/api/engagements/${id}/profile`], ['POST', `/api/engagements/${id}/preview`], ['POST', `/api/engagements/${id}/annex/items`],
      ['PATCH', `/api/engagements/${id}/annex/items/${items[0]!.id}`], ['POST', `/api/engagements/${id}/members`], ['POST', '/api/tokens'], ['POST', '/api/session'],
      ['GET', `/api/engagements/${id}/history?entityId=%00`], ['GET', `/api/engagements/${id}/gaps?system=%F0`], ['GET', `/api/engagements/${id}/assessment?asOf=2027-02-30`],
    ] as const;
    const body = fc.oneof(
      fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
      fc.record({ name: anyValue, profile: fc.oneof(nearValidProfile, garbageProfile, yamlText), version: anyValue, title: anyValue, text: anyValue, section: anyValue, email: anyValue, role: anyValue, password: anyValue }, { requiredKeys: [] }).map((value) => JSON.stringify(value)),
      fc.string({ unit: 'binary', maxLength: 80 }),
      fc.constantFrom('{', '{"a":', '[]', 'null', '"\\ud800"', `${'['.repeat(10_000)}${']'.repeat(10_000)}`, '{"name":"\\u0000"}'),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), body, async ([method, path], text) => {
        const response = await request(path, { method, headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrf, 'content-type': 'application/json' }, ...(method === 'GET' ? {} : { body: text }) });
        await expectHandled(response);
      }),
      { seed: SEED, numRuns: FUZZ_RUNS.bodies },
    );
    expect((await request('/api/health')).status).toBe(200);
    expect((await call(owner, 'GET', `/api/engagements/${id}`)).status).toBe(200);
  }, 120_000);
});
