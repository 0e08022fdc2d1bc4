// Localisation of the stack: each listed integration's mainland status and local alternatives.
import type { LawBook } from '../law/content-schema.ts';
import type { SystemProfile } from '../profile/profile-schema.ts';
import type { LocalisationItem } from './assessment-schema.ts';
import { Explanation } from './explanation.ts';
import type { FactsContext, FactsOf } from './shared-answers.ts';

/** What localisation reads of a system: its answer is shared by every system with these facts (see shared-answers.ts). */
export const LOCALISATION_FACTS = ['integrations'] as const;

export function assessLocalisation(context: FactsContext<object, []>, system: FactsOf<SystemProfile, typeof LOCALISATION_FACTS>): LocalisationItem[] {
  const book: LawBook = context.book;
  const { say } = context;
  const chinese = say.locale === 'zh-CN';
  return system.integrations.map((id) => {
    const integration = book.integrations.get(id);
    if (!integration) {
      return {
        integration: id,
        name: id,
        category: 'unknown',
        status: 'unknown',
        summary: say('engine.localisation.unknown.summary'),
        alternatives: [],
        alternativeNames: [],
        findings: [],
        confidence: 'unconfirmed',
      };
    }
    const findings: LocalisationItem['findings'] = [];
    if (integration.mapCoordinateFinding) {
      const explanation = new Explanation(context);
      findings.push(
        {
          title: say('engine.localisation.finding.gcj02.title'),
          detail: say('engine.localisation.finding.gcj02.detail'),
          citation: explanation.cite({ instrument: 'cn.surveying-mapping-law', article: '38' }),
        },
        {
          title: say('engine.localisation.finding.navigation.title'),
          detail: say('engine.localisation.finding.navigation.detail'),
          citation: explanation.cite({ instrument: 'cn.std.gb-20263-2006', article: '4.1' }),
        },
        {
          title: say('engine.localisation.finding.mapData.title'),
          detail: say('engine.localisation.finding.mapData.detail'),
          citation: explanation.cite({ instrument: 'cn.map-regulations', article: '34' }),
        },
      );
    }
    return {
      integration: integration.id,
      name: integration.name,
      category: integration.category,
      status: integration.mainlandStatus,
      summary: (chinese ? (integration.summaryZh ?? integration.summary) : integration.summary).trim(),
      alternatives: integration.alternatives.map((alternative) => alternative.id),
      alternativeNames: integration.alternatives.map((alternative) => alternative.name),
      findings,
      confidence: integration.confidence,
    };
  });
}
