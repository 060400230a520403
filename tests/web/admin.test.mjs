// SPDX-License-Identifier: EUPL-1.2
// Administration (issue 11) in Debian's Chromium: a gestionnaire imports residents from a CSV
// file with one bad line (the error names the line, nothing is imported), fixes it and
// imports; places a new desk on the plan with the keyboard and by dragging it, and saves it.
// An agent gives back their locker and takes another from Ma semaine.
// An agent has no Administration entry. axe-core and screenshots at 1280 and 360 px.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { accounts, axeViolations, login, newPage, screenshot, serverAndBrowser } from './harness.mjs';

const shared = serverAndBrowser();

const loaded = (page) => page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
const residentCount = (page) => page.evaluate(async () => (await (await fetch('/api/v1/residents?site_id=1')).json()).length);

describe('administration', () => {
  test('a gestionnaire imports residents: a bad line is named and nothing imported, then the fixed file', async () => {
    const page = await newPage(shared.browser);
    await login(page, shared.server.base, accounts.gestionnaire);
    await page.getByRole('link', { name: 'Administration' }).first().click();
    await page.waitForURL(/\/administration$/);
    await loaded(page);
    assert.deepEqual(await axeViolations(page), [], 'axe-core on Administration');
    await screenshot(page, 'administration');

    const code = await page.evaluate(async () => (await (await fetch('/api/v1/services?site_id=1')).json())[0].code);
    const before = await residentCount(page);
    const bad = `email;nom;service\nnouvelle.arrivee@pilote.escale.test;Nouvelle Arrivée;${code}\nautre.arrivee@pilote.escale.test;Autre Arrivée;SERVICE-INCONNU\n`;
    const input = page.locator('#fichier-residents');
    await input.setInputFiles({ name: 'arrivees.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
    const errors = page.locator('#fichier-residents-erreurs');
    await errors.waitFor();
    assert.match(await errors.innerText(), /Ligne 3 : le service « SERVICE-INCONNU » n'existe pas/);
    assert.equal(await input.getAttribute('aria-describedby'), 'fichier-residents-erreurs', 'the error is tied to the field');
    assert.equal(await residentCount(page), before, 'nothing imported');
    assert.deepEqual(await axeViolations(page), [], 'axe-core with the import error');
    await screenshot(page, 'administration-import-erreur');

    await input.setInputFiles({ name: 'arrivees.csv', mimeType: 'text/csv', buffer: Buffer.from(bad.replace('SERVICE-INCONNU', code)) });
    await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
    await page.waitForSelector('caption >> text=Aperçu : 2 résidents à créer');
    assert.equal(await residentCount(page), before, 'a preview imports nothing');
    await page.getByRole('button', { name: 'Importer 2 résidents' }).click();
    await page.waitForSelector('[role=status] >> text=2 résidents importés depuis arrivees.csv');
    assert.equal(await residentCount(page), before + 2);
    // The refused preview's 400 is the one expected failure.
    assert.deepEqual(page.problems.filter((p) => !/status of 400/.test(p)), []);
    await page.context().close();
  });

  test('a gestionnaire places a new desk with the keyboard and by dragging, and saves it', async () => {
    const page = await newPage(shared.browser);
    await login(page, shared.server.base, accounts.gestionnaire);
    await page.goto(`${shared.server.base}/administration`);
    await loaded(page);
    await page.fill('#poste-libelle', 'P-NOUVEAU');
    const desk = page.locator('.escale-desk--new');
    const at = async () => (await desk.getAttribute('aria-label')).match(/x = (-?\d+), y = (-?\d+)/).slice(1).map(Number);
    await desk.focus();
    const [x0, y0] = await at();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    assert.deepEqual(await at(), [x0 + 15, y0 + 5], 'arrow keys move the desk');
    // Drag it by the mouse, up and to the left.
    const box = await desk.boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x - 60, box.y - 40, { steps: 5 });
    await page.mouse.up();
    const [x1, y1] = await at();
    assert.ok(x1 < x0 && y1 < y0, `dragged from ${x0},${y0} to ${x1},${y1}`);
    await page.getByRole('button', { name: 'Enregistrer le poste' }).click();
    await page.waitForSelector(`[role=status] >> text=Poste P-NOUVEAU enregistré à x = ${x1}, y = ${y1}`);
    const saved = await page.evaluate(async () =>
      (await (await fetch('/api/v1/desks?site_id=1')).json()).find((d) => d.label === 'P-NOUVEAU'));
    assert.deepEqual([saved.x, saved.y], [x1, y1]);
    // The same label again: refused, said next to the label field.
    await page.fill('#poste-libelle', 'P-NOUVEAU');
    await page.getByRole('button', { name: 'Enregistrer le poste' }).click();
    await page.waitForSelector('#poste-libelle-erreur');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'poste-libelle');
    assert.deepEqual(await axeViolations(page), [], 'axe-core with the label error');
    await page.setViewportSize({ width: 360, height: 900 });
    await screenshot(page, 'administration');
    assert.deepEqual(page.problems.filter((p) => !/status of 409/.test(p)), []);
    await page.context().close();
  });

  test('Ma semaine: an agent gives their locker back and takes the nearest free one', async () => {
    const page = await newPage(shared.browser);
    await login(page, shared.server.base, accounts.agent);
    await loaded(page);
    const held = await page.locator('.escale-card', { hasText: 'Mon casier' }).locator('strong').innerText();
    await page.getByRole('button', { name: 'Rendre mon casier' }).click();
    await page.waitForSelector(`[role=status] >> text=Casier ${held} rendu.`);
    const select = page.getByRole('combobox', { name: /Choisir un casier/ });
    await select.waitFor();
    assert.match(await select.locator('option').first().innerText(), /\((dans votre quartier|à votre niveau|ailleurs sur le site)\)$/);
    assert.deepEqual(await axeViolations(page), [], 'axe-core with the locker choice');
    await page.getByRole('button', { name: 'Prendre ce casier' }).click();
    await page.waitForSelector('[role=status] >> text=/^Casier .+ attribué/');
    // The card shows the new locker once the locker is read again, just after the message.
    await page.getByRole('button', { name: 'Rendre mon casier' }).waitFor({ timeout: 5000 });
    assert.equal(await page.getByRole('button', { name: 'Rendre mon casier' }).count(), 1);
    assert.ok(await page.getByText("Libérer le reste de ma journée").count() + await page.getByText("Pas de poste réservé aujourd'hui.").count() > 0,
      'the today card is there');
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  test('an agent has no administration', async () => {
    const page = await newPage(shared.browser);
    await login(page, shared.server.base, accounts.agent);
    assert.equal(await page.getByRole('link', { name: 'Administration' }).count(), 0);
    await page.goto(`${shared.server.base}/administration`);
    await page.waitForURL(/\/semaine$/);
    await page.context().close();
  });
});
