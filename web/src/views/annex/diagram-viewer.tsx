// A diagram of the annex (the server's SVG, the same drawing the exports carry) in a viewport that
// pans and zooms: wheel and drag, buttons for keyboard users, arrow keys and +/-/0 when the
// viewport has focus. Below it, the edges as a table for anyone who cannot use the drawing.
import Panzoom, { type PanzoomObject } from '@panzoom/panzoom';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Diagram } from '../../api.ts';
import { t, useT } from '../../i18n/i18n.ts';

const MIN_SCALE = 0.5;
const MAX_SCALE = 6;
const PAN_STEP = 60;

type Node = Diagram['nodes'][number];

function nodeLabel(diagram: Diagram, id: string): string {
  return diagram.nodes.find((node) => node.id === id)?.label ?? id;
}

/** Alt text: the nodes on each side of the border and the edges that cross it. */
export function diagramAlt(diagram: Diagram): string {
  const names = (nodes: Node[]) => (nodes.length > 0 ? nodes.map((node) => node.label).join(t('engagements.form.listSeparator')) : t('diagram.alt.nothing'));
  const mainland = diagram.nodes.filter((node) => node.zone === 'mainland');
  const outside = diagram.nodes.filter((node) => node.zone === 'outside');
  const crossing = diagram.edges.filter((edge) => edge.crossesBorder);
  const shown = crossing.slice(0, 8).map((edge) => t(edge.mechanism ? 'diagram.alt.edgeUnder' : 'diagram.alt.edge', { from: nodeLabel(diagram, edge.from), to: nodeLabel(diagram, edge.to), label: edge.label, mechanism: edge.mechanism ?? '' }));
  const list = shown.join(t('overview.listSemicolon'));
  const edges = crossing.length === 0 ? t('diagram.alt.noCrossing') : crossing.length > shown.length ? t('diagram.alt.crossingMore', { count: crossing.length, list, more: crossing.length - shown.length }) : t('diagram.alt.crossing', { count: crossing.length, list });
  return t('diagram.alt.text', { title: diagram.title, mainland: names(mainland), outside: names(outside), edges });
}

export function DiagramFigure({ diagram, src, headingId }: { diagram: Diagram; src: string; headingId: string }) {
  const t = useT();
  const viewport = useRef<HTMLDivElement>(null);
  const stage = useRef<HTMLDivElement>(null);
  const panzoom = useRef<PanzoomObject | null>(null);
  const [scale, setScale] = useState(1);
  const [failed, setFailed] = useState(false);
  /** Width over height of the drawing, so the viewport fits it without empty bands. */
  const [ratio, setRatio] = useState<number | null>(null);
  const hintId = `${headingId}-hint`;

  useEffect(() => {
    const element = stage.current;
    const frame = viewport.current;
    if (!element || !frame) return;
    const instance = Panzoom(element, { minScale: MIN_SCALE, maxScale: MAX_SCALE, step: 0.3, cursor: 'grab', canvas: true });
    panzoom.current = instance;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      instance.zoomWithWheel(event);
    };
    const onChange = (event: Event) => setScale((event as CustomEvent<{ scale: number }>).detail.scale);
    frame.addEventListener('wheel', onWheel, { passive: false });
    element.addEventListener('panzoomchange', onChange);
    return () => {
      frame.removeEventListener('wheel', onWheel);
      element.removeEventListener('panzoomchange', onChange);
      instance.destroy();
      panzoom.current = null;
    };
  }, []);

  const zoomIn = () => panzoom.current?.zoomIn();
  const zoomOut = () => panzoom.current?.zoomOut();
  const reset = () => panzoom.current?.reset();

  const onKeyDown = (event: KeyboardEvent) => {
    const instance = panzoom.current;
    if (!instance || event.altKey || event.ctrlKey || event.metaKey) return;
    const moves: Record<string, [number, number]> = { ArrowLeft: [PAN_STEP, 0], ArrowRight: [-PAN_STEP, 0], ArrowUp: [0, PAN_STEP], ArrowDown: [0, -PAN_STEP] };
    const move = moves[event.key];
    if (move) instance.pan(move[0], move[1], { relative: true });
    else if (event.key === '+' || event.key === '=') instance.zoomIn();
    else if (event.key === '-' || event.key === '_') instance.zoomOut();
    else if (event.key === '0') instance.reset();
    else return;
    event.preventDefault();
  };

  return (
    <figure class="annex-diagram" aria-labelledby={headingId}>
      <div class="annex-diagram-toolbar" role="toolbar" aria-label={t('diagram.zoomLabel', { title: diagram.title })}>
        <button type="button" class="button small" onClick={zoomIn} disabled={scale >= MAX_SCALE}>
          <span aria-hidden="true">+</span> {t('diagram.zoomIn')}
        </button>
        <button type="button" class="button small" onClick={zoomOut} disabled={scale <= MIN_SCALE}>
          <span aria-hidden="true">−</span> {t('diagram.zoomOut')}
        </button>
        <button type="button" class="button small" onClick={reset}>{t('diagram.reset')}</button>
        <span class="annex-diagram-scale" aria-live="polite">{Math.round(scale * 100)}%</span>
        <a class="button small ghost annex-diagram-open" href={src} target="_blank" rel="noopener">
          {t('diagram.open')}<span class="visually-hidden"> {t('diagram.openHidden', { title: diagram.title })}</span>
        </a>
      </div>
      <div
        ref={viewport}
        class="annex-diagram-viewport"
        tabIndex={0}
        role="group"
        aria-label={t('diagram.drawingLabel', { title: diagram.title })}
        aria-describedby={hintId}
        style={ratio ? { aspectRatio: String(ratio) } : undefined}
        onKeyDown={onKeyDown}
      >
        <div ref={stage} class="annex-diagram-stage">
          {failed ? (
            <p class="annex-diagram-failed">{t('diagram.failed')}</p>
          ) : (
            <img
              src={src}
              alt={diagramAlt(diagram)}
              draggable={false}
              onLoad={(event) => {
                const image = event.currentTarget;
                if (image.naturalWidth > 0 && image.naturalHeight > 0) setRatio(image.naturalWidth / image.naturalHeight);
              }}
              onError={() => setFailed(true)}
            />
          )}
        </div>
      </div>
      <figcaption class="hint" id={hintId}>
        {t('diagram.hint')}
      </figcaption>
    </figure>
  );
}

export function EdgeTable({ diagram }: { diagram: Diagram }) {
  const t = useT();
  const crossing = diagram.edges.filter((edge) => edge.crossesBorder).length;
  return (
    <details class="annex-edges">
      <summary>
        {crossing > 0 ? t('diagram.tableCrossing', { count: diagram.edges.length, crossing }) : t('diagram.table', { count: diagram.edges.length })}
      </summary>
      {diagram.edges.length === 0 ? (
        <p class="muted">{t('diagram.noEdges')}</p>
      ) : (
        <div class="table-wrap">
          <table class="data">
            <caption class="visually-hidden">{t('diagram.caption', { title: diagram.title })}</caption>
            {diagram.id === 'data_flow' ? (
              <>
                <thead>
                  <tr>
                    <th scope="col">{t('diagram.col.flow')}</th>
                    <th scope="col">{t('diagram.col.from')}</th>
                    <th scope="col">{t('diagram.col.to')}</th>
                    <th scope="col">{t('diagram.col.what')}</th>
                    <th scope="col">{t('diagram.col.channel')}</th>
                    <th scope="col">{t('diagram.col.basis')}</th>
                    <th scope="col">{t('diagram.col.approval')}</th>
                  </tr>
                </thead>
                <tbody>
                  {diagram.edges.map((edge, index) => (
                    <tr key={`${edge.from}-${edge.to}-${index}`}>
                      <td>{edge.ref ?? '–'}</td>
                      <td>{nodeLabel(diagram, edge.from)}</td>
                      <td>{nodeLabel(diagram, edge.to)}</td>
                      <td>{edge.label}</td>
                      <td>{edge.channel ?? '–'}</td>
                      <td>{edge.basis ?? edge.mechanism ?? '–'}</td>
                      <td>{edge.approval ? t('diagram.approval', { status: edge.approval.status === 'pending' ? 'pending' : 'other', needed: edge.approval.needed }) : '–'}</td>
                    </tr>
                  ))}
                </tbody>
              </>
            ) : (
              <>
                <thead>
                  <tr>
                    <th scope="col">{t('diagram.col.from')}</th>
                    <th scope="col">{t('diagram.col.to')}</th>
                    <th scope="col">{t('diagram.col.what')}</th>
                    <th scope="col">{t('diagram.col.crosses')}</th>
                    <th scope="col">{t('diagram.col.under')}</th>
                  </tr>
                </thead>
                <tbody>
                  {diagram.edges.map((edge, index) => (
                    <tr key={`${edge.from}-${edge.to}-${index}`}>
                      <td>{nodeLabel(diagram, edge.from)}</td>
                      <td>{nodeLabel(diagram, edge.to)}</td>
                      <td>{edge.label}</td>
                      <td>{edge.crossesBorder ? <strong class="annex-crosses">{t('diagram.yes')}</strong> : t('diagram.no')}</td>

                      <td>{edge.mechanism ?? '–'}</td>
                    </tr>
                  ))}
                </tbody>
              </>
            )}
          </table>
        </div>
      )}
    </details>
  );
}
