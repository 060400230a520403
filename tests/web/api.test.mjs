// SPDX-License-Identifier: EUPL-1.2
// The web app's API client (web/src/api.ts) against a real escale serve, in Node: getAll
// follows the Link headers of a list that comes by pages (issue 14) to its last page.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startServer } from './harness.mjs';

const web = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web');
const esbuild = createRequire(path.join(web, 'package.json'))('esbuild');

let server;
let api;
before(async () => {
  server = await startServer();
  const dir = mkdtempSync(path.join(tmpdir(), 'escale-api-'));
  const out = path.join(dir, 'api.mjs');
  await esbuild.build({ entryPoints: [path.join(web, 'src/api.ts')], outfile: out, format: 'esm', bundle: true, logLevel: 'warning' });
  api = await import(pathToFileURL(out).href);
  rmSync(dir, { recursive: true });
});
after(async () => {
  await server?.stop();
});

test('getAll reads every page of a list', async () => {
  const login = await fetch(`${server.base}/api/v1/auth/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'admin@pilote.escale.test', password: 'escale-demo' }),
  });
  const { token } = await login.json();
  // What a browser does for the app: the page's origin and its session.
  const realFetch = globalThis.fetch;
  let requests = 0;
  globalThis.fetch = (p, init) => {
    requests++;
    return realFetch(server.base + p, { ...init, headers: { ...init.headers, Authorization: `Bearer ${token}` } });
  };
  try {
    const whole = await api.get('/api/v1/desks?site_id=1');
    assert.ok(whole.length > 20, `${whole.length} desks`);
    requests = 0;
    const paged = await api.getAll('/api/v1/desks?site_id=1&limit=7');
    assert.deepEqual(paged.map((d) => d.id), whole.map((d) => d.id));
    assert.equal(requests, Math.ceil(whole.length / 7) + (whole.length % 7 === 0 ? 1 : 0));
  } finally {
    globalThis.fetch = realFetch;
  }
});
