// The gap register of a whole profile: every system (or one) at its graded MLPS level, or at a
// level the user asks for.
import type { LawBook } from '../law/content-schema.ts';
import type { Say } from '../assess/explanation.ts';
import { normaliseProfile, type Problem } from '../profile/normalise-profile.ts';
import { ENGINE_VERSION } from '../assess/assess-profile.ts';
import { matrixLevel } from '../assess/assess-mlps.ts';
import { invalidProfile } from '../input-errors.ts';
import { analyseGaps, gapInput, isCatalogLevel, type GapReport } from './gap-analysis.ts';

export interface ProfileGaps {
  organisation: string;
  asOf: string;
  engineVersion: string;
  contentVersion: string;
  systems: GapReport[];
  /** Systems left out, with the reason (level 5, or not the one asked for). */
  skipped: Array<{ systemId: string; reason: string }>;
}

export interface GapOptions {
  level?: number;
  systemId?: string;
}

/** `say` writes the registers' prose in the output language (see Say). */
export function gapsForProfile(book: LawBook, input: unknown, asOf: string, say: Say, options: GapOptions = {}): ProfileGaps {
  const problems: Problem[] = [];
  if (options.level != null && !isCatalogLevel(options.level)) problems.push({ path: '--level', message: `expected a level from 1 to 4 (GB/T 22239-2019 sets no level 5 requirements); received ${options.level}` });
  const normalised = normaliseProfile(input, asOf);
  if (!normalised.ok) throw invalidProfile([...problems, ...normalised.problems]);
  const { profile, defaultsUsed } = normalised;
  if (options.systemId != null && !profile.systems.some((system) => system.id === options.systemId)) {
    problems.push({ path: '--system', message: `no system "${options.systemId}" in the profile; systems: ${profile.systems.map((system) => system.id).join(', ') || 'none'}` });
  }
  if (problems.length > 0) throw invalidProfile(problems);
  const systems: GapReport[] = [];
  const skipped: ProfileGaps['skipped'] = [];
  profile.systems.forEach((system) => {
    if (options.systemId != null && system.id !== options.systemId) return;
    const graded = matrixLevel(book, system);
    const level = options.level ?? graded;
    if (!isCatalogLevel(level)) {
      skipped.push({ systemId: system.id, reason: `graded level ${graded}: GB/T 22239-2019 sets no requirements at level 5.` });
      return;
    }
    systems.push(analyseGaps(book.controls, gapInput(profile, system, defaultsUsed, level, options.level == null ? 'graded' : 'requested'), say));
  });
  return { organisation: profile.organisation.name, asOf, engineVersion: ENGINE_VERSION, contentVersion: book.contentVersion, systems, skipped };
}
