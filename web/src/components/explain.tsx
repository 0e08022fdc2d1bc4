// How a determination explains itself: its cited articles and the decision path that led to it.
import type { CitationOut, TraceStep } from '../../../src/core/assess/assessment-schema.ts';
import { Chip } from './common.tsx';
import { t, useT } from '../i18n/i18n.ts';
import './explain.css';

/** "PIPL Art. 38", linked to the primary text when there is one. */
export function CitationRef({ citation }: { citation: CitationOut }) {
  const text = citation.article ? t('explain.article', { title: citation.title, article: citation.article }) : citation.title;
  return (
    <span class="citation">
      {citation.url ? (
        <a href={citation.url} target="_blank" rel="noopener noreferrer">
          {text}
        </a>
      ) : (
        text
      )}
      {citation.confidence !== 'primary' && <Chip value={citation.confidence} tone={citation.confidence === 'unconfirmed' ? 'warn' : 'neutral'} text={citation.confidence === 'unconfirmed' ? t('explain.unconfirmed') : t('explain.secondary')} />}
    </span>
  );
}

/** Citations without repeats (same instrument and article). */
export function uniqueCitations(citations: readonly CitationOut[]): CitationOut[] {
  const seen = new Set<string>();
  return citations.filter((citation) => {
    const key = `${citation.instrument}#${citation.article ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function CitationList({ citations }: { citations: readonly CitationOut[] }) {
  useT();
  const unique = uniqueCitations(citations);
  if (unique.length === 0) return <p class="muted">{t('explain.noArticle')}</p>;
  return (
    <ul class="citation-list">
      {unique.map((citation) => (
        <li key={`${citation.instrument}#${citation.article ?? ''}`}>
          <CitationRef citation={citation} />
          <span class="muted"> · {t('explain.inForce', { date: citation.effective })}</span>
          {citation.note && <span class="muted"> · {citation.note}</span>}
        </li>
      ))}
    </ul>
  );
}

/** The decision path: each question the engine asked, its answer, and the article behind it. */
export function DecisionPath({ steps }: { steps: readonly TraceStep[] }) {
  useT();
  if (steps.length === 0) return <p class="muted">{t('explain.noSteps')}</p>;
  return (
    <ol class="decision-path">
      {steps.map((step, index) => (
        <li key={index}>
          <p class="step-question">{step.step}</p>
          <p class="step-answer">{step.result}</p>
          {step.citation && (
            <p class="step-basis">
              <CitationRef citation={step.citation} />
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}

/** The explanation of one determination, folded away until asked for. */
export function Explanation({ trace, citations, reviewReasons }: { trace: readonly TraceStep[]; citations: readonly CitationOut[]; reviewReasons?: readonly string[] }) {
  useT();
  return (
    <div class="explanation">
      {reviewReasons && reviewReasons.length > 0 && (
        <details class="review">
          <summary>{t('explain.review', { count: reviewReasons.length })}</summary>
          <ul>
            {reviewReasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </details>
      )}
      <details>
        <summary>{t('explain.path', { count: trace.length })}</summary>
        <DecisionPath steps={trace} />
      </details>
      <details>
        <summary>{t('explain.articles', { count: uniqueCitations(citations).length })}</summary>

        <CitationList citations={citations} />
      </details>
    </div>
  );
}
