// Open questions a client can answer, and the assumptions Landfall made for them. A default that
// decides a determination becomes a question naming what hangs on the answer and who gives it;
// a default that only fills a gap becomes one entry of the Assumptions block (one entry per fact,
// listing every system it was assumed for). Points flagged for legal review become one question
// per determination, for counsel, with the points to confirm.
import type { Assessment } from '../assess/assessment-schema.ts';
import type { AnnexItemDraft } from './annex-types.ts';
import { HOSTING, ICP, MECHANISM, englishWords, hashKey, hostingIn, humanise, icpIn, item, mechanismIn, namer, type Words } from './annex-text.ts';
import { findBy } from '../list-lookup.ts';

type Subject = { kind: 'system'; id: string; name: string } | { kind: 'transfer'; id: string; name: string } | { kind: 'organisation' };

interface FieldQuestion {
  /** The question, asked of the subject's name. */
  ask: (name: string) => string;
  /** What hangs on the answer, for this assessment. */
  hangsOn: (context: { assessment: Assessment; subject: Subject }) => string;
  owner: string;
  /** A short label for the assumption entry. */
  label: string;
}

const systemOf = (assessment: Assessment, subject: Subject) => (subject.kind === 'system' ? findBy(assessment.systems, 'id', subject.id) : undefined);
const routeNow = (assessment: Assessment) => `the transfer route (now: ${MECHANISM[assessment.organisation.cbdt.mechanism]})`;

/** Defaults that decide a determination: each is asked as a question. */
const DECISIVE: Record<string, FieldQuestion> = {
  'system.impact': {
    ask: (name) => `If ${name} were compromised, who would be harmed and how badly: only the company and its customers, or also social order and the public interest (or national security)?`,
    hangsOn: ({ assessment, subject }) => `The MLPS grade of ${subject.kind === 'system' ? subject.name : 'the system'} (now level ${systemOf(assessment, subject)?.mlps.level ?? '?'}); harm to social order or the public interest raises it, and with it the assessment cadence and the remediation baseline.`,
    owner: 'Security lead', label: 'Impact of a compromise',
  },
  'system.servesMainlandUsers': {
    ask: (name) => `Does ${name} serve users in the mainland?`,
    hangsOn: ({ subject }) => `Whether the mainland rules (ICP, MLPS grading, the hosting path) apply to ${subject.kind === 'system' ? subject.name : 'the system'} at all.`,
    owner: 'Product owner', label: 'Serves mainland users',
  },
  'system.internetFacing': {
    ask: (name) => `Can the mainland public reach ${name} (a website, app, mini program or public API), or only the company's own staff and partners?`,
    hangsOn: ({ assessment, subject }) => {
      const system = systemOf(assessment, subject);
      return `The ICP requirement (now: ${system ? ICP[system.icp.requirement] : '?'}) and the hosting determination (now: ${system ? HOSTING[system.hosting.recommendation] : '?'}).`;
    },
    owner: 'Product owner', label: 'Reachable by the mainland public',
  },
  'system.commercialService': {
    ask: (name) => `Do users pay for ${name} online (a paid information service or platform), or is it free to use?`,
    hangsOn: ({ assessment, subject }) => `An ICP filing or an ICP commercial licence (now: ${systemOf(assessment, subject) ? ICP[systemOf(assessment, subject)!.icp.requirement] : '?'}); the licence needs a qualifying mainland entity and takes longer.`,
    owner: 'Product owner', label: 'Paid online service',
  },
  'system.hosting': {
    ask: (name) => `Where is ${name} hosted today: outside the mainland, in the mainland, or in Hong Kong, Macau or Taiwan?`,
    hangsOn: () => 'Whether collecting into the system is itself an outbound transfer, and the hosting determination.',
    owner: 'Cloud architect', label: 'Current hosting',
  },
  'system.collectsMainlandPersonalInformation': {
    ask: (name) => `Does ${name} collect personal information of individuals in the mainland?`,
    hangsOn: ({ assessment }) => `Whether its users count towards ${routeNow(assessment)}.`,
    owner: 'Data protection officer', label: 'Collects mainland personal information',
  },
  'system.sensitivePersonalInformation': {
    ask: (name) => `Does ${name} hold sensitive personal information, such as location tracks, biometrics, health or financial-account data, or data of children under 14?`,
    hangsOn: ({ assessment }) => `The sensitive-PI thresholds of ${routeNow(assessment)}, and separate consent.`,
    owner: 'Data protection officer', label: 'Sensitive personal information',
  },
  'system.importantData': {
    ask: (name) => `Has any data in ${name} been notified or published as important data by a competent authority?`,
    hangsOn: () => 'Important data leaves the mainland only after a CAC security assessment, whatever the volume.',
    owner: 'Data protection officer', label: 'Important data',
  },
  'system.users': {
    ask: (name) => `How many registered and monthly active users in the mainland does ${name} have?`,
    hangsOn: ({ assessment }) => `Where no transfer count is given, the individuals counted for ${routeNow(assessment)}.`,
    owner: 'Product owner', label: 'Mainland users',
  },
  'transfer.nonSensitiveIndividuals': {
    ask: (name) => `How many distinct individuals does the ${name} transfer carry in the counting window?`,
    hangsOn: ({ assessment }) => `${routeNow(assessment).replace(/^t/, 'T')}: the thresholds count individuals over the whole company, so an undercount can hide a heavier route.`,
    owner: 'Data protection officer', label: 'Individuals transferred',
  },
  'transfer.sensitiveIndividuals': {
    ask: (name) => `How many of the individuals in the ${name} transfer have sensitive personal information transferred?`,
    hangsOn: ({ assessment }) => `The sensitive-PI thresholds of ${routeNow(assessment)}.`,
    owner: 'Data protection officer', label: 'Individuals with sensitive PI transferred',
  },
  'transfer.scenario': {
    ask: (name) => `Is the ${name} transfer needed to perform a contract with the individual, for cross-border HR, or in an emergency?`,
    hangsOn: ({ assessment }) => `An exempt scenario takes the transfer out of the count for ${routeNow(assessment)}.`,
    owner: 'Data protection officer', label: 'Exempt scenario',
  },
  'transfer.importantData': {
    ask: (name) => `Does the ${name} transfer carry data notified or published as important data?`,
    hangsOn: () => 'Important data leaves the mainland only after a CAC security assessment.',
    owner: 'Data protection officer', label: 'Important data in the transfer',
  },
  'organisation.ciiNotified': {
    ask: () => 'Has a protection work department notified the company that it operates critical information infrastructure?',
    hangsOn: ({ assessment }) => `CII status (now: ${assessment.organisation.cii.status.replaceAll('_', ' ')}); a notification brings mainland storage and a security assessment for any personal information that leaves.`,
    owner: 'PRC legal counsel', label: 'CII notification',
  },
  'organisation.individualsProcessed': {
    ask: () => 'How many distinct mainland individuals does the company process personal information of, across all its systems?',
    hangsOn: () => 'The duties that follow the volume processed (a PI protection officer, compliance audits) and the eligibility for the standard contract.',
    owner: 'Data protection officer', label: 'Individuals processed',
  },
  'organisation.sectors': {
    ask: () => 'In which sectors does the company operate in the mainland?',
    hangsOn: () => 'CII screening and the sector rules (for example the automotive data provisions).',
    owner: 'China entity lead', label: 'Sectors',
  },
  'organisation.mainlandEntity': {
    ask: () => 'Does the company have a mainland legal entity, or is one planned?',
    hangsOn: () => 'The timeline: forming the entity comes before mainland cloud accounts, the ICP and the filings.',
    owner: 'China entity lead', label: 'Mainland entity',
  },
};

/** Labels of the facts that only fill a default (the Assumptions block). */
const ASSUMPTION_LABELS: Record<string, string> = {
  'system.audience': 'Audience', 'system.platform': 'Third parties transact on the system', 'system.channels': 'Channels', 'system.cloudHosted': 'Hosted on a public cloud',
  'system.operator': 'Who operates the system', 'system.partOfCii': 'Part of a notified CII', 'system.algorithms': 'Algorithmic and generative features',
  'system.iot': 'Manages sensing devices or gateways (IoT)', 'system.industrialControl': 'Industrial control system', 'system.dataCategories': 'Data categories', 'system.integrations': 'Third-party integrations',
  'transfer.destination': 'Destination of the transfer', 'transfer.recipient': 'Recipient', 'transfer.remoteAccess': 'Remote access rather than transmission',
  'organisation.headquarters': 'Headquarters', 'organisation.mainlandCity': 'City of the mainland entity', 'organisation.foreignOwnershipPercent': 'Foreign ownership',
  'organisation.freeTradeZone': 'Free-trade zone with a data negative list', 'plan.start': 'Plan start', 'plan.goLive': 'Target go-live',
  'controls.soc2': 'SOC 2 report', 'controls.iso27001': 'ISO/IEC 27001', 'controls.practices': 'Security practices',
};

/** `systems[2].impact.businessInformation` to its subject and field (`system.impact`). */
function parsePath(assessment: Assessment, path: string, names: ReturnType<typeof namer>): { subject: Subject; field: string } | null {
  const indexed = /^(systems|transfers)\[(\d+)\]\.([A-Za-z]+)/.exec(path);
  if (indexed) {
    const index = Number(indexed[2]);
    if (indexed[1] === 'systems') {
      const system = assessment.systems[index];
      return system ? { subject: { kind: 'system', id: system.id, name: system.name }, field: `system.${indexed[3]}` } : null;
    }
    const id = names.transferIds[index];
    return id ? { subject: { kind: 'transfer', id, name: names.transfer(id) }, field: `transfer.${indexed[3]}` } : null;
  }
  const plain = /^(organisation|plan|controls)\.([A-Za-z0-9]+)/.exec(path);
  if (plain) return { subject: { kind: 'organisation' }, field: `${plain[1]}.${plain[2]}` };
  return null;
}

const lowerFirst = (text: string) => (text.length > 1 && /^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text);

/** The values a question's message in another language reads: the subject's name and what the determinations say now. */
function questionValues(assessment: Assessment, subject: Subject, w: Words): Record<string, string> {
  const system = systemOf(assessment, subject);
  const { cii } = assessment.organisation;
  return {
    name: subject.kind === 'organisation' ? w('question.company', 'the company') : subject.name,
    level: String(system?.mlps.level ?? '?'), icp: system ? icpIn(w, system.icp.requirement) : '?', hosting: system ? hostingIn(w, system.hosting.recommendation) : '?',
    route: mechanismIn(w, assessment.organisation.cbdt.mechanism), cii: w(`question.ciiStatus.${cii.status}`, cii.status.replaceAll('_', ' ')),
  };
}

export function questionsAndAssumptions(assessment: Assessment, dueBy: string, w: Words = englishWords): AnnexItemDraft[] {
  const names = namer(assessment);
  const separator = w.english ? ', ' : '、';
  const questions: AnnexItemDraft[] = [];
  const assumptions = new Map<string, { label: string; reason: string; systems: string[]; subjects: string[] }>();
  for (const question of assessment.openQuestions) {
    if (question.kind === 'legal_review') continue;
    const parsed = question.path ? parsePath(assessment, question.path, names) : null;
    if (question.kind === 'default_relied_on' && parsed) {
      const decisive = DECISIVE[parsed.field];
      const subjectName = parsed.subject.kind === 'organisation' ? 'the company' : parsed.subject.name;
      if (decisive) {
        const values = questionValues(assessment, parsed.subject, w);
        const hangsOn = w(`question.${parsed.field}.hangsOn`, decisive.hangsOn({ assessment, subject: parsed.subject }), values);
        questions.push(item({
          key: `question.${question.path}`, section: 'open_question', status: 'open',
          title: w(`question.${parsed.field}.ask`, decisive.ask(subjectName), values),
          statement: w('question.assumed', `Landfall assumed: ${lowerFirst(question.detail)}`, { detail: question.detail }),
          implication: hangsOn,
          basis: [], owner: decisive.owner, due: dueBy,
          systems: parsed.subject.kind === 'system' ? [parsed.subject.id] : [],
          question: { kind: 'fact', hangsOn },
        }));
        continue;
      }
      const key = parsed.field;
      const entry = assumptions.get(key) ?? { label: ASSUMPTION_LABELS[key] ? w(`assumption.label.${key}`, ASSUMPTION_LABELS[key]) : humanise(key.split('.')[1] ?? key), reason: question.detail, systems: [], subjects: [] };
      if (parsed.subject.kind === 'system') entry.systems.push(parsed.subject.id);
      if (parsed.subject.kind !== 'organisation') entry.subjects.push(parsed.subject.name);
      assumptions.set(key, entry);
      continue;
    }
    // Facts a determination needed but the profile does not give.
    const text = names.prose(question.question);
    const counted = w('question.fact.counted', `The individuals counted for ${routeNow(assessment)}.`, { route: mechanismIn(w, assessment.organisation.cbdt.mechanism) });
    const gba = w('question.fact.gba', 'Whether the Greater Bay Area standard contract is open to the company.');
    questions.push(item({
      key: `question.${question.path ?? 'fact'}.${hashKey(question.question)}`, section: 'open_question', status: 'open',
      title: /[?？]$/.test(text) ? text : `${text}${w.english ? '?' : '？'}`,
      statement: names.prose(question.detail),
      implication: question.path === 'transfers' ? counted : question.path === 'organisation.mainlandCity' ? gba : null,
      basis: [], owner: 'Data protection officer', due: dueBy,
      question: { kind: 'fact', hangsOn: question.path === 'organisation.mainlandCity' ? gba : counted },
    }));
  }
  questions.push(...legalReviewQuestions(assessment, names, dueBy, w));
  const assumptionItems = [...assumptions.entries()].map(([key, entry]) =>
    item({
      key: `assumption.${key}`, section: 'assumption', status: 'draft',
      title: entry.label,
      statement: w.english ? `${entry.subjects.length > 0 ? `${entry.subjects.join(', ')}: ` : ''}${lowerFirst(entry.reason)}` : `${entry.subjects.length > 0 ? `${entry.subjects.join(separator)}：` : ''}${entry.reason}`,
      implication: w('assumption.implication', 'Correct it in the intake if it is wrong; the assessment and this annex follow.'),
      basis: [], systems: entry.systems, owner: 'Consultant', due: dueBy,
    }),
  );
  return [...questions, ...assumptionItems];
}

/**
 * One question for counsel per determination that rests on unconfirmed points, and one
 * assumption for the timeline's planning estimates (durations, not law).
 */
function legalReviewQuestions(assessment: Assessment, names: ReturnType<typeof namer>, dueBy: string, w: Words): AnnexItemDraft[] {
  const out: AnnexItemDraft[] = [];
  const { jurisdiction, cbdt, cii } = assessment.organisation;
  const seen = new Set<string>();
  const add = (key: string, ask: string, hangsOn: string, reasons: readonly string[], systems: string[], basis = [] as AnnexItemDraft['basis']) => {
    const fresh = [...new Set(reasons.map((reason) => names.prose(reason)))].filter((reason) => !seen.has(reason));
    if (fresh.length === 0) return;
    for (const reason of fresh) seen.add(reason);
    out.push(item({
      key: `question.review.${key}`, section: 'open_question', status: 'open', title: ask,
      statement: w.english ? `To confirm: ${fresh.map((reason) => (/[.?!]$/.test(reason) ? reason : `${reason}.`)).join(' ')}` : w('review.toConfirm', '', { reasons: fresh.map((reason) => (/[.?!。！？]$/.test(reason) ? reason : `${reason}。`)).join('') }),
      implication: hangsOn, basis, owner: 'PRC legal counsel', due: dueBy, systems, needsLegalReview: true,
      question: { kind: 'legal_review', hangsOn },
    }));
  };
  add('jurisdiction', w('review.jurisdiction.ask', 'Does counsel confirm that the mainland rules apply to this entry as Landfall reads them?'), w('review.jurisdiction.hangsOn', 'Whether the mainland frame applies at all.'), jurisdiction.legalReviewReasons, []);
  add('cbdt', w('review.cbdt.ask', `Does counsel confirm that the outbound transfers need ${MECHANISM[cbdt.mechanism]}?`, { route: mechanismIn(w, cbdt.mechanism) }), w('review.cbdt.hangsOn', 'The transfer route, its paperwork and the transfer track of the timeline.'), cbdt.legalReviewReasons, [], cbdt.citations.slice(0, 2));
  add('cii', w('review.cii.ask', `Does counsel confirm the CII screening (${cii.status === 'candidate' ? 'designation plausible' : cii.status === 'notified' ? 'notified operator' : 'not indicated'})?`, { status: cii.status }), w('review.cii.hangsOn', 'CII status: designation adds mainland storage, a security assessment for any PI and level 3 or above.'), cii.legalReviewReasons, [], cii.citations.slice(0, 1));
  const perSystem = (key: 'mlps' | 'icp' | 'hosting', ask: string, hangsOn: string) => {
    const systems = assessment.systems.filter((system) => system[key].legalReviewReasons.length > 0);
    if (systems.length === 0) return;
    const described = systems.map((system) => describeSystem(system, key, w)).join(w.english ? '; ' : '；');
    add(key, w(`review.${key}.ask`, ask.replace('{systems}', described), { systems: described }), w(`review.${key}.hangsOn`, hangsOn), systems.flatMap((system) => system[key].legalReviewReasons), systems.map((system) => system.id), systems[0]![key].citations.slice(0, 1));
  };
  perSystem('hosting', 'Does counsel confirm where the systems must be hosted ({systems})?', 'The hosting decision and the mainland-hosting track of the timeline.');
  perSystem('mlps', 'Does counsel confirm the MLPS grades and their obligations ({systems})?', 'The grading, filing and assessment work, and the remediation baseline.');
  perSystem('icp', 'Does counsel confirm the ICP requirement ({systems})?', 'The ICP track and whether the public launch can go ahead on the planned date.');
  const estimates = [...new Set(assessment.timeline.legalReviewReasons)];
  if (estimates.length > 0) {
    out.push(item({
      key: 'assumption.timeline.estimates', section: 'assumption', status: 'draft', title: w('assumption.timeline.title', 'Durations of the timeline'),
      statement: w.english
        ? `The durations of the timeline's tracks are planning estimates where the law sets no period: ${[...new Set(estimates.map((reason) => lowerFirst(names.prose(reason).replace(/\.$/, ''))))].join('; ')}.`
        : w('assumption.timeline.statement', '', { estimates: [...new Set(estimates.map((reason) => names.prose(reason).replace(/[.。]$/, '')))].join('；') }),
      implication: w('assumption.timeline.implication', 'Refine them with the client\'s own figures and the assessors\' quotes.'), basis: [], owner: 'Consultant', due: dueBy,
    }));
  }
  return out;
}

function describeSystem(system: Assessment['systems'][number], key: 'mlps' | 'icp' | 'hosting', w: Words): string {
  if (key === 'mlps') return w('review.describe.mlps', `${system.name}: level ${system.mlps.level}`, { name: system.name, level: String(system.mlps.level) });
  if (key === 'icp') return w.english ? `${system.name}: ${ICP[system.icp.requirement]}` : `${system.name}：${icpIn(w, system.icp.requirement)}`;
  return w.english ? `${system.name}: ${HOSTING[system.hosting.recommendation]}` : `${system.name}：${hostingIn(w, system.hosting.recommendation)}`;
}
