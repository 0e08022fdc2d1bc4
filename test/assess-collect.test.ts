// The rules an assessment cites and its legal-review questions are gathered from the determinations
// the assessment schema lists; a walk of the whole finished tree must find the same, in the same order.
import { readdirSync, readFileSync } from 'node:fs';
import { engineText } from '../src/i18n/messages.ts';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProfileText } from '../src/content/parse-profile-text.ts';
import { assessProfile } from '../src/core/assess/assess-profile.ts';
import type { Assessment } from '../src/core/assess/assessment-schema.ts';
import { findInstrument } from '../src/core/law/law-book.ts';
import { generatePortfolio } from '../bench/portfolio.ts';
import { book } from './helpers.ts';

const ROOT = join(import.meta.dirname, '..');
const DATES = ['2023-06-15', '2024-06-01', '2026-11-22', '2026-12-01'];

/** Every citation anywhere in the tree: any object with an instrument, an effective date and a confidence. */
function rulesByWalk(assessment: Assessment): Assessment['rules'] {
  const ids = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (typeof record.instrument === 'string' && typeof record.effective === 'string' && 'confidence' in record) ids.add(record.instrument);
      Object.values(record).forEach(visit);
    }
  };
  const { rules: _rules, ...rest } = assessment;
  visit(rest);
  ids.delete('practice');
  return [...ids]
    .map((id) => findInstrument(book, id))
    .sort((a, b) => a.effective.localeCompare(b.effective) || a.id.localeCompare(b.id))
    .map((instrument) => ({ id: instrument.id, title: instrument.shortTitle, effective: instrument.effective }));
}

/** Every legal-review reason anywhere in the tree, in the order a depth-first walk meets them. */
function reviewReasonsByWalk(assessment: Assessment): string[] {
  const out = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (Array.isArray(record.legalReviewReasons)) for (const reason of record.legalReviewReasons) out.add(String(reason));
      for (const [key, value] of Object.entries(record)) if (key !== 'legalReviewReasons') visit(value);
    }
  };
  const { findings: _findings, openQuestions: _questions, rules: _rules, needsLegalReview: _review, ...core } = assessment;
  visit(core);
  return [...out];
}

function check(assessment: Assessment): void {
  expect(assessment.rules).toEqual(rulesByWalk(assessment));
  expect(assessment.openQuestions.filter((question) => question.kind === 'legal_review').map((question) => question.detail)).toEqual(reviewReasonsByWalk(assessment));
}

describe('rules and legal-review questions', () => {
  it('match a walk of the whole assessment for the examples on several dates', () => {
    const names = readdirSync(join(ROOT, 'examples')).filter((name) => name.endsWith('.yaml'));
    let reasons = 0;
    for (const name of names) {
      const parsed = parseProfileText(readFileSync(join(ROOT, 'examples', name), 'utf8'), name);
      if (!parsed.ok) throw new Error(`${name} is invalid`);
      for (const asOf of DATES) {
        const assessment = assessProfile(book, parsed.value, asOf, engineText());
        check(assessment);
        reasons += reviewReasonsByWalk(assessment).length;
      }
    }
    expect(reasons).toBeGreaterThan(0);
  });

  it('match a walk of the whole assessment for a generated portfolio', () => {
    const rules = new Set<string>();
    for (const [index, profile] of generatePortfolio(300, { seed: 4242 }).entries()) {
      const assessment = assessProfile(book, profile, DATES[index % DATES.length]!, engineText());
      check(assessment);
      for (const rule of assessment.rules) rules.add(rule.id);
    }
    expect(rules.size).toBeGreaterThan(20);
  });
});
