// SPDX-License-Identifier: EUPL-1.2
// The shapes of the API answers the pages read (docs/openapi.json is the reference).
export type Half = 'am' | 'pm';
export type Period = Half | 'day';
export type SlotStatus = 'free' | 'yours' | 'taken';
export type Role = 'agent' | 'referent' | 'gestionnaire' | 'lecteur' | 'admin';

export interface ApiErrorBody {
  error: { code: string; message: string; details?: { line?: number; field?: string; message: string }[] };
}

export interface Resident {
  id: number;
  site_id: number;
  service_id: number | null;
  email: string;
  display_name: string;
  role: Role;
  active: boolean;
}

export interface HeldRole {
  site_id: number;
  service_id: number | null;
  role: Role;
}

export interface SessionInfo {
  resident: Resident;
  roles: HeldRole[];
  csrf_token: string;
}

export interface LoginResponse {
  token: string;
  csrf_token: string;
  resident: Resident;
}

export interface AuthMethods {
  local: boolean;
  oidc: { label: string; login_url: string } | null;
}

export interface Site {
  id: number;
  name: string;
  time_zone: string;
  opens_at: string;
  noon_at: string;
  closes_at: string;
  booking_horizon_days: number;
}

export interface Floor {
  id: number;
  site_id: number;
  name: string;
  level: number;
}

export interface Zone {
  id: number;
  floor_id: number;
  service_id: number | null;
  name: string;
}

export interface Service {
  id: number;
  code: string;
  name: string;
}

export interface SiteDetail {
  site: Site;
  floors: Floor[];
  zones: Zone[];
  services: Service[];
}

export interface SiteCalendar {
  site_id: number;
  today: string;
  // the half-day in progress, or the next one: those before it are over
  next_half_day: { date: string; half: Half };
  days: { date: string; closed: boolean; reason: string | null }[];
}

export interface DeskAvailability {
  id: number;
  zone_id: number | null;
  label: string;
  x: number;
  y: number;
  screens: number;
  dock: boolean;
  standing: boolean;
  adapted: boolean;
  active: boolean;
  am: SlotStatus;
  pm: SlotStatus;
}

export interface SlotRefusal {
  code: string;
  message: string;
}

export interface FloorAvailability {
  floor: Floor;
  date: string;
  today: string;  // the site's date now, by the server's clock
  closed: boolean;
  refusals: { am: SlotRefusal | null; pm: SlotRefusal | null };
  desks: DeskAvailability[];
}

export interface PlacedDeskBooking {
  id: number;
  desk_id: number;
  date: string;
  half: Half;
  state: string;
  desk_label: string;
  floor_id: number;
  floor_name: string;
  zone_id: number | null;
  zone_name: string | null;
}

export interface BookingsResponse {
  bookings: { id: number; desk_id: number; date: string; half: Half }[];
}

// Desk waitlist (issue 10, item 5): one entry per resident and half-day, on the whole site, a
// floor or a quartier; a desk freed there afterwards is booked for the first one waiting.
export interface WaitlistEntry {
  id: number;
  site_id: number;
  floor_id: number | null;
  zone_id: number | null;
  date: string;
  half: Half;
  state: 'waiting' | 'promoted' | 'left';
  booking_id: number | null;
}
