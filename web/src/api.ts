// SPDX-License-Identifier: EUPL-1.2
// The one way the pages speak to the Escale API: JSON in and out, the session cookie sent
// by the browser, the anti-CSRF header on every change, and every failure turned into an
// ApiError carrying the server's French message (or a French one for a network failure).
import type { ApiErrorBody } from './types';

let csrfToken = '';
let onUnauthenticated: (() => void) | null = null;

// The session's anti-CSRF token (from the login answer or GET /api/v1/auth/session).
export function setCsrfToken(token: string) {
  csrfToken = token;
}

// Called when the server says the session is over (401 on a route that needs one).
export function setUnauthenticatedHandler(handler: () => void) {
  onUnauthenticated = handler;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: { line?: number; field?: string; message: string }[] = [],
  ) {
    super(message);
  }
}

const networkError = () =>
  new ApiError(0, 'network', 'Le serveur ne répond pas. Vérifiez votre connexion puis réessayez.');

// A body already written in another format (a CSV file), sent as it is.
class RawBody {
  constructor(
    readonly text: string,
    readonly type: string,
  ) {}
}

async function send(method: string, path: string, body?: unknown, accept = 'application/json'): Promise<Response> {
  const headers: Record<string, string> = { Accept: accept };
  if (body !== undefined) headers['Content-Type'] = body instanceof RawBody ? body.type : 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : body instanceof RawBody ? body.text : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw networkError();
  }
  if (res.ok) return res;
  let error: ApiError;
  try {
    const parsed = (await res.json()) as ApiErrorBody;
    error = new ApiError(res.status, parsed.error.code, parsed.error.message, parsed.error.details ?? []);
  } catch {
    error = new ApiError(res.status, 'http_' + res.status, `Le serveur a répondu par une erreur (${res.status}).`);
  }
  if (res.status === 401 && path !== '/api/v1/auth/login' && path !== '/api/v1/auth/session' && onUnauthenticated)
    onUnauthenticated();
  throw error;
}

export async function get<T>(path: string): Promise<T> {
  return (await send('GET', path)).json() as Promise<T>;
}

// Every page of a list that comes by pages (the referential's, issue 14: at most 1000 an
// answer, the next page named by its Link header).
export async function getAll<T>(path: string): Promise<T[]> {
  const all: T[] = [];
  for (let next: string | undefined = path; next; ) {
    const res = await send('GET', next);
    all.push(...((await res.json()) as T[]));
    next = /<([^>]+)>;\s*rel="next"/.exec(res.headers.get('Link') ?? '')?.[1];
  }
  return all;
}

export async function getText(path: string, accept: string): Promise<string> {
  return (await send('GET', path, undefined, accept)).text();
}

export async function post<T>(path: string, body: unknown): Promise<T> {
  const res = await send('POST', path, body);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

// POST of a text in its own format (e.g. text/csv), answered in JSON.
export async function postText<T>(path: string, text: string, type: string): Promise<T> {
  const res = await send('POST', path, new RawBody(text, type));
  return (res.status === 204 ? undefined : await res.json()) as T;
}

export async function del(path: string): Promise<void> {
  await send('DELETE', path);
}

// The query string of a path, from its parameters (undefined ones left out).
export function withQuery(path: string, params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

// presence planning: the presence routes replace what they name (PUT).
export async function put<T>(path: string, body: unknown): Promise<T> {
  return (await send('PUT', path, body)).json() as Promise<T>;
}

// administration (issue 11, webadmin): partial changes of the referential (PATCH).
export async function patch<T>(path: string, body: unknown): Promise<T> {
  return (await send('PATCH', path, body)).json() as Promise<T>;
}
