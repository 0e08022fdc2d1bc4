// Look-ups by a field (src/core/list-lookup.ts): a short list is scanned, a long one indexed once.
// Both must give what a scan gives, and the per-system rules that use them must name the same
// systems in a profile of a few systems and in one of many.
import { describe, expect, it } from 'vitest';
import { candidatesWith, findBy } from '../src/core/list-lookup.ts';
import { assess, profile, system, transfer } from './helpers.ts';

interface Entry {
  id: string;
  from: string | null;
}

const entries = (count: number): Entry[] => Array.from({ length: count }, (_, index) => ({ id: `e${index}`, from: index % 3 === 0 ? null : `s${index % 5}` }));

describe('list look-ups', () => {
  for (const count of [0, 3, 16, 17, 200]) {
    it(`finds and groups as find and filter do, over ${count} entries`, () => {
      const list = entries(count);
      for (const value of ['s0', 's1', 's4', 's9', null]) {
        expect(findBy(list, 'from', value)).toBe(list.find((entry) => entry.from === value));
        expect(candidatesWith(list, 'from', value).filter((entry) => entry.from === value)).toEqual(list.filter((entry) => entry.from === value));
      }
      for (const entry of list) expect(findBy(list, 'id', entry.id)).toBe(entry);
      expect(findBy(list, 'id', 'missing')).toBeUndefined();
    });
  }

  it('indexes a long list again once it has grown', () => {
    const list = entries(40);
    expect(findBy(list, 'id', 'late')).toBeUndefined();
    list.push({ id: 'late', from: 's1' });
    expect(findBy(list, 'id', 'late')).toBe(list[40]);
    expect(candidatesWith(list, 'from', 's1')).toContain(list[40]);
  });

  it('returns the same findings of each system in a short and a long profile', () => {
    // System k is hosted overseas; even ones declare a transfer counting fewer individuals than they
    // have registered (understated), odd ones more; every third holds sensitive PI but declares
    // none of it; the last declares no transfer (an implied one is added for it).
    const make = (count: number) => {
      const systems = Array.from({ length: count }, (_, k) =>
        system({ id: `s${k}`, name: `S${k}`, hosting: 'overseas', users: { registered: 1_000 * (k + 1), monthlyActive: 100 }, sensitivePersonalInformation: k % 3 === 0 ? ['financial_account'] : [], channels: k % 4 === 1 ? ['mini_program'] : ['website'] }),
      );
      const transfers = systems.slice(0, -1).map((_, k) => transfer({ id: `t${k}`, fromSystem: `s${k}`, nonSensitiveIndividuals: k % 2 === 0 ? 500 : 1_000_000 }));
      return assess(profile({ systems, transfers }));
    };
    const expected = (count: number) => {
      const ids: string[] = [];
      for (let k = 0; k < count - 1; k += 1) {
        if (k % 2 === 0) ids.push(`cbdt.understated.s${k}`);
        if (k % 3 === 0) ids.push(`cbdt.sensitive-count.s${k}`);
      }
      return ids.sort();
    };
    for (const count of [6, 40]) {
      const assessment = make(count);
      const perSystem = assessment.findings.map((finding) => finding.id).filter((id) => id.startsWith('cbdt.understated.') || id.startsWith('cbdt.sensitive-count.'));
      expect(perSystem.sort(), `${count} systems`).toEqual(expected(count));
      const implied = assessment.organisation.cbdt.transfers.filter((treatment) => treatment.implied).map((treatment) => treatment.fromSystem);
      expect(implied, `${count} systems`).toEqual([`s${count - 1}`]);
    }
  });
});
