// SPDX-License-Identifier: EUPL-1.2
// What a desk is for me on a chosen half-day or day, and how to say it: the state the plan
// and the list show (libre, à moi, pris, fermé), whether it is outside my quartier, and its
// accessible name (« Poste P-12, quartier DRDFE, 2 écrans, libre ce matin »).
import { periodPhrase } from '../format';
import type { DeskAvailability, Period, SlotStatus, Zone } from '../types';

export type DeskState = 'free' | 'yours' | 'taken' | 'partly' | 'inactive';

export const stateNames: Record<DeskState, string> = {
  free: 'libre',
  yours: 'à moi',
  taken: 'pris',
  partly: 'pris en partie',
  inactive: 'fermé à la réservation',
};

export function deskState(desk: DeskAvailability, period: Period): DeskState {
  if (!desk.active) return 'inactive';
  if (period !== 'day') return desk[period];
  const both: SlotStatus[] = [desk.am, desk.pm];
  if (both.every((s) => s === 'free')) return 'free';
  if (both.every((s) => s === 'yours')) return 'yours';
  if (both.every((s) => s === 'taken')) return 'taken';
  return 'partly';
}

export function equipment(desk: DeskAvailability): string[] {
  const out: string[] = [];
  if (desk.screens > 0) out.push(desk.screens === 1 ? '1 écran' : `${desk.screens} écrans`);
  if (desk.dock) out.push("station d'accueil");
  if (desk.standing) out.push('bureau assis-debout');
  if (desk.adapted) out.push('poste adapté');
  return out;
}

export interface DeskView {
  desk: DeskAvailability;
  state: DeskState;
  zone: Zone | undefined;
  outsideMyQuartier: boolean;
  name: string;  // accessible name
  changed?: boolean;  // live updates: changed by someone else a moment ago (highlighted)
}

export function deskViews(
  desks: DeskAvailability[],
  zones: Zone[],
  myServiceId: number | null,
  period: Period,
  date: string,
  today: string,  // the site's date now
): DeskView[] {
  return desks.map((desk) => {
    const zone = zones.find((z) => z.id === desk.zone_id);
    const state = deskState(desk, period);
    const outsideMyQuartier = !!zone && myServiceId !== null && zone.service_id !== myServiceId;
    const parts = [`Poste ${desk.label}`];
    if (zone) parts.push(zone.name.replace(/^Quartier /, 'quartier '));
    if (outsideMyQuartier) parts.push('hors de mon quartier');
    parts.push(...equipment(desk));
    parts.push(`${stateNames[state]} ${periodPhrase(period, date, today)}`);
    return { desk, state, zone, outsideMyQuartier, name: parts.join(', ') };
  });
}

// The next desk from `from` in an arrow key's direction: the nearest one whose centre lies
// in that direction, the distance across the direction counting twice.
export function neighbour(views: DeskView[], from: DeskView, key: string): DeskView | undefined {
  const dir = { ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowDown: [0, 1], ArrowUp: [0, -1] }[key];
  if (!dir) return undefined;
  let best: DeskView | undefined;
  let bestScore = Infinity;
  for (const v of views) {
    if (v === from) continue;
    const dx = v.desk.x - from.desk.x;
    const dy = v.desk.y - from.desk.y;
    const along = dx * dir[0] + dy * dir[1];
    if (along <= 0) continue;
    const across = Math.abs(dx * dir[1] - dy * dir[0]);
    const score = along + 2 * across;
    if (score < bestScore) {
      bestScore = score;
      best = v;
    }
  }
  return best;
}
