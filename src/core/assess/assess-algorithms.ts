// Algorithms and generative AI per system: algorithmic recommendation (in force 2022-03-01), deep
// synthesis (2023-01-10), generative AI services to the public (2023-08-15) and the labelling of
// generated content (2025-09-01). Filing and the security assessment follow from public opinion
// attributes or social mobilisation capacity (2018 Provisions Art. 2), which the profile states.
import { getInstrument, isInForce } from '../law/law-book.ts';
import type { SystemProfile } from '../profile/profile-schema.ts';
import type { AlgorithmsDetermination, Obligation } from './assessment-schema.ts';
import { Explanation, type AssessContext } from './explanation.ts';
import type { InstrumentId } from '../law/content-ids.ts';

const ALGORITHMS = 'cn.algorithm-recommendation-provisions-2022';
const DEEP_SYNTHESIS = 'cn.deep-synthesis-provisions-2023';
const GENAI = 'cn.genai-interim-measures-2023';
const LABELLING = 'cn.ai-content-labelling-measures-2025';
const ASSESSMENT = 'cn.public-opinion-security-assessment-2018';

export function assessAlgorithms(context: AssessContext, system: SystemProfile): AlgorithmsDetermination {
  const { book, asOf } = context;
  const explanation = new Explanation(context);
  const duties: Obligation[] = [];
  const facts = system.algorithms;
  const toPublic = system.servesMainlandUsers && system.audience !== 'internal';
  const features = { recommendation: facts.recommendation, deepSynthesis: facts.deepSynthesis, generativeAi: facts.generativeAi, publicOpinion: facts.publicOpinion };
  const inForce = (id: InstrumentId) => isInForce(book, id, asOf);

  if (!facts.recommendation && !facts.deepSynthesis && !facts.generativeAi) {
    explanation.step('Does the system recommend information by algorithm, synthesise content or offer generative AI?', 'No (systems[].algorithms).', { facts: features });
    return { ...features, filing: 'none', duties, ...explanation.result() };
  }
  if (!toPublic) {
    explanation.step('Is the service provided to the public in the mainland?', `No (${system.servesMainlandUsers ? 'internal system' : 'no mainland users'}): the algorithm, deep-synthesis and generative-AI rules govern services to the public in the mainland.`, {
      citation: explanation.cite({ instrument: GENAI, article: '2' }),
      facts: { servesMainlandUsers: system.servesMainlandUsers, audience: system.audience },
    });
    return { ...features, filing: 'none', duties, ...explanation.result() };
  }
  explanation.step('Does the service have public opinion attributes or social mobilisation capacity?', facts.publicOpinion
    ? 'Yes: forums, groups, public accounts, short video, live streaming, information sharing or another channel for public expression. Filing and a security assessment follow.'
    : 'No, as the profile states: no algorithm filing or security assessment is triggered. CAC practice tends to expect filing from public-facing generative services regardless; confirm the classification.', {
    citation: explanation.cite({ instrument: ASSESSMENT, article: '2' }),
    facts: { publicOpinion: facts.publicOpinion },
  });

  let filing: AlgorithmsDetermination['filing'] = 'none';
  if (facts.recommendation) {
    if (inForce(ALGORITHMS)) {
      duties.push(
        explanation.obligation('algorithm_transparency', 'Tell users about algorithmic recommendation', 'Inform users conspicuously that algorithmic recommendation is used, and publish its basic principles, purpose and main mechanisms.', { instrument: ALGORITHMS, article: '16' }),
        explanation.obligation('recommendation_opt_out', 'Non-personalised option and switch-off', 'Offer an option not targeted at the user\'s personal characteristics, or a convenient switch to turn recommendation off, and stop at once when the user does; let users select or delete their tags.', { instrument: ALGORITHMS, article: '17' }),
      );
      if (inForce('cn.ndsmr')) {
        duties.push(explanation.obligation('personalised_push_opt_out', 'Opt-out of personalised push (platforms)', 'A platform that pushes information to individuals by automated decision offers an easy opt-out of personalised recommendation and lets users refuse pushes and delete the tags built on their characteristics.', { instrument: 'cn.ndsmr', article: '42' }));
      }
      if (facts.publicOpinion) {
        filing = 'algorithm_filing';
        duties.push(explanation.obligation('algorithm_filing', 'Algorithm filing within 10 working days', 'File through the internet information service algorithm filing system within 10 working days of providing the service: provider, service form, field, algorithm type, algorithm self-assessment report and the content to be published; file changes and cancellation likewise.', { instrument: ALGORITHMS, article: '24' }));
      }
    } else {
      explanation.step('Algorithmic recommendation', `The Algorithmic Recommendation Provisions take effect on ${getInstrument(book, ALGORITHMS).effective}.`, { citation: explanation.cite({ instrument: ALGORITHMS, article: null }) });
    }
  }
  if (facts.deepSynthesis) {
    if (inForce(DEEP_SYNTHESIS)) {
      duties.push(
        explanation.obligation('deep_synthesis_technical_label', 'Technical label and logs on synthesised content', 'Add a label by technical means that does not impair use to content generated or edited with the service, and keep the logs the law requires.', { instrument: DEEP_SYNTHESIS, article: '16' }),
        explanation.obligation('deep_synthesis_conspicuous_label', 'Conspicuous label where the public may be misled', 'Where the content may confuse or mislead the public (text or voice simulating a person, face generation or swapping, immersive scenes, other marked changes), label it conspicuously at a reasonable place.', { instrument: DEEP_SYNTHESIS, article: '17' }),
      );
      if (facts.publicOpinion) {
        filing = 'algorithm_filing';
        duties.push(explanation.obligation('deep_synthesis_filing', 'Algorithm filing of the deep-synthesis service', 'File the deep-synthesis algorithm (and changes and cancellation) under the Algorithmic Recommendation Provisions.', { instrument: DEEP_SYNTHESIS, article: '19' }));
      }
    } else {
      explanation.step('Deep synthesis', `The Deep Synthesis Provisions take effect on ${getInstrument(book, DEEP_SYNTHESIS).effective}.`, { citation: explanation.cite({ instrument: DEEP_SYNTHESIS, article: null }) });
    }
  }
  if (facts.generativeAi) {
    if (inForce(GENAI)) {
      duties.push(explanation.obligation('genai_label', 'Label generated content', 'Label generated images, video and other content under the Deep Synthesis Provisions.', { instrument: GENAI, article: '12' }));
      if (facts.publicOpinion) {
        filing = 'generative_ai_filing';
        duties.push(explanation.obligation('genai_security_assessment_and_filing', 'Security assessment and generative-AI service filing', 'Before offering the service, carry out the security assessment under the national rules and file the algorithm (and changes and cancellation) under the Algorithmic Recommendation Provisions; the filing goes through the provincial CAC, which publishes the filed services.', { instrument: GENAI, article: '17' }));
      }
    } else {
      explanation.step('Generative AI', `The Generative AI Measures take effect on ${getInstrument(book, GENAI).effective}.`, { citation: explanation.cite({ instrument: GENAI, article: null }) });
    }
  }
  if (facts.publicOpinion && (facts.recommendation || facts.deepSynthesis || facts.generativeAi)) {
    duties.push(explanation.obligation('public_opinion_security_assessment', 'Security self-assessment, reported', 'Assess security when the service or a feature with public opinion attributes goes live, on major technical change and on a marked growth of users; submit the report to the city-level CAC and public security organ through the national internet security management service platform.', { instrument: ASSESSMENT, article: '3' }));
  }
  if ((facts.deepSynthesis || facts.generativeAi) && inForce(LABELLING)) {
    duties.push(
      explanation.obligation('explicit_label', 'Explicit labels on generated content', 'Add explicit labels (text, sound or graphics users notice) to generated text, audio, images, video and virtual scenes, and keep them in files offered for download, copying or export.', { instrument: LABELLING, article: '4' }),
      explanation.obligation('implicit_label', 'Implicit labels in the file metadata', 'Add implicit labels to the metadata of generated files: the content\'s generated nature, the provider\'s name or code and a content number; explain the labelling in the user agreement.', { instrument: LABELLING, article: '5' }),
    );
  } else if (facts.deepSynthesis || facts.generativeAi) {
    explanation.step('Labelling measures', `The AI Content Labelling Measures take effect on ${getInstrument(book, LABELLING).effective}; until then the labels of the Deep Synthesis Provisions apply.`, { citation: explanation.cite({ instrument: LABELLING, article: null }) });
  }
  return { ...features, filing, duties, ...explanation.result() };
}
