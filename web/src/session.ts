// SPDX-License-Identifier: EUPL-1.2
// Who is logged in: the session as the server describes it (GET /api/v1/auth/session),
// undefined while it is being asked, null for a visitor. The roles decide which pages the
// navigation offers; the server still checks every request.
import { signal } from '@preact/signals';
import { ApiError, get, post, setCsrfToken } from './api';
import type { LoginResponse, Role, SessionInfo } from './types';
import { siteDetail } from './data';

export const session = signal<SessionInfo | null | undefined>(undefined);

export async function loadSession(): Promise<void> {
  try {
    const s = await get<SessionInfo>('/api/v1/auth/session');
    setCsrfToken(s.csrf_token);
    siteDetail(s.resident.site_id).catch(() => undefined);  // every page needs it: ask at once
    session.value = s;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) session.value = null;
    else throw e;
  }
}

export async function login(email: string, password: string): Promise<void> {
  const r = await post<LoginResponse>('/api/v1/auth/login', { email, password });
  setCsrfToken(r.csrf_token);
  await loadSession();
}

// Ends the session on the server; for a ProConnect session, returns where the browser goes
// next to end it at the provider too. The caller leaves the page, then forgets the session
// (forgetSession), so that no page asks for a login in between.
export async function logout(): Promise<string | undefined> {
  try {
    const r = await post<{ end_session_url?: string } | undefined>('/api/v1/auth/logout', {});
    return r?.end_session_url;
  } finally {
    setCsrfToken('');
  }
}

export function forgetSession() {
  setCsrfToken('');
  session.value = null;
}

export function holds(s: SessionInfo | null | undefined, ...roles: Role[]): boolean {
  if (!s) return false;
  return s.resident.role === 'admin' || s.roles.some((r) => roles.includes(r.role)) || roles.includes(s.resident.role);
}

// Booking one's own desk: every role but lecteur (docs/permissions.md, book_own).
export function canBook(s: SessionInfo | null | undefined): boolean {
  return holds(s, 'agent', 'referent', 'gestionnaire', 'admin');
}

// The administration pages (issue 11): gestionnaires and administrators.
export function canAdminister(s: SessionInfo | null | undefined): boolean {
  return holds(s, 'gestionnaire', 'admin');
}

// dashboards (issue 13, item 7): a site's figures, read_statistics on the whole site.
export function canReadStatistics(s: SessionInfo | null | undefined): boolean {
  return holds(s, 'gestionnaire', 'lecteur', 'admin');
}

// Where / leads: the week of those who book, the plan for the others, the login for visitors.
export function home(s: SessionInfo | null | undefined): string {
  if (!s) return '/connexion';
  return canBook(s) ? '/semaine' : '/plan';
}

// The page asked for before a login (`suite`), when it is a path of this app; else null.
export function safeSuite(suite: string | null): string | null {
  return suite && suite.startsWith('/') && !suite.startsWith('//') ? suite : null;
}

// Where a login leads: the page asked for before it (such as a desk's QR code), else home.
export function afterLogin(s: SessionInfo | null | undefined, suite: string | null): string {
  return safeSuite(suite) ?? home(s);
}

// Mon service (issue 11, webadmin): référents, and gestionnaires and administrators for any
// service of their site.
export function canManageService(s: SessionInfo | null | undefined): boolean {
  return holds(s, 'referent', 'gestionnaire', 'admin');
}
