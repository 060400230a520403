// SPDX-License-Identifier: EUPL-1.2
// Administration: place a new desk on a floor's plan, by dragging it with the mouse or a
// finger, or with the arrow keys (Maj + flèche: larger steps), then save it (POST
// /api/v1/desks with its x and y). The floor's existing desks are drawn, not movable here.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { ApiError, getText, post, getAll } from '../../api';
import { Notice } from '../../components/Alert';
import { messageOf } from '../../data';
import { sanitisePlan, type SanitisedPlan } from '../../plan/sanitiseSvg';
import type { SiteDetail } from '../../types';

interface PlacedDesk {
  id: number;
  floor_id: number;
  label: string;
  x: number;
  y: number;
}

const w = 28;
const h = 18;

export function DeskPlacer({ site }: { site: SiteDetail }) {
  const [floorId, setFloorId] = useState(site.floors[0]?.id ?? 0);
  const [plan, setPlan] = useState<SanitisedPlan | null>(null);
  const [desks, setDesks] = useState<PlacedDesk[]>([]);
  const [pos, setPos] = useState<{ x: number; y: number } | null>(null);
  const [label, setLabel] = useState('');
  const [zoneId, setZoneId] = useState('');
  const [labelError, setLabelError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const svg = useRef<SVGSVGElement>(null);
  const background = useRef<SVGGElement>(null);
  const dragging = useRef(false);
  const zones = site.zones.filter((z) => z.floor_id === floorId);

  useEffect(() => {
    if (!floorId) return;
    setPos(null);
    Promise.all([
      getText(`/api/v1/floors/${floorId}/plan`, 'image/svg+xml').then(sanitisePlan),
      getAll<PlacedDesk>(`/api/v1/desks?site_id=${site.site.id}`),
    ]).then(
      ([p, d]) => {
        setPlan(p);
        setDesks(d.filter((x) => x.floor_id === floorId));
      },
      (e) => setError(messageOf(e)),
    );
  }, [floorId, site.site.id]);

  useLayoutEffect(() => {
    background.current?.replaceChildren(...(plan?.nodes.map((n) => n.cloneNode(true)) ?? []));
  }, [plan]);

  const box = (plan?.viewBox ?? '0 0 1200 800').split(/[\s,]+/).map(Number);
  const start = pos ?? { x: Math.round(box[0] + box[2] / 2), y: Math.round(box[1] + box[3] / 2) };
  const clamp = (p: { x: number; y: number }) => ({
    x: Math.round(Math.min(Math.max(p.x, box[0] + w / 2), box[0] + box[2] - w / 2)),
    y: Math.round(Math.min(Math.max(p.y, box[1] + h / 2), box[1] + box[3] - h / 2)),
  });

  const toPlan = (e: PointerEvent) => {
    const m = svg.current?.getScreenCTM();
    if (!m) return null;
    const pt = new DOMPoint(e.clientX, e.clientY).matrixTransform(m.inverse());
    return clamp({ x: pt.x, y: pt.y });
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const step = e.shiftKey ? 20 : 5;
    const d = { ArrowRight: [step, 0], ArrowLeft: [-step, 0], ArrowDown: [0, step], ArrowUp: [0, -step] }[e.key];
    if (!d) return;
    e.preventDefault();
    setPos(clamp({ x: start.x + d[0], y: start.y + d[1] }));
  };

  const save = async (e: Event) => {
    e.preventDefault();
    setNotice(null);
    setError(null);
    if (!label.trim()) {
      setLabelError('Donnez un libellé au poste.');
      document.getElementById('poste-libelle')?.focus();
      return;
    }
    try {
      const made = await post<PlacedDesk>('/api/v1/desks', {
        site_id: site.site.id, floor_id: floorId, zone_id: zoneId ? Number(zoneId) : null,
        label: label.trim(), x: start.x, y: start.y,
      });
      setLabelError(null);
      setDesks([...desks, made]);
      setNotice(`Poste ${made.label} enregistré à x = ${made.x}, y = ${made.y}.`);
      setLabel('');
      setPos(null);
    } catch (err) {
      const field = err instanceof ApiError ? err.details.find((d) => d.field)?.field : undefined;
      if (err instanceof ApiError && (err.code === 'already_exists' || field === 'label')) {
        setLabelError(messageOf(err));
        document.getElementById('poste-libelle')?.focus();
      } else setError(messageOf(err));
    }
  };

  return (
    <section class="fr-mb-6w" aria-labelledby="placer-titre">
      <h2 id="placer-titre">Placer un nouveau poste</h2>
      <Notice message={notice} />
      {error && (
        <div class="fr-alert fr-alert--error fr-alert--sm fr-mb-2w" role="alert">
          <p>{error}</p>
        </div>
      )}
      <form onSubmit={save}>
        <div class="fr-grid-row fr-grid-row--gutters">
          <div class="fr-col-12 fr-col-md-4">
            <div class="fr-select-group">
              <label class="fr-label" for="poste-niveau">Niveau</label>
              <select class="fr-select" id="poste-niveau" value={String(floorId)} onChange={(e) => setFloorId(Number((e.target as HTMLSelectElement).value))}>
                {site.floors.map((f) => (
                  <option key={f.id} value={String(f.id)}>
                    {f.name}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div class="fr-col-12 fr-col-md-4">
            <div class={`fr-input-group${labelError ? ' fr-input-group--error' : ''}`}>
              <label class="fr-label" for="poste-libelle">
                Libellé du poste
                <span class="fr-hint-text">Unique sur le site, par exemple P-42.</span>
              </label>
              <input class={`fr-input${labelError ? ' fr-input--error' : ''}`} id="poste-libelle" value={label}
                aria-describedby={labelError ? 'poste-libelle-erreur' : undefined}
                onInput={(e) => setLabel((e.target as HTMLInputElement).value)} />
              {labelError && (
                <p class="fr-error-text" id="poste-libelle-erreur">
                  {labelError}
                </p>
              )}
            </div>
          </div>
          <div class="fr-col-12 fr-col-md-4">
            <div class="fr-select-group">
              <label class="fr-label" for="poste-quartier">Quartier</label>
              <select class="fr-select" id="poste-quartier" value={zoneId} onChange={(e) => setZoneId((e.target as HTMLSelectElement).value)}>
                <option value="">Aucun</option>
                {zones.map((z) => (
                  <option key={z.id} value={String(z.id)}>
                    {z.name}
                  </option>
                ))}
              </select>
            </div>
          </div>
        </div>
        <p id="poste-aide">
          Faites glisser le nouveau poste sur le plan, ou donnez-lui le focus et déplacez-le avec les flèches (Maj + flèche : pas
          plus grands). Position : x = {start.x}, y = {start.y}.
        </p>
        <div class="escale-plan-scroll fr-mb-2w">
          <svg ref={svg} class="escale-plan escale-placer" viewBox={plan?.viewBox ?? '0 0 1200 800'} role="group"
            aria-label="Plan du niveau, pour placer le poste" xmlns="http://www.w3.org/2000/svg"
            onPointerMove={(e) => {
              if (!dragging.current) return;
              const p = toPlan(e);
              if (p) setPos(p);
            }}
            onPointerUp={() => (dragging.current = false)}
            onPointerLeave={() => (dragging.current = false)}>
            <g ref={background} aria-hidden="true" class="escale-plan-background" />
            <g aria-hidden="true">
              {desks.map((d) => (
                <g key={d.id} class="escale-desk escale-desk--inactive" transform={`translate(${d.x - w / 2} ${d.y - h / 2})`}>
                  <rect class="escale-desk-shape" width={w} height={h} rx="3" />
                </g>
              ))}
            </g>
            <g class="escale-desk escale-desk--new" role="button" tabindex={0}
              aria-label={`Nouveau poste ${label || 'sans libellé'}, x = ${start.x}, y = ${start.y}`}
              aria-describedby="poste-aide" transform={`translate(${start.x - w / 2} ${start.y - h / 2})`}
              onKeyDown={onKeyDown}
              onPointerDown={(e) => {
                dragging.current = true;
                (e.currentTarget as Element).setPointerCapture?.(e.pointerId);
                e.preventDefault();
              }}
              onPointerMove={(e) => {
                if (!dragging.current) return;
                const p = toPlan(e);
                if (p) setPos(p);
              }}
              onPointerUp={() => (dragging.current = false)}>
              <rect class="escale-desk-shape" width={w} height={h} rx="3" />
              <text class="escale-desk-label" x={w / 2} y={h / 2 + 3} text-anchor="middle" aria-hidden="true">
                +
              </text>
            </g>
          </svg>
        </div>
        <button type="submit" class="fr-btn">
          Enregistrer le poste
        </button>
      </form>
    </section>
  );
}
