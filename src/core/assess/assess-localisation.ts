// Localisation of the stack: each listed integration's mainland status and local alternatives.
import type { LawBook } from '../law/content-schema.ts';
import type { SystemProfile } from '../profile/profile-schema.ts';
import type { LocalisationItem } from './assessment-schema.ts';
import { Explanation, type AssessContext } from './explanation.ts';

export function assessLocalisation(context: AssessContext, system: SystemProfile): LocalisationItem[] {
  const book: LawBook = context.book;
  return system.integrations.map((id) => {
    const integration = book.integrations.get(id);
    if (!integration) {
      return {
        integration: id,
        name: id,
        category: 'unknown',
        status: 'unknown',
        summary: 'Not in the knowledge file: check its reachability from the mainland by hand.',
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
          title: 'Use GCJ-02 and a licensed map provider',
          detail: 'Maps shown in the mainland must be reviewed maps whose positions went through the mandated offset (GCJ-02; Baidu adds BD-09). Never place un-offset WGS-84 points on a domestic basemap; convert at the boundary.',
          citation: explanation.cite({ instrument: 'cn.surveying-mapping-law', article: '38' }),
        },
        {
          title: 'Navigation maps are processed before publication',
          detail: 'Spatial-position technical processing of navigation electronic maps is the origin of the GCJ-02 offset.',
          citation: explanation.cite({ instrument: 'cn.std.gb-20263-2006', article: '4.1' }),
        },
        {
          title: 'Map data stays in the mainland',
          detail: 'An internet map service keeps the servers storing its map data in the mainland.',
          citation: explanation.cite({ instrument: 'cn.map-regulations', article: '34' }),
        },
      );
    }
    return {
      integration: integration.id,
      name: integration.name,
      category: integration.category,
      status: integration.mainlandStatus,
      summary: integration.summary.trim(),
      alternatives: integration.alternatives.map((alternative) => alternative.id),
      alternativeNames: integration.alternatives.map((alternative) => alternative.name),
      findings,
      confidence: integration.confidence,
    };
  });
}
