// SPDX-License-Identifier: EUPL-1.2
// Live updates (issue 11) in Debian's Chromium: an agent's open plan, then list, shows within
// 2 seconds, without reloading, a desk that someone else books and then frees in another
// browser context — on one server (SQLite), and on two servers sharing a PostgreSQL database
// (when $ESCALE_TEST_PG_URL is set) with each person on a different server. And Ma semaine:
// an agent's open week shows within 2 seconds, without reloading, a booking of theirs made in
// another browser context, one a gestionnaire makes on their behalf, and a cancellation.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { accounts, apiAs, axeViolations, launchBrowser, login, newPage, pgDatabase, screenshot, startServer } from './harness.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const loaded = (page) => page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));

// The first half-day of Ma semaine, from tomorrow on, with at least two free desks on its plan.
async function bookableHalfDay(page, base) {
  await page.goto(`${base}/semaine`);
  await page.waitForSelector('a[href^="/plan?date="]');
  const hrefs = await page.$$eval('a[href^="/plan?date="]', (as) => as.map((a) => a.getAttribute('href')));
  const tomorrow = new Date(Date.now() + 86400000).toISOString().slice(0, 10);
  for (const href of hrefs) {
    if (new URL(href, base).searchParams.get('date') < tomorrow) continue;
    await page.goto(base + href);
    await loaded(page);
    await page.click('label[for=vue-plan]');
    if ((await page.locator('.fr-alert--info').count()) === 0 && (await page.locator('.escale-plan .escale-desk--free').count()) > 1)
      return href;
  }
  throw new Error('no bookable half-day in Ma semaine');
}

// `watcherBase` is where the agent watches; `bookerBase` where the gestionnaire books.
async function livePlanAndList(watcherBase, bookerBase, shots) {
  const watcher = await newPage(browser);
  await login(watcher, watcherBase, accounts.agent);
  const href = await bookableHalfDay(watcher, watcherBase);
  await watcher.evaluate(() => {
    window.escaleNotReloaded = true;
  });

  const booker = await newPage(browser);
  await login(booker, bookerBase, accounts.gestionnaire);
  await booker.goto(bookerBase + href);
  await loaded(booker);
  await booker.click('label[for=vue-plan]');
  const desk = booker.locator('.escale-plan .escale-desk--free').last();
  const label = await desk.getAttribute('data-desk');
  await desk.click();
  const booked = Date.now();
  await booker.waitForSelector(`[role=status] >> text=Poste ${label} réservé`);

  // The agent's plan: the desk is taken, highlighted, and said, within 2 s of the booking.
  await watcher.waitForSelector(`.escale-plan .escale-desk--taken[data-desk="${label}"]`, { timeout: 2000 });
  assert.ok(Date.now() - booked < 2000, `shown after ${Date.now() - booked} ms`);
  await watcher.waitForSelector(`.escale-desk--changed[data-desk="${label}"]`, { timeout: 1000 });
  await watcher.waitForSelector(`[role=status] >> text=Le poste ${label} est maintenant pris`, { timeout: 1000 });
  assert.equal(await watcher.evaluate(() => window.escaleNotReloaded), true, 'no reload');
  if (shots) {
    assert.deepEqual(await axeViolations(watcher), [], 'axe-core on the plan with a live change');
    await screenshot(watcher, 'plan-direct');
  }

  // The list: the gestionnaire frees the desk from Ma semaine; the agent's list offers it again.
  await watcher.click('label[for=vue-liste]');
  await watcher.waitForSelector('table caption');
  assert.equal(await watcher.getByRole('button', { name: `Réserver le poste ${label}` }).count(), 0);
  await booker.goto(`${bookerBase}/semaine`);
  const cancel = booker.getByRole('button', { name: new RegExp(`^Annuler la réservation du poste ${label}, `) });
  await cancel.click();
  const freed = Date.now();
  await booker.waitForSelector(`[role=status] >> text=Réservation du poste ${label} annulée`);
  await watcher.getByRole('button', { name: `Réserver le poste ${label}` }).waitFor({ timeout: 2000 });
  assert.ok(Date.now() - freed < 2000, `freed shown after ${Date.now() - freed} ms`);
  await watcher.waitForSelector('tr.escale-row--changed', { timeout: 1000 });
  if (shots) {
    assert.deepEqual(await axeViolations(watcher), [], 'axe-core on the list with a live change');
    await screenshot(watcher, 'plan-liste-direct');
  }
  assert.equal(await watcher.evaluate(() => window.escaleNotReloaded), true, 'no reload');
  assert.deepEqual(watcher.problems, []);
  assert.deepEqual(booker.problems, []);
  await watcher.context().close();
  await booker.context().close();
}

async function liveWeek(base) {
  // The agent's week, open in one browser context.
  const week = await newPage(browser);
  await login(week, base, accounts.agent);
  await week.goto(`${base}/semaine`);
  await loaded(week);
  await week.evaluate(() => {
    window.escaleNotReloaded = true;
  });
  const booked = (label) => week.locator('td.escale-booked', { hasText: `Poste ${label}` });

  // The same agent, in another context (another tab, a phone), books on the plan.
  const other = await newPage(browser);
  await login(other, base, accounts.agent);
  const href = await bookableHalfDay(other, base);
  const desk = other.locator('.escale-plan .escale-desk--free').last();
  const label = await desk.getAttribute('data-desk');
  await desk.click();
  let since = Date.now();
  await other.waitForSelector(`[role=status] >> text=Poste ${label} réservé`);
  await booked(label).waitFor({ timeout: 2000 });
  assert.ok(Date.now() - since < 2000, `booking shown after ${Date.now() - since} ms`);
  await week.waitForSelector(`[role=status] >> text=Nouvelle réservation : poste ${label}`, { timeout: 1000 });
  assert.deepEqual(await axeViolations(week), [], 'axe-core on Ma semaine with a live change');
  await screenshot(week, 'semaine-direct');

  // A gestionnaire books for the agent, another day (the API, as Mon service does).
  const gestionnaire = await apiAs(base, accounts.gestionnaire);
  const residents = (await gestionnaire('GET', '/api/v1/residents?site_id=1')).body;
  const agent = residents.find((r) => r.email === accounts.agent);
  const day = new URL(href, base).searchParams.get('date');
  let behalf = null;
  const site = (await gestionnaire('GET', '/api/v1/sites/1')).body;
  for (let d = 1; d <= 14 && !behalf; d++) {
    const date = new Date(Date.parse(day) + d * 86400000).toISOString().slice(0, 10);
    for (const f of site.floors) {
      const a = (await gestionnaire('GET', `/api/v1/floors/${f.id}/availability?date=${date}`)).body;
      const free = a.closed || a.refusals?.pm ? undefined : a.desks.find((x) => x.active && x.pm === 'free');
      if (!free) continue;
      since = Date.now();
      const made = await gestionnaire('POST', '/api/v1/desk-bookings', { desk_id: free.id, date, period: 'pm', resident_id: agent.id });
      if (made.status === 201) {
        behalf = free.label;
        break;
      }
    }
  }
  assert.ok(behalf, 'a booking on behalf of the agent');
  await booked(behalf).waitFor({ timeout: 2000 });
  assert.ok(Date.now() - since < 2000, `booking on behalf shown after ${Date.now() - since} ms`);

  // The other context cancels the first booking from its own Ma semaine.
  await other.goto(`${base}/semaine`);
  await other.getByRole('button', { name: new RegExp(`^Annuler la réservation du poste ${label}, `) }).click();
  since = Date.now();
  await other.waitForSelector(`[role=status] >> text=Réservation du poste ${label} annulée`);
  await booked(label).waitFor({ state: 'detached', timeout: 2000 });
  assert.ok(Date.now() - since < 2000, `cancellation shown after ${Date.now() - since} ms`);
  await week.waitForSelector(`[role=status] >> text=Réservation annulée : poste ${label}`, { timeout: 1000 });
  assert.equal(await booked(behalf).count(), 1, 'the booking on behalf stays');
  assert.equal(await week.evaluate(() => window.escaleNotReloaded), true, 'no reload');
  assert.deepEqual(week.problems, []);
  assert.deepEqual(other.problems, []);
  await week.context().close();
  await other.context().close();
}

describe('live updates', () => {
  test('Ma semaine: my bookings made or cancelled elsewhere show without reloading', async () => {
    const server = await startServer();
    try {
      await liveWeek(server.base);
    } finally {
      await server.stop();
    }
  });

  test('one server: a desk booked and freed in another browser shows on the plan and the list', async () => {
    const server = await startServer();
    try {
      await livePlanAndList(server.base, server.base, true);
    } finally {
      await server.stop();
    }
  });

  test('two servers on PostgreSQL: booked through one, shown by the other', async (t) => {
    const db = pgDatabase();
    if (!db) {
      t.skip('ESCALE_TEST_PG_URL is not set');
      return;
    }
    let a;
    let b;
    try {
      a = await startServer([], { db: db.url });
      b = await startServer([], { db: db.url });
      await livePlanAndList(a.base, b.base, false);
    } finally {
      await b?.stop();
      await a?.stop();
      db.drop();
    }
  });
});
