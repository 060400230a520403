// SPDX-License-Identifier: EUPL-1.2
// The notification bell (issue 11) in Debian's Chromium: a gestionnaire books a desk for an
// agent (through the API); the agent's open page shows it after a change of page (the
// button's name carries the count, the live region announces it), the panel opens from the
// keyboard, one notification is marked read, Escape closes the panel and the focus returns
// to the bell; its link opens its week in Ma semaine. axe-core finds nothing with the panel open, at 1280 and 360 px.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { accounts, axeViolations, demoPassword, login, newPage, screenshot, serverAndBrowser } from './harness.mjs';

const shared = serverAndBrowser();

// A desk booked for Claire Dubreuil (resident 3) by the gestionnaire: a notification for her.
async function bookForClaire(dayOffset) {
  const { token } = await (await fetch(`${shared.server.base}/api/v1/auth/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: accounts.gestionnaire, password: demoPassword }),
  })).json();
  const auth = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  const { days } = await (await fetch(`${shared.server.base}/api/v1/sites/1/calendar`, { headers: auth })).json();
  const open = days.filter((d) => !d.closed)[dayOffset].date;
  const plan = await (await fetch(`${shared.server.base}/api/v1/floors/1/availability?date=${open}`, { headers: auth })).json();
  const desk = plan.desks.find((d) => d.active && d.am === 'free' && d.pm === 'free');
  const r = await fetch(`${shared.server.base}/api/v1/desk-bookings`, {
    method: 'POST', headers: auth, body: JSON.stringify({ desk_id: desk.id, date: open, period: 'day', resident_id: 3 }),
  });
  assert.equal(r.status, 201, await r.text());
}

const bell = (page) => page.locator('#cloche-haut');

describe('notification bell', () => {
  test('a new notification counted, announced, read', async () => {
    const page = await newPage(shared.browser);
    await login(page, shared.server.base, accounts.agent);
    await page.waitForFunction(() => /aucune non lue|non lues?$/.test(document.querySelector('#cloche-haut')?.textContent ?? ''));
    const before = await page.evaluate(async () => (await (await fetch('/api/v1/me/notifications')).json()).unread);

    await bookForClaire(3);
    await page.getByRole('link', { name: 'Plan' }).first().click();  // a change of page asks again
    const name = `Notifications ${before + 1} non lue${before + 1 > 1 ? 's' : ''}`;
    await page.getByRole('button', { name, exact: true }).first().waitFor();
    assert.match(await page.locator('#annonce-notifications').textContent(), /^1 nouvelle notification : /);

    await bell(page).focus();
    await page.keyboard.press('Enter');
    assert.equal(await bell(page).getAttribute('aria-expanded'), 'true');
    const panel = page.getByRole('region', { name: 'Notifications' });
    await panel.waitFor();
    assert.deepEqual(await axeViolations(page), [], 'axe-core with the panel open');
    await screenshot(page, 'notifications');
    const mark = panel.getByRole('button', { name: /^Marquer comme lue : / }).first();
    await mark.click();
    await page.getByRole('button', { name: before === 0 ? 'Notifications aucune non lue' : `Notifications ${before} non lue${before > 1 ? 's' : ''}`, exact: true }).first().waitFor();
    await page.keyboard.press('Escape');
    assert.equal(await panel.count(), 0, 'Escape closes the panel');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'cloche-haut', 'the focus back on the bell');

    // A notification's link leads to its week in Ma semaine, whose heading takes the focus.
    await page.keyboard.press('Enter');
    await panel.getByRole('link').first().click();
    await page.waitForURL(/\/semaine\?date=\d{4}-\d{2}-\d{2}$/);
    const date = new URL(page.url()).searchParams.get('date');
    const d = new Date(`${date}T12:00:00Z`);
    d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
    const monday = d.toISOString().slice(0, 10);
    await page.waitForFunction((id) => document.activeElement?.id === id, `semaine-${monday}`, { timeout: 5000 });
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  test('at 360 px, in the menu', async () => {
    await bookForClaire(4);
    const page = await newPage(shared.browser, 360);
    await login(page, shared.server.base, accounts.agent);
    await page.getByRole('button', { name: 'Menu' }).click();
    const inMenu = page.locator('#cloche-menu');
    await inMenu.waitFor({ state: 'visible' });
    await page.waitForFunction(() => / non lues?$/.test(document.querySelector('#cloche-menu').textContent));
    await inMenu.click();
    await page.locator('#notifications-menu').waitFor();
    assert.deepEqual(await axeViolations(page), [], 'axe-core, the panel open in the menu');
    await screenshot(page, 'notifications');
    await page.locator('#notifications-menu').getByRole('button', { name: 'Tout marquer comme lu' }).click();
    await page.waitForFunction(() => /aucune non lue$/.test(document.querySelector('#cloche-menu').textContent));
    await page.context().close();
  });
});
