// SPDX-License-Identifier: EUPL-1.2
// Scénarios (issue 12) in Debian's Chromium against a real escale serve: the gestionnaire
// opens the page (the pilot's measured presence per service), runs a composition and follows
// its progress to the result (chart and its table), saves it twice, compares the two side by
// side and finds the CSV and XLSX links; axe-core finds nothing at 1280 and 360 px.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { accounts, axeViolations, login, newPage, screenshot, settle, serverAndBrowser } from './harness.mjs';

const shared = serverAndBrowser();

describe('Scénarios', () => {
  test('run, save, compare', async () => {
    const page = await newPage(shared.browser);
    await login(page, shared.server.base, accounts.gestionnaire);
    await page.goto(`${shared.server.base}/scenarios`);
    await settle(page);
    assert.ok(await page.getByRole('link', { name: 'Scénarios' }).count());
    await page.waitForSelector('text=Services : effectif futur et présence mesurée');
    assert.deepEqual(await axeViolations(page), [], 'scenarios: axe-core violations');

    for (const name of ['Cité 750', 'Cité 700']) {
      const desks = name === 'Cité 750' ? '750' : '700';  // from the default 300
      await page.getByLabel('Postes du bâtiment').fill(desks);
      await page.getByRole('button', { name: 'Calculer' }).click();
      // This run's result, not the previous one still on screen: its chart names its desks.
      await page.waitForSelector(`svg.escale-chart title:text("face aux ${desks} postes")`, { state: 'attached' });
      await page.waitForSelector('text=Demande par jour');
      await page.getByLabel('Nom du scénario').fill(name);
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await page.waitForSelector(`[role=status] >> text=Scénario « ${name} » enregistré.`);
    }
    const cells = await page.locator('caption:text("Demande par jour") ~ tbody tr').count();
    assert.equal(cells, 5);
    assert.deepEqual(await axeViolations(page), [], 'scenarios result: axe-core violations');
    await screenshot(page, 'scenarios');

    // A quartier of 200 desks for the first service; the others share the rest.
    await page.getByRole('button', { name: 'Ajouter un quartier' }).click();
    await page.getByLabel('Postes du quartier 1').fill('200');
    await page.locator('select[aria-label^="Quartier du service"]').first().selectOption('Quartier 1');
    await page.getByRole('button', { name: 'Calculer' }).click();
    // The earlier result's table (shared desks only) may still be on screen: wait for the new one.
    await page.waitForSelector('caption:text("Postes par quartier") ~ tbody th:text-is("Quartier 1")');
    const pools = await page.locator('caption:text("Postes par quartier") ~ tbody th').allTextContents();
    assert.deepEqual(pools, ['Quartier 1', 'Postes partagés']);
    const quartier = await page.locator('tr:has(th:text-is("Quartier 1")) td').allTextContents();
    assert.equal(quartier[1], '200');  // its desks, then desks needed, slack and risk
    assert.equal(Number(quartier[1]) - Number(quartier[2]), Number(quartier[3]), 'slack = desks - desks needed');
    assert.deepEqual(await axeViolations(page), [], 'scenarios with quartiers: axe-core violations');

    await page.locator('.fr-checkbox-group label', { hasText: 'Cité 750' }).click();
    await page.locator('.fr-checkbox-group label', { hasText: 'Cité 700' }).click();
    await page.getByRole('button', { name: 'Comparer' }).click();
    await page.waitForSelector('text=Scénarios côte à côte');
    const row = await page.locator('tr:has(th:text-is("Postes du bâtiment")) td').allTextContents();
    assert.deepEqual(row.slice(-2), ['750', '700']);
    const mean = await page.locator('tr:has(th:text-is("Présents en moyenne, lundi")) td').allTextContents();
    assert.match(mean.at(-1), /^\d[\d\s\u202f]*(,\d)?$/, 'a mean is shown with one decimal at most');
    assert.ok(await page.getByRole('link', { name: 'Télécharger en CSV' }).count());
    assert.ok(await page.getByRole('link', { name: 'Télécharger en XLSX' }).count());
    assert.deepEqual(await axeViolations(page), [], 'scenarios compared: axe-core violations');
    await screenshot(page, 'scenarios-compared');

    const narrow = await newPage(shared.browser, 360);
    await login(narrow, shared.server.base, accounts.gestionnaire);
    await narrow.goto(`${shared.server.base}/scenarios`);
    await settle(narrow);
    assert.deepEqual(await axeViolations(narrow), [], 'scenarios 360: axe-core violations');
    await screenshot(narrow, 'scenarios-360');
    assert.deepEqual(page.problems, [], 'console errors (CSP?)');
  });
});
