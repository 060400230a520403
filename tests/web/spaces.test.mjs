// SPDX-License-Identifier: EUPL-1.2
// Espaces (issue 11) in Debian's Chromium: an agent sees the collective spaces' day, books a
// range (errors shown next to their fields: empty form, a range taken), and the day shows it;
// axe-core and screenshots at 1280 and 360 px.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { accounts, axeViolations, login, newPage, screenshot, serverAndBrowser } from './harness.mjs';

const shared = serverAndBrowser();

const loaded = (page) => page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));

describe('espaces', () => {
  test('an agent books a range of a space; refusals are said next to their fields', async () => {
    const page = await newPage(shared.browser);
    await login(page, shared.server.base, accounts.agent);
    await page.getByRole('link', { name: 'Espaces' }).first().click();
    await page.waitForURL(/\/espaces$/);
    // A working day from the day after tomorrow on, open at the site.
    let day = new Date(Date.now() + 2 * 86400000);
    for (;;) {
      while ([0, 6].includes(day.getUTCDay())) day = new Date(day.getTime() + 86400000);
      await page.goto(`${shared.server.base}/espaces?date=${day.toISOString().slice(0, 10)}`);
      await loaded(page);
      if ((await page.locator('#espace-space').count()) > 0) break;
      day = new Date(day.getTime() + 86400000);
    }
    assert.deepEqual(await axeViolations(page), [], 'axe-core on Espaces');
    await screenshot(page, 'espaces');

    await page.getByRole('button', { name: 'Réserver', exact: true }).click();
    for (const k of ['space', 'start', 'end', 'subject'])
      assert.equal(await page.locator(`#espace-${k}`).getAttribute('aria-describedby'), `espace-${k}-erreur`, k);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'espace-space');
    assert.deepEqual(await axeViolations(page), [], 'axe-core with the form errors');

    const space = await page.locator('#espace-space option').nth(1).innerText();
    const name = space.replace(/ \(\d+ places\)$/, '');
    await page.selectOption('#espace-space', { index: 1 });
    await page.selectOption('#espace-start', { label: '10 h' });
    await page.selectOption('#espace-end', { label: '11 h' });
    await page.fill('#espace-subject', 'Point d’équipe');
    await page.getByRole('button', { name: 'Réserver', exact: true }).click();
    await page.waitForSelector(`[role=status] >> text=${name} réservé`);
    await page.locator('.escale-spaces li', { hasText: name }).getByText('Réservé : 10 h – 11 h (vous).').waitFor();

    // The same range again: taken, said next to the start.
    await page.fill('#espace-subject', 'Encore');
    await page.getByRole('button', { name: 'Réserver', exact: true }).click();
    await page.waitForSelector('#espace-start-erreur');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'espace-start');
    assert.deepEqual(page.problems, []);
    await page.setViewportSize({ width: 360, height: 900 });
    assert.deepEqual(await axeViolations(page), [], 'axe-core at 360 px');
    await screenshot(page, 'espaces');
    await page.context().close();
  });
});
