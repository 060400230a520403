// SPDX-License-Identifier: EUPL-1.2
// Liste d'attente (issue 11, the page of issue 10's waitlist) in Debian's Chromium: a floor
// whose one desk is taken sends the agent from the plan to the waitlist, the form filled in;
// a scope with a desk still free is refused next to its field; the agent waits, gets the desk
// when its holder cancels, and leaves another entry. axe-core and screenshots at 1280 and 360 px.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { accounts, apiAs, checkPage, login, newPage, settle, serverAndBrowser } from './harness.mjs';

const shared = serverAndBrowser();

const row = (page, text) => page.locator('.escale-waitlist li', { hasText: text });

describe('liste d’attente', () => {
  test('from a full floor to the waitlist, the desk given when it is freed, an entry left', async () => {
    // A floor of one desk, taken on an open day by another agent.
    const api = await apiAs(shared.server.base, accounts.gestionnaire);
    const floor = (await api('POST', '/api/v1/floors', { site_id: 1, name: 'Annexe', level: 4 })).body.id;
    const desk = (await api('POST', '/api/v1/desks', { site_id: 1, floor_id: floor, label: 'A-1' })).body.id;
    const day = (await api('GET', '/api/v1/sites/1/calendar')).body.days.filter((d) => !d.closed)[2].date;
    const residents = (await api('GET', '/api/v1/residents?site_id=1')).body;
    const me = residents.find((r) => r.email === accounts.agent);
    const other = residents.find((r) => r.role === 'agent' && r.id !== me.id);
    const held = async (period) => {
      const r = await api('POST', '/api/v1/desk-bookings', { desk_id: desk, date: day, period, resident_id: other.id });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      return r.body.bookings[0].id;
    };
    const morning = await held('am');

    const page = await newPage(shared.browser);
    await login(page, shared.server.base, accounts.agent);
    await page.goto(`${shared.server.base}/plan?date=${day}&demi=am&etage=${floor}`);
    await page.getByRole('link', { name: "S'inscrire en liste d'attente" }).click();
    await page.waitForURL(/\/attente\?/);
    await settle(page);
    assert.equal(await page.inputValue('#attente-date'), day);
    assert.equal(await page.inputValue('#attente-demi'), 'am');
    assert.equal(await page.inputValue('#attente-scope'), `etage-${floor}`);
    await checkPage(page, 'liste-attente');

    // No date: said next to it, nothing sent.
    await page.fill('#attente-date', '');
    await page.getByRole('button', { name: "M'inscrire en liste d'attente" }).click();
    assert.equal(await page.locator('#attente-date-erreur').innerText(), 'Choisissez une date.');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'attente-date');
    await page.fill('#attente-date', day);

    // The whole site has desks free: refused, said next to « Où ».
    await page.selectOption('#attente-scope', 'site');
    await page.getByRole('button', { name: "M'inscrire en liste d'attente" }).click();
    await page.waitForSelector('#attente-scope-erreur');
    assert.match(await page.locator('#attente-scope-erreur').innerText(), /libres? à réserver/);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'attente-scope');
    await checkPage(page, 'liste-attente-erreur');

    await page.selectOption('#attente-scope', `etage-${floor}`);
    await page.getByRole('button', { name: "M'inscrire en liste d'attente" }).click();
    await page.waitForSelector('[role=status] >> text=Vous êtes inscrit en liste d\'attente');
    await row(page, 'Annexe, tout le niveau').getByText('En attente').waitFor();

    // The holder's booking cancelled: the desk is the agent's, in the same transaction.
    assert.equal((await api('DELETE', `/api/v1/desk-bookings/${morning}`)).status, 200);
    await page.reload();
    await settle(page);
    await row(page, 'matin').getByText('Poste attribué').waitFor();
    assert.ok(await row(page, 'matin').getByRole('link', { name: 'Voir Ma semaine' }).isVisible());

    // The afternoon taken too: the agent waits for it, then leaves.
    await held('pm');
    await page.selectOption('#attente-demi', 'pm');
    await page.getByRole('button', { name: "M'inscrire en liste d'attente" }).click();
    await row(page, 'après-midi').getByText('En attente').waitFor();
    await row(page, 'après-midi').getByRole('button', { name: /^Quitter la liste d'attente du .* après-midi$/ }).click();
    await page.waitForSelector('[role=status] >> text=Vous avez quitté la liste d\'attente');
    await row(page, 'après-midi').getByText('Quittée').waitFor();
    await checkPage(page, 'liste-attente');
    await page.setViewportSize({ width: 360, height: 900 });
    await checkPage(page, 'liste-attente');
    await page.context().close();
  });
});
