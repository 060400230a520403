// SPDX-License-Identifier: EUPL-1.2
// Web app figures, in Debian's Chromium against a real escale serve on loopback with the
// `cite` demo (5 floors × 150 desks): bytes transferred (as sent, compressed) by the first
// load of Ma semaine and of the plan of the largest floor with an empty cache, and the time
// from navigation start to an interactive plan (every desk of the floor drawn as a focusable
// element), on a first visit and for a returning agent (the app's files in the browser's
// cache), beside two floors of what any page could do here: the time this browser takes to
// load a static file (the favicon), and to make interactive the plan of the least app there
// could be (one request for the floor's desks, one SVG group per desk; no style, no framework,
// no drawing; leastApp below), served by the same server. Medians of --runs runs (5 by
// default). Not part of the test command.
//
//   node bench/web.mjs [--runs 5] [--before <another build of web/, e.g. main's>] [--trace <file.json>]
//                      [--latency <ms>]
// --latency: every request's answer delayed that long (Chromium's network emulation), as on a
// network farther than loopback (an intranet: 20 to 50 ms). ESCALE_BIN chooses the server.
// --trace: one more first load of the plan, recorded as a Chromium performance trace (open it
// in Chromium's DevTools, Performance panel), summarised here: when each request left and
// ended, and the main thread's longest tasks, until the plan was interactive.
// Needs build/escale, the built app (build/web: bash scripts/build.sh) and the packages of
// tests/web (playwright-core; bash scripts/install-deps.sh --tests).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { launchBrowser, startServer } from '../tests/web/harness.mjs';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, before: { type: 'string' }, trace: { type: 'string' }, latency: { type: 'string', default: '0' } },
});
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
// `returning`: the page is loaded once first in the same context, cache on, then loaded again
// and measured, as an agent opening the plan on any day but their first (the app's files,
// named by their content's hash, come from the browser's cache).
async function firstLoad(browser, base, path, session, desks, trace, returning = false) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addCookies([{ name: 'escale_session', value: session, url: base }]);
  if (returning) {
    const visit = await context.newPage();
    await visit.goto(base + path, { waitUntil: 'load' });
    await visit.waitForSelector('.escale-plan .escale-desk');
    await visit.close();
  }
  const page = await context.newPage();
  if (desks) {
    // Installed by the browser before the app runs (not an inline script: the CSP holds).
    await page.addInitScript((n) => {
      new MutationObserver((_, obs) => {
        if (document.querySelectorAll('.escale-plan .escale-desk').length >= n) {
          window.__interactive = performance.now();
          performance.mark('escale-interactive');
          obs.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    }, desks);
  }
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: !returning });
  if (Number(values.latency) > 0) {
    // a network farther than loopback: each request waits that long for its answer
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false, latency: Number(values.latency), downloadThroughput: -1, uploadThroughput: -1,
    });
  }
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e) => (bytes += e.encodedDataLength));
  // Settled: nothing in flight for 500 ms but the plan's live event stream, which stays open.
  const inFlight = new Set();
  const live = (r) => r.url().endsWith('/events');
  page.on('request', (r) => !live(r) && inFlight.add(r));
  page.on('requestfinished', (r) => inFlight.delete(r));
  page.on('requestfailed', (r) => inFlight.delete(r));
  if (trace) await browser.startTracing(page, { path: trace, categories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'loading', 'v8.execute'] });
  await page.goto(base + path, { waitUntil: 'load' });
  for (let quiet = 0; quiet < 5; ) {
    await new Promise((r) => setTimeout(r, 100));
    quiet = inFlight.size ? 0 : quiet + 1;
  }
  const loaded = await page.evaluate(() => performance.getEntriesByType('navigation')[0].loadEventEnd);
  let interactive = null;
  if (desks) {
    await page.waitForFunction(() => window.__interactive !== undefined);
    interactive = await page.evaluate(() => window.__interactive);
  }
  if (trace) await browser.stopTracing();
  await context.close();
  return { bytes, interactive, loaded };
}

// One server of the `cite` demo serving the app built in `webRoot` (the harness's by default),
// with what a run needs: the session of an agent and the largest floor.
async function citeServer(webRoot) {
  const server = await startServer(['--demo', 'cite'], { webRoot, realPasswords: true });
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
  return { server, agent, largest, session, week: [], plan: [], times: [], floor: [], returning: [], returningBytes: [] };
}

// One first load of Ma semaine and one of the plan, noted in `s`, and the browser's own floor:
// navigation → load of a static file (the favicon) in the same conditions.
async function measure(browser, s) {
  s.floor.push((await firstLoad(browser, s.server.base, '/favicon.svg', s.session)).loaded);
  s.week.push((await firstLoad(browser, s.server.base, '/semaine', s.session)).bytes);
  const p = await firstLoad(browser, s.server.base, `/plan?etage=${s.largest.id}`, s.session, s.largest.desks);
  s.plan.push(p.bytes);
  s.times.push(p.interactive);
  const again = await firstLoad(browser, s.server.base, `/plan?etage=${s.largest.id}`, s.session, s.largest.desks, null, true);
  s.returning.push(again.interactive);
  s.returningBytes.push(again.bytes);
}

// The least app there could be, written into a folder served as the web root: the page asks
// for the availability of the floor in its address and draws one focusable group per desk.
function leastApp() {
  const dir = mkdtempSync(path.join(tmpdir(), 'escale-least-app-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Plan</title><script type="module" src="/assets/least.js"></script></head>
<body><svg class="escale-plan" viewBox="0 0 2000 1500" width="1000" height="700"></svg></body></html>
`);
  writeFileSync(path.join(dir, 'assets', 'least.js'), `
const floor = new URLSearchParams(location.search).get('etage');
const a = await (await fetch('/api/v1/floors/' + floor + '/availability')).json();
const ns = 'http://www.w3.org/2000/svg';
const svg = document.querySelector('svg');
for (const d of a.desks) {
  const g = document.createElementNS(ns, 'g');
  g.setAttribute('class', 'escale-desk');
  g.setAttribute('tabindex', '0');
  g.setAttribute('transform', 'translate(' + d.x + ' ' + d.y + ')');
  const r = document.createElementNS(ns, 'rect');
  r.setAttribute('width', '28');
  r.setAttribute('height', '18');
  g.appendChild(r);
  svg.appendChild(g);
}
`);
  return dir;
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
function report(s, name) {
  console.log(`${name}first load of Ma semaine:  ${kb(median(s.week))} transferred (runs: ${s.week.map(kb).join(', ')})`);
  console.log(`${name}first load of the plan:    ${kb(median(s.plan))} transferred (runs: ${s.plan.map(kb).join(', ')})`);
  console.log(`${name}navigation → interactive plan: ${median(s.times).toFixed(0)} ms median (runs: ${s.times.map((t) => t.toFixed(0)).join(', ')} ms)`);
  console.log(`${name}navigation → interactive plan, returning agent (app files cached): ${median(s.returning).toFixed(0)} ms median (runs: ${s.returning.map((t) => t.toFixed(0)).join(', ')} ms; ${kb(median(s.returningBytes))} transferred)`);
  console.log(`${name}navigation → load of a static file (the browser's floor): ${median(s.floor).toFixed(0)} ms median (runs: ${s.floor.map((t) => t.toFixed(0)).join(', ')} ms)`);
}

// The trace of one load, summarised: requests (sent → finished) and the main thread's tasks
// of 15 ms or more, in ms from the navigation's start, until the plan was interactive.
function summariseTrace(file, origin) {
  const parsed = JSON.parse(readFileSync(file, 'utf8'));
  const events = parsed.traceEvents ?? parsed;
  // The page's main thread: the one that marked the plan interactive.
  const mark = events.find((e) => e.name === 'escale-interactive');
  const onMain = (e) => e.pid === mark?.pid && e.tid === mark?.tid;
  const end = mark?.ts;
  // The last navigation to the page before it (its SVG images are documents too, with none).
  const start = Math.max(...events.filter((e) => e.name === 'navigationStart' && onMain(e) && e.ts < end &&
    e.args?.data?.documentLoaderURL?.startsWith('http')).map((e) => e.ts));
  if (end === undefined || !Number.isFinite(start)) return console.log('trace: navigation start or interactive mark not found');
  const at = (ts) => ((ts - start) / 1000).toFixed(0).padStart(4);
  const sent = new Map();
  const lines = [];
  for (const e of events) {
    if (e.ts < start || e.ts > end) continue;
    const d = e.args?.data;
    if (e.name === 'ResourceSendRequest' && d.url.startsWith(origin)) sent.set(d.requestId, { url: d.url, ts: e.ts });
    else if (e.name === 'ResourceFinish' && sent.has(d.requestId)) {
      const r = sent.get(d.requestId);
      lines.push([r.ts, `${at(r.ts)} → ${at(e.ts)} ms  ${new URL(r.url).pathname}${new URL(r.url).search}`]);
    } else if (e.name === 'ThreadControllerImpl::RunTask' && onMain(e) && e.dur >= 15000) {
      const inside = events.filter((c) => onMain(c) && c.ph === 'X' && c.ts > e.ts && c.ts < e.ts + e.dur && c.dur >= 3000 && !c.name.includes('RunTask'));
      const what = [...new Set(inside.map((c) => c.name))].slice(0, 6).join(', ');
      lines.push([e.ts, `${at(e.ts)} main thread busy ${(e.dur / 1000).toFixed(0)} ms (${what})`]);
    }
  }
  lines.push([end, `${at(end)} interactive`]);
  for (const [, l] of lines.sort((a, b) => a[0] - b[0])) console.log(`trace: ${l}`);
}

const browser = await launchBrowser();
const after = await citeServer();
const leastRoot = leastApp();
const least = await citeServer(leastRoot);
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
  await firstLoad(browser, least.server.base, `/plan?etage=${least.largest.id}`, least.session, least.largest.desks);
  for (let i = 0; i < runs; i++) {
    for (const s of all) await measure(browser, s);
    least.times.push((await firstLoad(browser, least.server.base, `/plan?etage=${least.largest.id}`, least.session, least.largest.desks)).interactive);
  }
  console.log(`agent ${after.agent.email}; largest floor « ${after.largest.name} » (${after.largest.desks} desks); ${runs} runs`);
  if (before) report(before, `before (${values.before}): `);
  report(after, before ? 'after: ' : '');
  console.log(`navigation → interactive plan of the least app there could be (the second floor): ${median(least.times).toFixed(0)} ms median (runs: ${least.times.map((t) => t.toFixed(0)).join(', ')} ms)`);
  if (values.trace) {
    await firstLoad(browser, after.server.base, `/plan?etage=${after.largest.id}`, after.session, after.largest.desks, values.trace);
    console.log(`trace of one first load of the plan: ${values.trace}`);
    summariseTrace(values.trace, after.server.base);
  }
} finally {
  await browser.close();
  await after.server.stop();
  await before?.server.stop();
  await least.server.stop();
  rmSync(leastRoot, { recursive: true });
}
