// SPDX-License-Identifier: EUPL-1.2
// Web app figures, in Debian's Chromium against a real escale serve on loopback with the
// `cite` demo (5 floors × 150 desks): bytes transferred (as sent, compressed) by the first
// load of Ma semaine and of the plan of the largest floor with an empty cache, and the time
// from navigation start to an interactive plan (every desk of the floor drawn as a focusable
// element). Medians of --runs runs (5 by default). Not part of the test command.
//
//   node bench/web.mjs [--runs 5] [--before <another build of web/, e.g. main's>]
// Needs build/escale, the built app (build/web: bash scripts/build.sh) and the packages of
// tests/web (playwright-core; bash scripts/install-deps.sh --tests).
import path from 'node:path';
import { parseArgs } from 'node:util';
import { launchBrowser, startServer } from '../tests/web/harness.mjs';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, before: { type: 'string' } } });
const runs = Number(values.runs);
const password = 'escale-demo';

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function api(base, path, token) {
  const r = await fetch(base + path, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  if (!r.ok) throw new Error(`${path}: ${r.status}`);
  return r.json();
}

async function loginToken(base, email) {
  const r = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password }),
  });
  if (!r.ok) throw new Error(`login ${email}: ${r.status}`);
  return r.json();
}

// One first load of `path` in a fresh context (empty cache) logged in with the session cookie:
// bytes received over the network, and when the plan became interactive (if `desks`).
async function firstLoad(browser, base, path, session, desks) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addCookies([{ name: 'escale_session', value: session, url: base }]);
  const page = await context.newPage();
  if (desks) {
    // Installed by the browser before the app runs (not an inline script: the CSP holds).
    await page.addInitScript((n) => {
      new MutationObserver((_, obs) => {
        if (document.querySelectorAll('.escale-plan .escale-desk').length >= n) {
          window.__interactive = performance.now();
          obs.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    }, desks);
  }
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e) => (bytes += e.encodedDataLength));
  // Settled: nothing in flight for 500 ms but the plan's live event stream, which stays open.
  const inFlight = new Set();
  const live = (r) => r.url().endsWith('/events');
  page.on('request', (r) => !live(r) && inFlight.add(r));
  page.on('requestfinished', (r) => inFlight.delete(r));
  page.on('requestfailed', (r) => inFlight.delete(r));
  await page.goto(base + path, { waitUntil: 'load' });
  for (let quiet = 0; quiet < 5; ) {
    await new Promise((r) => setTimeout(r, 100));
    quiet = inFlight.size ? 0 : quiet + 1;
  }
  let interactive = null;
  if (desks) {
    await page.waitForFunction(() => window.__interactive !== undefined);
    interactive = await page.evaluate(() => window.__interactive);
  }
  await context.close();
  return { bytes, interactive };
}

// One server of the `cite` demo serving the app built in `webRoot` (the harness's by default),
// with what a run needs: the session of an agent and the largest floor.
async function citeServer(webRoot) {
  const server = await startServer(['--demo', 'cite'], { webRoot });
  const admin = await loginToken(server.base, 'admin@cite.escale.test');
  const residents = await api(server.base, '/api/v1/residents?site_id=1', admin.token);
  const agent = residents.find((r) => r.role === 'agent');
  const detail = await api(server.base, '/api/v1/sites/1', admin.token);
  const today = new Date().toISOString().slice(0, 10);
  let largest = null;
  for (const f of detail.floors) {
    const a = await api(server.base, `/api/v1/floors/${f.id}/availability?date=${today}`, admin.token);
    if (!largest || a.desks.length > largest.desks) largest = { id: f.id, name: f.name, desks: a.desks.length };
  }
  const session = (await loginToken(server.base, agent.email)).token;
  return { server, agent, largest, session, week: [], plan: [], times: [] };
}

// One first load of Ma semaine and one of the plan, noted in `s`.
async function measure(browser, s) {
  s.week.push((await firstLoad(browser, s.server.base, '/semaine', s.session)).bytes);
  const p = await firstLoad(browser, s.server.base, `/plan?etage=${s.largest.id}`, s.session, s.largest.desks);
  s.plan.push(p.bytes);
  s.times.push(p.interactive);
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
function report(s, name) {
  console.log(`${name}first load of Ma semaine:  ${kb(median(s.week))} transferred (runs: ${s.week.map(kb).join(', ')})`);
  console.log(`${name}first load of the plan:    ${kb(median(s.plan))} transferred (runs: ${s.plan.map(kb).join(', ')})`);
  console.log(`${name}navigation → interactive plan: ${median(s.times).toFixed(0)} ms median (runs: ${s.times.map((t) => t.toFixed(0)).join(', ')} ms)`);
}

const browser = await launchBrowser();
const after = await citeServer();
// --before <folder>: another build of the app (say, of main), measured in the same run, each
// run of one followed by a run of the other, so that both see the same load of the machine.
const before = values.before ? await citeServer(path.resolve(values.before)) : null;
try {
  const all = before ? [before, after] : [after];
  // One warm-up of each (the server's first answers, Chromium's first start).
  for (const s of all) {
    await firstLoad(browser, s.server.base, '/semaine', s.session);
    await firstLoad(browser, s.server.base, `/plan?etage=${s.largest.id}`, s.session, s.largest.desks);
  }
  for (let i = 0; i < runs; i++) for (const s of all) await measure(browser, s);
  console.log(`agent ${after.agent.email}; largest floor « ${after.largest.name} » (${after.largest.desks} desks); ${runs} runs`);
  if (before) report(before, `before (${values.before}): `);
  report(after, before ? 'after: ' : '');
} finally {
  await browser.close();
  await after.server.stop();
  await before?.server.stop();
}
