// An object the profile leaves out (controls, plan) takes the defaults of the fields inside it
// too, as the profile type promises; the assumption recorded is the one for the object.
import { describe, expect, it } from 'vitest';
import { normaliseProfile } from '../src/core/profile/normalise-profile.ts';

describe('defaults of an omitted object', () => {
  it('fill the fields inside it, and record one assumption for the object', () => {
    const result = normaliseProfile({ organisation: { name: 'Bare Co' }, systems: [{ id: 'app' }] }, '2026-12-01');
    if (!result.ok) throw new Error('expected a valid profile');
    expect(result.profile.controls).toEqual({
      soc2: null,
      iso27001: null,
      practices: { logsStoredInMainland: false, logRetentionMonths: 0, cryptography: [], sourceCodeReview: false, personnelBackgroundChecks: false },
    });
    expect(result.profile.plan).toEqual({ start: '2026-12-01', goLive: null });
    const recorded = result.defaultsUsed.map((entry) => entry.path).filter((path) => /^(controls|plan)/.test(path));
    expect(recorded).toEqual(['controls', 'plan', 'plan.start']);
  });

  it('leave a given object alone but for the fields it omits', () => {
    const result = normaliseProfile({ organisation: { name: 'Some Co' }, systems: [{ id: 'app' }], controls: { practices: { logRetentionMonths: 6 } } }, '2026-12-01');
    if (!result.ok) throw new Error('expected a valid profile');
    expect(result.profile.controls.practices.logRetentionMonths).toBe(6);
    expect(result.profile.controls.soc2).toBeNull();
    expect(result.defaultsUsed.map((entry) => entry.path)).toEqual(expect.arrayContaining(['controls.soc2', 'controls.iso27001', 'controls.practices.cryptography']));
  });
});

describe('paths of the defaults relied on', () => {
  it('are the same whether or not earlier profiles were normalised, and past the entries whose paths are kept', () => {
    const systems = Array.from({ length: 70 }, (_, index) => (index % 2 === 0 ? { id: `s${index}` } : { id: `s${index}`, impact: { businessInformation: { object: 'national_security', degree: 'general' }, systemService: { object: 'national_security', degree: 'general' } } }));
    const paths = () => {
      const result = normaliseProfile({ organisation: { name: 'Many Co' }, systems, transfers: [{ id: 't' }] }, '2026-12-01');
      if (!result.ok) throw new Error('expected a valid profile');
      return result.defaultsUsed.map((entry) => entry.path);
    };
    const first = paths();
    expect(paths()).toEqual(first);
    expect(first).toEqual(expect.arrayContaining(['organisation.headquarters', 'systems[0].impact', 'systems[68].impact', 'systems[69].users', 'systems[69].algorithms', 'transfers[0].destination', 'controls']));
    expect(first).not.toContain('systems[69].impact');
    expect(first.filter((path) => path.startsWith('systems[69].'))).toEqual(first.filter((path) => path.startsWith('systems[1].')).map((path) => path.replace('systems[1].', 'systems[69].')));
  });
});
