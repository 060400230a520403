// SPDX-License-Identifier: EUPL-1.2
// Ma présence (issue 10, item 6) in Debian's Chromium against a real escale serve: an agent
// declares a half-day of telework next week, sees it in Ma semaine, lets colleagues find her and finds herself by
// an accent-free prefix; axe-core finds nothing at 1280 and 360 px; screenshots.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { accounts, axeViolations, checkPage, login, newPage, screenshot, settle, serverAndBrowser } from './harness.mjs';

const shared = serverAndBrowser();

describe('Ma présence', () => {
  test('declare, show oneself, find a colleague', async () => {
    const page = await newPage(shared.browser);
    await login(page, shared.server.base, accounts.agent);
    await page.goto(`${shared.server.base}/presence`);
    await checkPage(page, 'presence');

    // Next week: every day is still to come.
    await page.getByRole('button', { name: 'Semaine suivante' }).click();
    await settle(page);
    const select = page.locator('#ma-semaine-presence ~ div select').first();
    const label = await page.locator(`label[for="${await select.getAttribute('id')}"]`).textContent();
    assert.match(label, /^Présence du lundi .+, matin$/);
    await select.selectOption('teletravail');
    await page.waitForSelector('[role=status] >> text=/télétravail/');
    await settle(page);
    assert.equal(await page.locator('#ma-semaine-presence ~ div select').first().inputValue(), 'teletravail');
    assert.match(await page.locator('#ma-semaine-presence ~ div td').first().textContent(), /Télétravail.*\(déclaré\)/);

    // Ma semaine says it in that half-day, beside the link to book it.
    const monday = label.match(/^Présence du (lundi .+), matin$/)[1];
    await page.goto(`${shared.server.base}/semaine`);
    await settle(page);
    const cell = page.locator('td', { has: page.getByRole('link', { name: `Réserver un poste, ${monday} matin` }) });
    assert.equal((await cell.innerText()).split('\n')[0], 'Prévu : télétravail');
    await page.goBack();
    await settle(page);

    // Hidden by default in the demo for this person: not found, then found once shown.
    await page.getByRole('searchbox', { name: /^Nom ou prénom/ }).fill('dubr');
    await page.getByRole('button', { name: 'Chercher' }).click();
    await page.waitForSelector('text=Aucun collègue trouvé.');
    await page.getByText('Mes collègues peuvent me trouver et voir où je suis').click();
    await page.waitForSelector('[role=status] >> text=Vos collègues peuvent vous trouver.');
    await page.getByRole('button', { name: 'Chercher' }).click();
    await page.waitForSelector('.escale-colleagues >> text=Claire Dubreuil');
    await checkPage(page, 'presence-collegue-trouve');
    await page.context().close();
  });

  test('the page at 360 px', async () => {
    const page = await newPage(shared.browser, 360);
    await login(page, shared.server.base, accounts.agent);
    await page.goto(`${shared.server.base}/presence`);
    await checkPage(page, 'presence');
    await page.context().close();
  });
});
