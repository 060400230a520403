// SPDX-License-Identifier: EUPL-1.2
// The shapes of the presence answers (issue 10, item 6: /api/v1/me/presence,
// /api/v1/residents/{id}/presence, /api/v1/services/{id}/presence) and their French words,
// shared by Ma présence and Mon service.
import type { Half } from './types';

export type PresenceStatus = 'sur_site' | 'teletravail' | 'absent' | 'mission';
export type PresenceSource = 'reservation' | 'declaration' | 'modele' | 'aucune';

export interface PresenceDesk {
  id: number;
  label: string;
  floor_name: string;
  zone_name: string;
}
export interface PresenceHalf {
  status: PresenceStatus | null;
  source: PresenceSource;
  declared: PresenceStatus | null;
  booking_id: number | null;
  desk: PresenceDesk | null;
}
export interface PresenceDay {
  date: string;
  closed: boolean;
  am: PresenceHalf;
  pm: PresenceHalf;
}
export interface PresencePlan {
  from: string;
  to: string;
  days: PresenceDay[];
}

export const halves: Half[] = ['am', 'pm'];

export const statusNames: Record<PresenceStatus, string> = {
  sur_site: 'Sur site',
  teletravail: 'Télétravail',
  absent: 'Absent',
  mission: 'En mission',
};
