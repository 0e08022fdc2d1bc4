// The annex's wording: determinations in words, ids in names, and the item constructor.
import type { Assessment } from '../assess/assessment-schema.ts';
import type { Say } from '../assess/explanation.ts';
import type { AnnexItemDraft } from './annex-types.ts';

/**
 * The annex's own words: `w(id, english, values)` is the English text as written here, or in
 * another language the message `annex.derive.<id>` of content/messages/<locale>/annex-derive.yaml
 * with the same values (English is never looked up, so its output stays exactly as written).
 */
export type Words = ((id: string, english: string, values?: Readonly<Record<string, string | number>>) => string) & { readonly english: boolean };
export const englishWords: Words = Object.assign((_id: string, english: string) => english, { english: true });
export function wordsOf(say?: Say): Words {
  if (!say || say.locale === 'en') return englishWords;
  return Object.assign((id: string, _english: string, values?: Readonly<Record<string, string | number>>) => say(`annex.derive.${id}`, values), { english: false });
}
/** A list in words: `a, b and c` in English, `a、b和c` in Chinese. */
export function listIn(w: Words, names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return w.english ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : `${names.slice(0, -1).join('、')}和${names[names.length - 1]}`;
}

export const MECHANISM: Record<'none' | 'exempt' | 'standard_contract_or_certification' | 'security_assessment', string> = {
  none: 'no outbound transfer of personal information',
  exempt: 'exempt from all three mechanisms',
  standard_contract_or_certification: 'standard contract (filed) or personal-information protection certification',
  security_assessment: 'CAC security assessment',
};
export const HOSTING: Record<'overseas' | 'overseas_with_transfer_mechanism' | 'mainland_recommended' | 'mainland_required', string> = {
  overseas: 'can stay overseas',
  overseas_with_transfer_mechanism: 'can stay overseas with a transfer mechanism',
  mainland_recommended: 'mainland hosting recommended',
  mainland_required: 'mainland hosting required',
};
export const ICP: Record<'none' | 'filing' | 'licence', string> = { none: 'no ICP filing or licence', filing: 'ICP filing (non-commercial)', licence: 'ICP commercial licence' };
export const CII: Record<'notified' | 'candidate' | 'not_indicated', string> = { notified: 'notified CII operator', candidate: 'in a CII sector; designation plausible', not_indicated: 'not indicated as a CII operator' };

export const mechanismIn = (w: Words, key: keyof typeof MECHANISM) => w(`mechanism.${key}`, MECHANISM[key]);
export const hostingIn = (w: Words, key: keyof typeof HOSTING) => w(`hosting.${key}`, HOSTING[key]);
export const icpIn = (w: Words, key: keyof typeof ICP) => w(`icp.${key}`, ICP[key]);
export const ciiIn = (w: Words, key: keyof typeof CII) => w(`cii.${key}`, CII[key]);

export function item(draft: Omit<AnnexItemDraft, 'implication' | 'system' | 'category' | 'needsLegalReview'> & Partial<AnnexItemDraft>): AnnexItemDraft {
  const systems = draft.systems ?? (draft.system ? [draft.system] : []);
  return { implication: null, category: null, needsLegalReview: false, owner: null, due: null, ...draft, systems, system: draft.system ?? (systems.length === 1 ? systems[0]! : null) };
}

/** A short stable key part for free text (FNV-1a, base 36). */
export function hashKey(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}

/** Words of an id that are read as letters (`crm-sync` is a CRM sync, not a Crm sync). */
const ACRONYMS = new Set(['api', 'bi', 'cdn', 'crm', 'erp', 'ev', 'hq', 'hr', 'iam', 'icp', 'id', 'iot', 'it', 'mdm', 'mlps', 'ota', 'pi', 'sso', 'vpn']);

/** `telematics-engineering-access` to `Telematics engineering access`; `freeTradeZone` to `Free trade zone`; `crm-sync` to `CRM sync`. */
export function humanise(id: string): string {
  const words = id.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[-_.]+/g, ' ').trim().toLowerCase();
  if (words.length === 0) return id;
  const text = words.split(' ').map((word) => (ACRONYMS.has(word) ? word.toUpperCase() : word)).join(' ');
  return text[0]!.toUpperCase() + text.slice(1);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** What separates the words an id can be: system and transfer ids are slugs, letters, digits and hyphens (profile-schema.ts). */
const NOT_IN_ID = /[^\w-]+/;

/** System and transfer names for the ids an assessment uses, and prose with the ids replaced. */
export function namer(assessment: Assessment) {
  const systems = new Map(assessment.systems.map((system) => [system.id, system.name]));
  const transferIds = [...new Set(assessment.organisation.cbdt.transfers.filter((transfer) => !transfer.implied).map((transfer) => transfer.transfer))];
  const transfer = (id: string) => humanise(id).toLowerCase().replace(/^./, (char) => char.toUpperCase());
  const ids = [...systems.keys(), ...transferIds].sort((a, b) => b.length - a.length);
  const system = (id: string | null | undefined) => (id ? systems.get(id) ?? id : 'a system');
  const systemList = (list: readonly string[]) => list.map((id) => system(id)).join(', ');
  // Each id is named in turn, longest first. Only an id that stands as a whole word of the text can
  // be matched (it is a slug, and both patterns end it, and begin it, at a non-slug character), so
  // the ids tried are those among the text's words, found again after each change of the text: a
  // name put in may hold another id. The same ids change the text as when every id was tried, at
  // a cost that grows with the text and not with the profile (trying every id with patterns made
  // anew for each sentence made the annex of a profile of hundreds of systems take minutes).
  const places = new Map<string, number[]>();
  ids.forEach((id, index) => {
    const list = places.get(id);
    if (list) list.push(index);
    else places.set(id, [index]);
  });
  const patterns: Array<{ system: RegExp; bare: RegExp } | undefined> = [];
  const patternsOf = (index: number) => {
    let made = patterns[index];
    if (!made) {
      const pattern = escapeRegExp(ids[index]!);
      made = { system: new RegExp(`\\bSystem ${pattern}(?![\\w-])`, 'g'), bare: new RegExp(`(?<![\\w-])${pattern}(?![\\w-])`, 'g') };
      patterns[index] = made;
    }
    return made;
  };
  /** The places (in `ids`) after `after` of the ids that are words of `text`, in order. */
  const idsIn = (text: string, after: number): number[] => {
    const found = new Set<number>();
    for (const word of text.split(NOT_IN_ID)) for (const index of places.get(word) ?? []) if (index > after) found.add(index);
    return [...found].sort((a, b) => a - b);
  };
  /** Ids in Landfall's own sentences, named: "System dealer-portal: ..." and "(systems: a, b)". */
  const prose = (text: string): string => {
    let out = text.replace(/\((systems?): ([^)]*)\)/g, (_match, word: string, members: string) => `(${word}: ${members.split(', ').map((id) => systems.get(id) ?? id).join(', ')})`);
    // The same list in Chinese prose: （系统：a, b） names each system, joined with 、.
    out = out.replace(/（系统：([^）]*)）/g, (_match, members: string) => `（系统：${members.split(/, |、/).map((id) => systems.get(id) ?? id).join('、')}）`);
    let pending = idsIn(out, -1);
    for (let next = 0; next < pending.length; next += 1) {
      const index = pending[next]!;
      const id = ids[index]!;
      const name = systems.get(id) ?? transfer(id);
      const { system: named, bare } = patternsOf(index);
      const before = out;
      out = out.replace(named, name);
      out = out.replace(bare, (match, offset: number, whole: string) => {
        // A bare word id ("workspace") is named only where it stands for the system.
        if (/[-_]/.test(id) || /(?:does|from|systems?:|Grade|for|up|,|and)\s*$/.test(whole.slice(Math.max(0, offset - 12), offset)) || /^\s*\(L\d/.test(whole.slice(offset + match.length))) return name;
        return match;
      });
      if (out !== before) {
        pending = idsIn(out, index);
        next = -1;
      }
    }
    return out;
  };
  return { system, systemList, transfer, transferIds: assessment.profile.transfers > 0 ? profileTransferIds(assessment) : [], prose };
}

/** Transfer ids in profile order (the order `transfers[i]` paths index). */
function profileTransferIds(assessment: Assessment): string[] {
  return assessment.organisation.cbdt.transfers.filter((transfer) => !transfer.implied).map((transfer) => transfer.transfer);
}
