// How a determination explains itself: its cited articles and the decision path that led to it.
import type { CitationOut, TraceStep } from '../../../src/core/assess/assessment-schema.ts';
import { Chip } from './common.tsx';
import './explain.css';

/** "PIPL Art. 38", linked to the primary text when there is one. */
export function CitationRef({ citation }: { citation: CitationOut }) {
  const text = citation.article ? `${citation.title} Art. ${citation.article}` : citation.title;
  return (
    <span class="citation">
      {citation.url ? (
        <a href={citation.url} target="_blank" rel="noopener noreferrer">
          {text}
        </a>
      ) : (
        text
      )}
      {citation.confidence !== 'primary' && <Chip value={citation.confidence} tone={citation.confidence === 'unconfirmed' ? 'warn' : 'neutral'} text={citation.confidence === 'unconfirmed' ? 'unconfirmed' : 'secondary source'} />}
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
  const unique = uniqueCitations(citations);
  if (unique.length === 0) return <p class="muted">No article cited.</p>;
  return (
    <ul class="citation-list">
      {unique.map((citation) => (
        <li key={`${citation.instrument}#${citation.article ?? ''}`}>
          <CitationRef citation={citation} />
          <span class="muted"> · in force {citation.effective}</span>
          {citation.note && <span class="muted"> · {citation.note}</span>}
        </li>
      ))}
    </ul>
  );
}

/** The decision path: each question the engine asked, its answer, and the article behind it. */
export function DecisionPath({ steps }: { steps: readonly TraceStep[] }) {
  if (steps.length === 0) return <p class="muted">No steps recorded.</p>;
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
  return (
    <div class="explanation">
      {reviewReasons && reviewReasons.length > 0 && (
        <details class="review">
          <summary>Needs legal review ({reviewReasons.length})</summary>
          <ul>
            {reviewReasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </details>
      )}
      <details>
        <summary>Decision path ({trace.length} steps)</summary>
        <DecisionPath steps={trace} />
      </details>
      <details>
        <summary>Articles cited ({uniqueCitations(citations).length})</summary>
        <CitationList citations={citations} />
      </details>
    </div>
  );
}
