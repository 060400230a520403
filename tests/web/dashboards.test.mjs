// SPDX-License-Identifier: EUPL-1.2
// Tableaux de bord (issue 13, item 7) in Debian's Chromium against a real escale serve: a
// gestionnaire sees the pilot's occupancy charts with their data tables and download links,
// switches the grouping to quartiers, reads the « Indicateurs » view (the pilot's 29 desks for
// 36 residents) and records a flash count; an agent has no such entry; axe-core finds
// nothing at 1280 and 360 px; screenshots.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { accounts, axeViolations, checkPage, login, newPage, screenshot, settle, serverAndBrowser } from './harness.mjs';

const shared = serverAndBrowser();

describe('Tableaux de bord', () => {
  test('charts with their tables, grouping, indicators and a flash count', async () => {
    const page = await newPage(shared.browser);
    await login(page, shared.server.base, accounts.gestionnaire);
    await page.getByRole('link', { name: 'Tableaux de bord' }).first().click();
    await page.waitForSelector('#tdb-reservation-caption');
    await page.waitForSelector('#indicateurs ~ .fr-table tbody td');
    await checkPage(page, 'tableaux-de-bord');

    // Each chart is an SVG picture named by its caption, with a table of the same rows.
    const bars = await page.locator('#tdb-reservation-caption ~ div svg rect').count();
    const rows = await page.locator('#tdb-reservation-caption ~ div .fr-table tbody tr').count();
    assert.ok(bars > 0, 'bars drawn');
    assert.equal(bars, rows, 'one table row per bar');
    const csv = await page.locator('a', { hasText: 'Télécharger en CSV' }).first().getAttribute('href');
    assert.match(csv, /\/api\/v1\/sites\/1\/analytics\.csv\?.*table=desks/);
    const answer = await page.request.get(shared.server.base + csv);
    assert.equal(answer.status(), 200);
    assert.match(await answer.text(), /Début;Fin;Demi-journée;Site;/);

    // By quartier: the group filter lists the quartiers.
    await page.selectOption('#tdb-par', 'quartier');
    await page.waitForFunction(() => document.querySelectorAll('#tdb-groupe option').length > 1);
    await settle(page);
    assert.match(await page.locator('main h2').first().textContent(), /Postes — /);

    // The préfet's view: the pilot's 29 desks for 36 residents.
    const site = page.locator('#indicateurs ~ .fr-table tbody tr').first();
    assert.match(await site.textContent(), /36.*29.*0,81/);

    // A flash count, then its line against the half-day's bookings.
    await page.getByLabel('Personnes présentes maintenant').fill('12');
    await page.getByRole('button', { name: 'Enregistrer le comptage' }).click();
    await page.waitForSelector('[role=status] >> text=/Comptage enregistré : 12 personnes/');
    await page.waitForSelector('#comptage ~ .fr-table tbody tr >> text=12');
    await checkPage(page, 'tableaux-de-bord-comptage');
    await page.context().close();
  });

  test('an agent has no dashboards entry; the page at 360 px', async () => {
    const agent = await newPage(shared.browser);
    await login(agent, shared.server.base, accounts.agent);
    assert.equal(await agent.getByRole('link', { name: 'Tableaux de bord' }).count(), 0);
    await agent.context().close();
    const page = await newPage(shared.browser, 360);
    await login(page, shared.server.base, accounts.gestionnaire);
    await page.goto(`${shared.server.base}/tableaux-de-bord`);
    await page.waitForSelector('#tdb-reservation-caption');
    await checkPage(page, 'tableaux-de-bord-360');
    await page.context().close();
  });
});
