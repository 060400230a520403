// SPDX-License-Identifier: EUPL-1.2
// Administration: the desks of a floor on its plan, to move, deactivate or delete. A desk is
// moved by dragging it, or from the keyboard: Tab to it, then the arrow keys (Maj + flèche:
// larger steps). Moves wait until « Enregistrer les positions » (PATCH /api/v1/desks/{id}
// with x and y for each moved desk). The chosen desk (the last one touched) can be
// deactivated, reactivated or deleted (confirmed) below the plan.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { del, get, getText, patch, withQuery, getAll } from '../../api';
import { ErrorAlert, Notice } from '../../components/Alert';
import { SelectField } from '../../components/Field';
import { messageOf } from '../../data';
import { sanitisePlan, type SanitisedPlan } from '../../plan/sanitiseSvg';
import type { SiteDetail } from '../../types';
import { AdminFrame } from './AdminFrame';

interface Desk {
  id: number;
  floor_id: number;
  label: string;
  x: number;
  y: number;
  active: boolean;
}
type Point = { x: number; y: number };

const w = 28;
const h = 18;

export function PlanEditorPage() {
  return <AdminFrame title="Plan : déplacer les postes">{(site) => <PlanEditor site={site} />}</AdminFrame>;
}

function PlanEditor({ site }: { site: SiteDetail }) {
  const [floorId, setFloorId] = useState(site.floors[0]?.id ?? 0);
  const [plan, setPlan] = useState<SanitisedPlan | null>(null);
  const [desks, setDesks] = useState<Desk[] | null>(null);
  const [moved, setMoved] = useState<Map<number, Point>>(new Map());
  const [chosen, setChosen] = useState<number | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const svg = useRef<SVGSVGElement>(null);
  const background = useRef<SVGGElement>(null);
  const dragging = useRef<number | null>(null);

  const load = async () => {
    const d = await getAll<Desk>(withQuery('/api/v1/desks', { site_id: site.site.id }));
    setDesks(d.filter((x) => x.floor_id === floorId));
  };
  useEffect(() => {
    if (!floorId) return;
    setMoved(new Map());
    setChosen(null);
    setDesks(null);
    Promise.all([getText(`/api/v1/floors/${floorId}/plan`, 'image/svg+xml').then(sanitisePlan), load()]).then(
      ([p]) => setPlan(p),
      (e) => setError(messageOf(e)),
    );
  }, [floorId, site.site.id]);
  useLayoutEffect(() => {
    background.current?.replaceChildren(...(plan?.nodes.map((n) => n.cloneNode(true)) ?? []));
  }, [plan]);

  const box = (plan?.viewBox ?? '0 0 1200 800').split(/[\s,]+/).map(Number);
  const clamp = (p: Point) => ({
    x: Math.round(Math.min(Math.max(p.x, box[0] + w / 2), box[0] + box[2] - w / 2)),
    y: Math.round(Math.min(Math.max(p.y, box[1] + h / 2), box[1] + box[3] - h / 2)),
  });
  const where = (d: Desk): Point => moved.get(d.id) ?? { x: Math.round(d.x), y: Math.round(d.y) };
  const moveTo = (id: number, p: Point) => setMoved(new Map(moved).set(id, clamp(p)));
  const toPlan = (e: PointerEvent) => {
    const m = svg.current?.getScreenCTM();
    return m ? new DOMPoint(e.clientX, e.clientY).matrixTransform(m.inverse()) : null;
  };
  const desk = desks?.find((d) => d.id === chosen) ?? null;

  const onKeyDown = (d: Desk, e: KeyboardEvent) => {
    const step = e.shiftKey ? 20 : 5;
    const delta = { ArrowRight: [step, 0], ArrowLeft: [-step, 0], ArrowDown: [0, step], ArrowUp: [0, -step] }[e.key];
    if (!delta) return;
    e.preventDefault();
    const p = where(d);
    setChosen(d.id);
    moveTo(d.id, { x: p.x + delta[0], y: p.y + delta[1] });
  };

  const saveMoves = async () => {
    setNotice(null);
    setError(null);
    const done: string[] = [];
    try {
      for (const [id, p] of moved) {
        const d = await patch<Desk>(`/api/v1/desks/${id}`, { x: p.x, y: p.y });
        done.push(d.label);
      }
      setMoved(new Map());
      await load();
      setNotice(done.length === 1 ? `Position du poste ${done[0]} enregistrée.` : `Positions enregistrées : ${done.join(', ')}.`);
    } catch (e) {
      setError(`Enregistrement interrompu${done.length ? ` après ${done.join(', ')}` : ''} : ${messageOf(e)}`);
    }
  };

  const setActive = async (d: Desk, active: boolean) => {
    try {
      await patch(`/api/v1/desks/${d.id}`, { active });
      await load();
      setNotice(active ? `Poste ${d.label} réactivé : il est de nouveau réservable.` : `Poste ${d.label} désactivé : il n'est plus réservable.`);
    } catch (e) {
      setError(messageOf(e));
    }
  };

  const remove = async (d: Desk) => {
    try {
      await del(`/api/v1/desks/${d.id}`);
      setConfirming(false);
      setChosen(null);
      const rest = new Map(moved);
      rest.delete(d.id);
      setMoved(rest);
      await load();
      setNotice(`Poste ${d.label} supprimé.`);
    } catch (e) {
      setConfirming(false);
      setError(`Suppression du poste ${d.label} impossible : ${messageOf(e)}`);
    }
  };

  return (
    <>
      <Notice message={notice} />
      {error && <ErrorAlert>{error}</ErrorAlert>}
      <SelectField id="plan-niveau" label="Niveau" value={String(floorId)} onChange={(v) => setFloorId(Number(v))}>
        {site.floors.map((f) => (
          <option key={f.id} value={String(f.id)}>
            {f.name}
          </option>
        ))}
      </SelectField>
      <p id="plan-aide">
        Faites glisser un poste, ou donnez-lui le focus (Tab) et déplacez-le avec les flèches (Maj + flèche : pas plus grands).
        Les déplacements sont enregistrés par le bouton sous le plan.
      </p>
      {!desks ? (
        <p aria-busy="true">Chargement du plan…</p>
      ) : (
        <>
          <div class="escale-plan-scroll fr-mb-2w">
            <svg ref={svg} class="escale-plan escale-placer" viewBox={plan?.viewBox ?? '0 0 1200 800'} role="group"
              aria-label="Plan du niveau : postes à déplacer" xmlns="http://www.w3.org/2000/svg"
              onPointerMove={(e) => {
                if (dragging.current === null) return;
                const p = toPlan(e);
                if (p) moveTo(dragging.current, p);
              }}
              onPointerUp={() => (dragging.current = null)}
              onPointerLeave={() => (dragging.current = null)}>
              <g ref={background} aria-hidden="true" class="escale-plan-background" />
              {desks.map((d) => {
                const p = where(d);
                const isMoved = moved.has(d.id);
                return (
                  <g key={d.id} role="button" tabindex={0} data-desk={d.label}
                    class={`escale-desk ${d.active ? 'escale-desk--free' : 'escale-desk--inactive'}${isMoved || d.id === chosen ? ' escale-desk--new' : ''}`}
                    aria-label={`Poste ${d.label}, x = ${p.x}, y = ${p.y}${isMoved ? ', déplacé, non enregistré' : ''}${d.active ? '' : ', désactivé'}`}
                    aria-describedby="plan-aide" aria-pressed={d.id === chosen ? 'true' : 'false'}
                    transform={`translate(${p.x - w / 2} ${p.y - h / 2})`}
                    onFocus={() => {
                      setChosen(d.id);
                      setConfirming(false);
                    }}
                    onKeyDown={(e) => onKeyDown(d, e)}
                    onPointerDown={(e) => {
                      dragging.current = d.id;
                      setChosen(d.id);
                      (e.currentTarget as Element).setPointerCapture?.(e.pointerId);
                      e.preventDefault();
                    }}
                    onPointerMove={(e) => {
                      if (dragging.current !== d.id) return;
                      const q = toPlan(e);
                      if (q) moveTo(d.id, q);
                    }}
                    onPointerUp={() => (dragging.current = null)}>
                    <rect class="escale-desk-shape" width={w} height={h} rx="3" />
                    <text class="escale-desk-label" x={w / 2} y={h / 2 + 3} text-anchor="middle" aria-hidden="true">
                      {d.label.replace(/^P-/, '')}
                    </text>
                  </g>
                );
              })}
            </svg>
          </div>
          <p>
            <button type="button" class="fr-btn" disabled={moved.size === 0} onClick={saveMoves}>
              Enregistrer les positions{moved.size ? ` (${moved.size} poste${moved.size > 1 ? 's' : ''})` : ''}
            </button>
          </p>
          <section aria-labelledby="poste-choisi" class="fr-mb-4w">
            <h2 class="fr-h4" id="poste-choisi">
              {desk ? `Poste ${desk.label}` : 'Aucun poste choisi'}
            </h2>
            {!desk ? (
              <p>Choisissez un poste sur le plan pour le désactiver ou le supprimer.</p>
            ) : (
              <>
                <p>
                  Position x = {where(desk).x}, y = {where(desk).y} — {desk.active ? 'actif (réservable)' : 'désactivé'}.
                </p>
                <div class="fr-btns-group fr-btns-group--inline-sm">
                  <button type="button" class="fr-btn fr-btn--secondary" onClick={() => setActive(desk, !desk.active)}>
                    {desk.active ? `Désactiver le poste ${desk.label}` : `Réactiver le poste ${desk.label}`}
                  </button>
                  {confirming ? (
                    <>
                      <button type="button" class="fr-btn" onClick={() => remove(desk)}>
                        Confirmer la suppression du poste {desk.label}
                      </button>
                      <button type="button" class="fr-btn fr-btn--tertiary" onClick={() => setConfirming(false)}>
                        Garder le poste
                      </button>
                    </>
                  ) : (
                    <button type="button" class="fr-btn fr-btn--tertiary" onClick={() => setConfirming(true)}>
                      Supprimer le poste {desk.label}
                    </button>
                  )}
                </div>
              </>
            )}
          </section>
        </>
      )}
    </>
  );
}
