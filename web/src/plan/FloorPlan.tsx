// SPDX-License-Identifier: EUPL-1.2
// The floor plan: the site's SVG drawing (sanitised, for the eyes only) under one focusable
// element per desk, coloured by state and marked by a glyph too (✓ mine, ✕ taken, ◐ partly
// taken, ♿ adapted, dashed outline outside my quartier). One desk at a time is in the tab
// order; the arrow keys move to the neighbouring desk, Enter or Space books it, Escape
// leaves the plan. Zoom by buttons.
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { DeskView } from './deskState';
import { neighbour } from './deskState';
import type { SanitisedPlan } from './sanitiseSvg';

const deskWidth = 28;
const deskHeight = 18;
const zoomLevels = [1, 1.5, 2, 3];

const glyphs: Record<string, string> = { yours: '✓', taken: '✕', partly: '◐', inactive: '–' };

export function FloorPlan(props: {
  plan: SanitisedPlan | null;
  views: DeskView[];
  label: string;
  onActivate: (v: DeskView) => void;
  onLeave: () => void;
}) {
  const { plan, views } = props;
  const background = useRef<SVGGElement>(null);
  const [focusedId, setFocusedId] = useState<number | null>(null);
  const [zoom, setZoom] = useState(0);
  const deskRefs = useRef(new Map<number, SVGGElement>());

  useLayoutEffect(() => {
    const g = background.current;
    if (!g) return;
    g.replaceChildren(...(plan?.nodes.map((n) => n.cloneNode(true)) ?? []));
  }, [plan]);

  // The desk in the tab order: the one last focused, else the first free one.
  const current =
    views.find((v) => v.desk.id === focusedId) ?? views.find((v) => v.state === 'free') ?? views[0];

  const onKeyDown = (v: DeskView, e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      props.onActivate(v);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      props.onLeave();
    } else {
      const next = neighbour(views, v, e.key);
      if (next) {
        e.preventDefault();
        setFocusedId(next.desk.id);
        deskRefs.current.get(next.desk.id)?.focus();
      }
    }
  };

  const viewBox = plan?.viewBox ?? boundsOf(views);
  return (
    <div class="escale-plan-frame">
      <div class="fr-btns-group fr-btns-group--inline fr-btns-group--sm escale-zoom">
        <button type="button" class="fr-btn fr-btn--sm fr-btn--secondary fr-icon-zoom-in-line fr-btn--icon-left"
          disabled={zoom === zoomLevels.length - 1} onClick={() => setZoom(zoom + 1)}>
          Agrandir le plan
        </button>
        <button type="button" class="fr-btn fr-btn--sm fr-btn--secondary fr-icon-zoom-out-line fr-btn--icon-left"
          disabled={zoom === 0} onClick={() => setZoom(zoom - 1)}>
          Réduire le plan
        </button>
      </div>
      <div class="escale-plan-scroll" tabIndex={0} role="region" aria-label="Plan (zone défilante)">
        <svg
          class={`escale-plan escale-zoom-${zoom}`}
          viewBox={viewBox}
          role="group"
          aria-label={props.label}
          xmlns="http://www.w3.org/2000/svg"
        >
          <defs>
            <pattern id="hachures" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
              <rect width="6" height="6" class="escale-hatch-bg" />
              <line x1="0" y1="0" x2="0" y2="6" class="escale-hatch-line" />
            </pattern>
          </defs>
          <g ref={background} aria-hidden="true" class="escale-plan-background" />
          <g class="escale-desks">
            {views.map((v) => (
              <g
                key={v.desk.id}
                ref={(el) => {
                  if (el) deskRefs.current.set(v.desk.id, el);
                  else deskRefs.current.delete(v.desk.id);
                }}
                class={`escale-desk escale-desk--${v.state}${v.outsideMyQuartier ? ' escale-desk--elsewhere' : ''}${v.changed ? ' escale-desk--changed' : ''}`}
                role="button"
                tabindex={v === current ? 0 : -1}
                aria-label={v.name}
                aria-disabled={v.state !== 'free' ? 'true' : undefined}
                data-desk={v.desk.label}
                transform={`translate(${v.desk.x - deskWidth / 2} ${v.desk.y - deskHeight / 2})`}
                onClick={() => {
                  setFocusedId(v.desk.id);
                  props.onActivate(v);
                }}
                onFocus={() => setFocusedId(v.desk.id)}
                onKeyDown={(e) => onKeyDown(v, e)}
              >
                <rect class="escale-desk-shape" width={deskWidth} height={deskHeight} rx="3" />
                <text class="escale-desk-label" x={deskWidth / 2} y={deskHeight / 2 + 3} text-anchor="middle" aria-hidden="true">
                  {glyphs[v.state] ?? v.desk.label.replace(/^\D+-?/, '')}
                </text>
                {v.desk.adapted && (
                  <text class="escale-desk-adapted" x={deskWidth - 1} y={-2} text-anchor="end" aria-hidden="true">
                    ♿
                  </text>
                )}
              </g>
            ))}
          </g>
        </svg>
      </div>
    </div>
  );
}

// Without a drawing, a frame around the desks.
function boundsOf(views: DeskView[]): string {
  if (!views.length) return '0 0 100 100';
  const xs = views.map((v) => v.desk.x);
  const ys = views.map((v) => v.desk.y);
  const pad = 40;
  const minX = Math.min(...xs) - pad;
  const minY = Math.min(...ys) - pad;
  return `${minX} ${minY} ${Math.max(...xs) - minX + pad} ${Math.max(...ys) - minY + pad}`;
}
