// SPDX-License-Identifier: EUPL-1.2
// Data several pages share, asked once and kept: the logged-in resident's site (its floors,
// quartiers and services). Pages call useSite() and show its loading and errors.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, get } from './api';
import { session } from './session';
import type { SiteDetail } from './types';

const sites = new Map<number, Promise<SiteDetail>>();

// Answers asked for ahead of the page that reads them (at start, from the address), handed
// over once: the page's own request is then already on its way. Only reads, only once, so
// nothing stale is ever shown.
const early = new Map<string, Promise<unknown>>();

export function prefetch<T>(url: string, load: (url: string) => Promise<T>) {
  const p = load(url);
  p.catch(() => early.delete(url));
  early.set(url, p);
}

export function fetchOnce<T>(url: string, load: (url: string) => Promise<T>): Promise<T> {
  const p = early.get(url) as Promise<T> | undefined;
  early.delete(url);
  return p ?? load(url);
}

export function siteDetail(siteId: number): Promise<SiteDetail> {
  let p = sites.get(siteId);
  if (!p) {
    p = get<SiteDetail>(`/api/v1/sites/${siteId}`);
    p.catch(() => sites.delete(siteId));
    sites.set(siteId, p);
  }
  return p;
}

// administration (issue 11, webadmin): after a change to the site's floors, quartiers or
// services, the next reader asks the server again.
export function forgetSiteDetail(siteId: number) {
  sites.delete(siteId);
}

export interface Loaded<T> {
  data: T | null;
  error: string | null;
}

// The site of the logged-in resident.
export function useSite(): Loaded<SiteDetail> {
  const [state, setState] = useState<Loaded<SiteDetail>>({ data: null, error: null });
  const siteId = session.value?.resident.site_id;
  useEffect(() => {
    if (!siteId) return;
    siteDetail(siteId).then(
      (data) => setState({ data, error: null }),
      (e) => setState({ data: null, error: e instanceof ApiError ? e.message : String(e) }),
    );
  }, [siteId]);
  return state;
}

// The message of any failure, in French.
export function messageOf(e: unknown): string {
  return e instanceof ApiError ? e.message : 'Une erreur inattendue est survenue.';
}
