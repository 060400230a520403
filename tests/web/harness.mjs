// SPDX-License-Identifier: EUPL-1.2
// What the browser tests share: a real `escale serve` (the binary from $ESCALE_BIN, the
// built app from $ESCALE_WEB_ROOT, a fresh SQLite database with the pilot demo, the real
// clock) on a free loopback port; Debian's Chromium driven by playwright-core; axe-core run
// in the page; screenshots written to $ESCALE_SCREENSHOTS (build/screenshots by default).
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
export const bin = process.env.ESCALE_BIN ?? path.join(root, 'build', 'escale');
export const webRoot = process.env.ESCALE_WEB_ROOT ?? path.join(root, 'build', 'web');
export const screenshotDir = process.env.ESCALE_SCREENSHOTS ?? path.join(root, 'build', 'screenshots');
export const demoPassword = 'escale-demo';
export const accounts = {
  agent: 'claire.dubreuil@pilote.escale.test',
  gestionnaire: 'gestionnaire@pilote.escale.test',
};
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

// A server of its own, stopped by stop().
// `options.db`: a database URL to use instead of a fresh SQLite file (another server's, or
// a PostgreSQL one from pgDatabase()). `options.rules`: keep the demo's fair-booking rules
// (issue 10, item 4: the pilot's weekly quota, quartier priority and adapted desks); by
// default they are switched off through the API, as the API tests' harness does, so that a
// test books any desk. `options.webRoot`: another build of the app (bench/web.mjs --before).
// `options.realPasswords`: hash passwords at the production cost; by default the server hashes
// at the minimum (--test-cheap-passwords), as the API tests' harness does.
export async function startServer(extraArgs = [], options = {}) {
  const rules = options.rules ?? false;
  const cheapPasswords = options.realPasswords ? [] : ['--test-cheap-passwords'];
  // A --listen or --demo in extraArgs replaces the default (a free port; the pilot demo).
  const dir = mkdtempSync(path.join(os.tmpdir(), 'escale-web-'));
  const listen = extraArgs.includes('--listen') ? [] : ['--listen', '127.0.0.1:0'];
  const demo = extraArgs.includes('--demo') ? [] : ['--demo', 'pilot'];
  const args = ['serve', ...listen, '--db', options.db ?? `sqlite:${path.join(dir, 'escale.db')}`, ...demo,
    '--demo-history', 'past', '--web-root', options.webRoot ?? webRoot, ...cheapPasswords, ...extraArgs];
  // In the sanitized build (CTest sets ESCALE_SANITIZED, issue 14), the server writes its
  // AddressSanitizer, LeakSanitizer and UndefinedBehaviorSanitizer reports into `dir`, and
  // stop() fails with them (leaks are found at its exit), as the API tests' harness does.
  const env = { ...process.env };
  if (process.env.ESCALE_SANITIZED) {
    for (const [name, file] of [['ASAN_OPTIONS', 'asan'], ['UBSAN_OPTIONS', 'ubsan']])
      env[name] = [process.env[name], `log_path=${path.join(dir, file)}`].filter(Boolean).join(':');
  }
  const proc = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
  let stderr = '';
  proc.stderr.on('data', (d) => (stderr += d));
  const port = await new Promise((resolve, reject) => {
    let out = '';
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/escale: listening on http:\/\/127\.0\.0\.1:(\d+)/);
      if (m) resolve(Number(m[1]));
    });
    proc.on('exit', (code) => reject(new Error(`escale serve exited (${code}): ${stderr}`)));
  });
  if (!rules && !extraArgs.includes('--demo')) {
    const base = `http://127.0.0.1:${port}`;
    const { token } = await (await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'admin@pilote.escale.test', password: demoPassword }),
    })).json();
    const off = await fetch(`${base}/api/v1/sites/1`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ weekly_half_day_quota: null, quartier_priority_hours: null, adapted_desks_reserved: false }),
    });
    if (off.status !== 200) throw new Error(`the demo's rules could not be switched off: ${off.status} ${await off.text()}`);
  }
  return {
    port,
    base: `http://127.0.0.1:${port}`,
    async stop() {
      if (proc.exitCode === null) {
        proc.kill('SIGTERM');
        await new Promise((r) => proc.once('exit', r));
      }
      const reports = readdirSync(dir).filter((f) => /^(asan|ubsan)\.\d+$/.test(f))
        .map((f) => `--- ${f}\n${readFileSync(path.join(dir, f), 'utf8')}`);
      rmSync(dir, { recursive: true, force: true });
      if (reports.length) throw new Error(`sanitizer reports of the server:\n${reports.join('\n')}`);
    },
  };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage',
      // Chromium formats native fields (the date field) in its own UI language, not the page's.
      '--lang=fr-FR'],
    env: { ...process.env, LANG: 'fr_FR.UTF-8', LANGUAGE: 'fr' },
  });
}

// A server of its own (startServer's arguments) and a browser for a test file: started before
// its tests, stopped after them. Its tests read `.server` and `.browser`.
export function serverAndBrowser(extraArgs, options) {
  const shared = {};
  before(async () => {
    shared.server = await startServer(extraArgs, options);
    shared.browser = await launchBrowser();
  });
  after(async () => {
    await shared.browser?.close();
    await shared.server?.stop();
  });
  return shared;
}

// A page that fails the test on any CSP violation or script error.
export async function newPage(browser, width = 1280) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource: the server responded with a status of (401|404|409|422)/.test(m.text()))
      page.problems.push(m.text());
  });
  page.on('pageerror', (e) => page.problems.push(String(e)));
  return page;
}

// axe-core's violations on the page as it is now (WCAG 2.1 A and AA rules and best practices).
export async function axeViolations(page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
  });
  return result;
}

export async function screenshot(page, name) {
  mkdirSync(screenshotDir, { recursive: true });
  const width = page.viewportSize().width;
  await page.screenshot({ path: path.join(screenshotDir, `${name}-${width}.png`), fullPage: true });
}

export async function login(page, base, email, password = demoPassword) {
  await page.goto(`${base}/connexion`);
  await page.getByRole('textbox', { name: /^Adresse électronique/ }).fill(email);
  await page.getByRole('textbox', { name: 'Mot de passe' }).fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/connexion'));
}

// The API as `email` (a bearer token): api(method, path, body) → { status, body }.
export async function apiAs(base, email) {
  const r = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password: demoPassword }),
  });
  assert.equal(r.status, 200);
  const { token } = await r.json();
  return async (method, path, body) => {
    const res = await fetch(base + path, {
      method, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: body && JSON.stringify(body),
    });
    return { status: res.status, body: await res.json().catch(() => null) };
  };
}

// live updates (issue 11): a fresh PostgreSQL database on the server of $ESCALE_TEST_PG_URL
// (null when it is not set), dropped by drop().
export function pgDatabase() {
  const admin = process.env.ESCALE_TEST_PG_URL;
  if (!admin) return null;
  const name = `escale_web_${process.pid}_${Date.now()}`;
  execFileSync('psql', [admin, '-qc', `CREATE DATABASE ${name}`]);
  return {
    url: admin.slice(0, admin.lastIndexOf('/') + 1) + name,
    drop() {
      execFileSync('psql', [admin, '-qc', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]);
    },
  };
}

// A page done loading: its title drawn and nothing left busy.
export async function settle(page) {
  await page.waitForSelector('main h1');
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
}

// A loaded page checked: axe-core finds nothing, nothing wider than the window (RGAA 10.11:
// no sideways scrolling on a phone; wide tables scroll inside their own box), its screenshot
// written, no console error.
export async function checkPage(page, name) {
  await settle(page);
  assert.deepEqual(await axeViolations(page), [], `${name}: axe-core violations`);
  const width = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  assert.ok(width[0] <= width[1], `${name}: the page is ${width[0]} px wide in a ${width[1]} px window`);
  // A table may scroll sideways in its frame, but its visible caption is read whole on screen.
  const cut = await page.evaluate(() => [...document.querySelectorAll('.fr-table:not(.fr-table--no-caption) caption')]
    .filter((c) => c.getBoundingClientRect().right > window.innerWidth + 0.5).map((c) => c.textContent));
  assert.deepEqual(cut, [], `${name}: table captions wider than the window`);
  await screenshot(page, name);
  assert.deepEqual(page.problems, [], `${name}: console errors (CSP?)`);
}
