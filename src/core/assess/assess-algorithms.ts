// Algorithms and generative AI per system: algorithmic recommendation (in force 2022-03-01), deep
// synthesis (2023-01-10), generative AI services to the public (2023-08-15) and the labelling of
// generated content (2025-09-01). Filing and the security assessment follow from public opinion
// attributes or social mobilisation capacity (2018 Provisions Art. 2), which the profile states.
import { getInstrument, isInForce } from '../law/law-book.ts';
import type { SystemProfile } from '../profile/profile-schema.ts';
import type { AlgorithmsDetermination, Obligation } from './assessment-schema.ts';
import { Explanation } from './explanation.ts';
import type { FactsContext, FactsOf } from './shared-answers.ts';
import type { InstrumentId } from '../law/content-ids.ts';

const ALGORITHMS = 'cn.algorithm-recommendation-provisions-2022';
const DEEP_SYNTHESIS = 'cn.deep-synthesis-provisions-2023';
const GENAI = 'cn.genai-interim-measures-2023';
const LABELLING = 'cn.ai-content-labelling-measures-2025';
const ASSESSMENT = 'cn.public-opinion-security-assessment-2018';

/** What the algorithm determination reads of a system: its answer is shared by every system with these facts (see shared-answers.ts). */
export const ALGORITHM_FACTS = ['servesMainlandUsers', 'audience', 'algorithms'] as const;

export function assessAlgorithms(context: FactsContext<object, []>, system: FactsOf<SystemProfile, typeof ALGORITHM_FACTS>): AlgorithmsDetermination {
  const { book, asOf } = context;
  const explanation = new Explanation(context);
  const { say } = explanation;
  const duties: Obligation[] = [];
  const facts = system.algorithms;
  const toPublic = system.servesMainlandUsers && system.audience !== 'internal';
  const features = { recommendation: facts.recommendation, deepSynthesis: facts.deepSynthesis, generativeAi: facts.generativeAi, publicOpinion: facts.publicOpinion };
  const inForce = (id: InstrumentId) => isInForce(book, id, asOf);

  if (!facts.recommendation && !facts.deepSynthesis && !facts.generativeAi) {
    explanation.step(say('engine.algorithms.step.features'), say('engine.algorithms.result.features'), { facts: features });
    return { ...features, filing: 'none', duties, ...explanation.result() };
  }
  if (!toPublic) {
    explanation.step(say('engine.algorithms.step.public'), say('engine.algorithms.result.public', { servesMainlandUsers: system.servesMainlandUsers ? 'yes' : 'no' }), {
      citation: explanation.cite({ instrument: GENAI, article: '2' }),
      facts: { servesMainlandUsers: system.servesMainlandUsers, audience: system.audience },
    });
    return { ...features, filing: 'none', duties, ...explanation.result() };
  }
  explanation.step(say('engine.algorithms.step.publicOpinion'), say('engine.algorithms.result.publicOpinion', { publicOpinion: facts.publicOpinion ? 'yes' : 'no' }), {
    citation: explanation.cite({ instrument: ASSESSMENT, article: '2' }),
    facts: { publicOpinion: facts.publicOpinion },
  });

  let filing: AlgorithmsDetermination['filing'] = 'none';
  if (facts.recommendation) {
    if (inForce(ALGORITHMS)) {
      duties.push(
        explanation.obligation('algorithm_transparency', say('engine.algorithms.obligation.transparency.title'), say('engine.algorithms.obligation.transparency.detail'), { instrument: ALGORITHMS, article: '16' }),
        explanation.obligation('recommendation_opt_out', say('engine.algorithms.obligation.optOut.title'), say('engine.algorithms.obligation.optOut.detail'), { instrument: ALGORITHMS, article: '17' }),
      );
      if (inForce('cn.ndsmr')) {
        duties.push(explanation.obligation('personalised_push_opt_out', say('engine.algorithms.obligation.personalisedPushOptOut.title'), say('engine.algorithms.obligation.personalisedPushOptOut.detail'), { instrument: 'cn.ndsmr', article: '42' }));
      }
      if (facts.publicOpinion) {
        filing = 'algorithm_filing';
        duties.push(explanation.obligation('algorithm_filing', say('engine.algorithms.obligation.filing.title'), say('engine.algorithms.obligation.filing.detail'), { instrument: ALGORITHMS, article: '24' }));
      }
    } else {
      explanation.step(say('engine.algorithms.step.recommendation'), say('engine.algorithms.result.recommendation', { effective: getInstrument(book, ALGORITHMS).effective }), { citation: explanation.cite({ instrument: ALGORITHMS, article: null }) });
    }
  }
  if (facts.deepSynthesis) {
    if (inForce(DEEP_SYNTHESIS)) {
      duties.push(
        explanation.obligation('deep_synthesis_technical_label', say('engine.algorithms.obligation.technicalLabel.title'), say('engine.algorithms.obligation.technicalLabel.detail'), { instrument: DEEP_SYNTHESIS, article: '16' }),
        explanation.obligation('deep_synthesis_conspicuous_label', say('engine.algorithms.obligation.conspicuousLabel.title'), say('engine.algorithms.obligation.conspicuousLabel.detail'), { instrument: DEEP_SYNTHESIS, article: '17' }),
      );
      if (facts.publicOpinion) {
        filing = 'algorithm_filing';
        duties.push(explanation.obligation('deep_synthesis_filing', say('engine.algorithms.obligation.deepSynthesisFiling.title'), say('engine.algorithms.obligation.deepSynthesisFiling.detail'), { instrument: DEEP_SYNTHESIS, article: '19' }));
      }
    } else {
      explanation.step(say('engine.algorithms.step.deepSynthesis'), say('engine.algorithms.result.deepSynthesis', { effective: getInstrument(book, DEEP_SYNTHESIS).effective }), { citation: explanation.cite({ instrument: DEEP_SYNTHESIS, article: null }) });
    }
  }
  if (facts.generativeAi) {
    if (inForce(GENAI)) {
      duties.push(explanation.obligation('genai_label', say('engine.algorithms.obligation.genaiLabel.title'), say('engine.algorithms.obligation.genaiLabel.detail'), { instrument: GENAI, article: '12' }));
      if (facts.publicOpinion) {
        filing = 'generative_ai_filing';
        duties.push(explanation.obligation('genai_security_assessment_and_filing', say('engine.algorithms.obligation.genaiFiling.title'), say('engine.algorithms.obligation.genaiFiling.detail'), { instrument: GENAI, article: '17' }));
      }
    } else {
      explanation.step(say('engine.algorithms.step.genai'), say('engine.algorithms.result.genai', { effective: getInstrument(book, GENAI).effective }), { citation: explanation.cite({ instrument: GENAI, article: null }) });
    }
  }
  if (facts.publicOpinion && (facts.recommendation || facts.deepSynthesis || facts.generativeAi)) {
    duties.push(explanation.obligation('public_opinion_security_assessment', say('engine.algorithms.obligation.securityAssessment.title'), say('engine.algorithms.obligation.securityAssessment.detail'), { instrument: ASSESSMENT, article: '3' }));
  }
  if ((facts.deepSynthesis || facts.generativeAi) && inForce(LABELLING)) {
    duties.push(
      explanation.obligation('explicit_label', say('engine.algorithms.obligation.explicitLabel.title'), say('engine.algorithms.obligation.explicitLabel.detail'), { instrument: LABELLING, article: '4' }),
      explanation.obligation('implicit_label', say('engine.algorithms.obligation.implicitLabel.title'), say('engine.algorithms.obligation.implicitLabel.detail'), { instrument: LABELLING, article: '5' }),
    );
  } else if (facts.deepSynthesis || facts.generativeAi) {
    explanation.step(say('engine.algorithms.step.labelling'), say('engine.algorithms.result.labelling', { effective: getInstrument(book, LABELLING).effective }), { citation: explanation.cite({ instrument: LABELLING, article: null }) });
  }
  return { ...features, filing, duties, ...explanation.result() };
}
