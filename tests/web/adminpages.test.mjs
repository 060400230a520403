// SPDX-License-Identifier: EUPL-1.2
// The administration pages (issue 11) in Debian's Chromium: a gestionnaire creates, changes
// and deletes a quartier through the generic referential page (errors beside their field:
// the page's own, then the server's), uploads a floor's SVG plan, moves desks on the plan by
// keyboard and by drag, deactivates one, releases and assigns a locker, creates and revokes
// an API token, and reads the audit log with its filters and CSV link; creates a resident
// (the server's refusal of an address beside its field) and opens a resident's page from the
// list. The « Administration » entry of the main navigation is current on every sub-page.
// axe-core finds nothing on each page, at 1280 and 360 px.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { accounts, axeViolations, login, newPage, screenshot, serverAndBrowser } from './harness.mjs';

const shared = serverAndBrowser();

const loaded = (page) => page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
const api = (page, path) => page.evaluate(async (p) => (await fetch(p)).json(), path);
const status = (page, text) => page.locator('[role=status]', { hasText: text }).waitFor();

async function open(page, path, name) {
  await page.goto(`${shared.server.base}${path}`);
  await page.waitForSelector('main h1');
  await loaded(page);
  assert.deepEqual(await axeViolations(page), [], `${name}: axe-core violations`);
  await screenshot(page, name);
}

describe('administration pages', () => {
  test('the referential: create, change, delete a quartier; errors beside their field', async () => {
    const page = await newPage(shared.browser);
    await login(page, shared.server.base, accounts.gestionnaire);
    await open(page, '/administration/referentiel?type=quartiers', 'admin-quartiers');
    assert.match(await page.locator('caption').first().textContent(), /^Quartiers — /);

    await page.getByRole('button', { name: 'Ajouter le quartier' }).click();
    assert.equal(await page.locator('#quartiers-name-erreur').textContent(), '« Nom du quartier » est obligatoire.');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'quartiers-name');
    assert.deepEqual(await axeViolations(page), [], 'axe-core with the errors');
    await page.keyboard.type('Quartier Essai');
    await page.locator('#quartiers-floor-id').selectOption({ index: 1 });
    await page.keyboard.press('Enter');
    await status(page, 'Quartier « Quartier Essai » créé.');
    await page.getByRole('button', { name: 'Modifier quartier « Quartier Essai »' }).click();
    await page.locator('#quartiers-name').fill('Quartier Essai 2');
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await status(page, 'Quartier « Quartier Essai 2 » modifié.');
    await page.getByRole('button', { name: 'Supprimer quartier « Quartier Essai 2 »' }).click();
    await page.getByRole('button', { name: 'Confirmer la suppression : quartier « Quartier Essai 2 »' }).click();
    await status(page, 'Quartier « Quartier Essai 2 » supprimé.');
    assert.ok(!(await api(page, '/api/v1/zones?site_id=1')).some((z) => z.name.startsWith('Quartier Essai')));

    // The server's refusal, beside the field it names.
    await open(page, '/administration/referentiel?type=services', 'admin-services');
    await page.locator('#services-code').fill('code minuscule');
    await page.locator('#services-name').fill('Service essai');
    await page.getByRole('button', { name: 'Ajouter le service' }).click();
    await page.locator('#services-code-erreur').waitFor();
    assert.match(await page.locator('#services-code-erreur').textContent(), /majuscules/);
    assert.equal(await page.locator('#services-code').getAttribute('aria-describedby'), 'services-code-erreur');
    assert.deepEqual(page.problems.filter((p) => !/status of 400/.test(p)), []);
    await page.context().close();
  });

  test('a floor plan uploaded, desks moved by keyboard and by drag, one deactivated', async () => {
    const page = await newPage(shared.browser);
    await login(page, shared.server.base, accounts.gestionnaire);
    await open(page, '/administration/referentiel?type=niveaux', 'admin-niveaux');
    const floor = (await api(page, '/api/v1/floors?site_id=1'))[0];
    await page.getByRole('button', { name: `Modifier niveau « ${floor.name} »` }).click();
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1200 800"><rect x="10" y="10" width="1180" height="780" fill="none" stroke="#333"/><text x="40" y="60">Plan essai</text></svg>';
    await page.locator('#niveaux-plan-svg').setInputFiles({ name: 'plan.svg', mimeType: 'image/svg+xml', buffer: Buffer.from(svg) });
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await status(page, `Niveau « ${floor.name} » modifié.`);
    assert.match(await page.evaluate(async (id) => (await fetch(`/api/v1/floors/${id}/plan`)).text(), floor.id), /Plan essai/);

    await open(page, '/administration/plan', 'admin-plan');
    const desks = await api(page, '/api/v1/desks?site_id=1');
    const [p1, p2] = [desks.find((d) => d.label === 'P-01'), desks.find((d) => d.label === 'P-02')];
    const one = page.locator('[data-desk="P-01"]');
    await one.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Shift+ArrowDown');
    assert.match(await one.getAttribute('aria-label'), new RegExp(`^Poste P-01, x = ${Math.round(p1.x + 5)}, y = ${Math.round(p1.y + 20)}, déplacé, non enregistré$`));
    const two = page.locator('[data-desk="P-02"]');
    const box = await two.boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 40, box.y + box.height / 2 + 30, { steps: 5 });
    await page.mouse.up();
    await page.getByRole('button', { name: 'Enregistrer les positions (2 postes)' }).click();
    await status(page, 'Positions enregistrées : ');
    const after = await api(page, '/api/v1/desks?site_id=1');
    const moved1 = after.find((d) => d.id === p1.id);
    const moved2 = after.find((d) => d.id === p2.id);
    assert.deepEqual([moved1.x, moved1.y], [Math.round(p1.x + 5), Math.round(p1.y + 20)]);
    assert.ok(moved2.x > p2.x + 10 && moved2.y > p2.y + 10, `P-02 dragged right and down (${moved2.x}, ${moved2.y})`);

    await two.focus();
    await page.getByRole('button', { name: 'Désactiver le poste P-02' }).click();
    await status(page, 'Poste P-02 désactivé');
    assert.equal((await api(page, `/api/v1/desks/${p2.id}`)).active, false);
    assert.deepEqual(await axeViolations(page), [], 'axe-core after the changes');
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  test('lockers, API tokens, the audit log', async () => {
    const page = await newPage(shared.browser);
    await login(page, shared.server.base, accounts.gestionnaire);
    await open(page, '/administration/casiers', 'admin-casiers');
    await page.getByRole('button', { name: 'Rendre le casier C-01 de Claire Dubreuil' }).click();
    await status(page, 'Casier C-01 rendu : Claire Dubreuil ne le tient plus.');
    await page.locator('#casier-libre').selectOption({ label: /^C-01/ }).catch(async () => {
      const value = await page.locator('#casier-libre option', { hasText: 'C-01' }).getAttribute('value');
      await page.locator('#casier-libre').selectOption(value);
    });
    await page.locator('#casier-personne').selectOption({ label: 'Claire Dubreuil' });
    await page.getByRole('button', { name: 'Attribuer le casier' }).click();
    await status(page, 'Casier C-01 attribué à Claire Dubreuil.');

    await open(page, '/administration/jetons', 'admin-jetons');
    await page.getByRole('button', { name: 'Créer le jeton' }).click();
    assert.equal(await page.locator('#jeton-nom-erreur').textContent(), 'Donnez un nom au jeton, pour le reconnaître.');
    await page.locator('#jeton-nom').fill('Tableau de bord');
    await page.getByRole('button', { name: 'Créer le jeton' }).click();
    await page.locator('#jeton-secret').waitFor();
    assert.match(await page.locator('#jeton-secret').inputValue(), /^esk_[0-9a-f]{64}$/);
    assert.deepEqual(await axeViolations(page), [], 'axe-core with the secret shown');
    await page.getByRole('button', { name: 'Révoquer le jeton « Tableau de bord »' }).click();
    await page.getByRole('button', { name: 'Confirmer la révocation du jeton « Tableau de bord »' }).click();
    await status(page, 'Jeton « Tableau de bord » révoqué.');

    await open(page, '/administration/journal', 'admin-journal');
    const rows = page.locator('tbody tr');
    assert.ok((await rows.count()) >= 2, 'the locker changes are in the log');
    await page.locator('#journal-texte').fill('locker');
    assert.ok((await rows.count()) >= 2);
    for (const text of await rows.allTextContents()) assert.match(text, /locker/);
    assert.match(await rows.first().textContent(), /Gestionnaire Escale \(n° 2\)/, 'the author by name');
    await page.locator('#journal-depuis').fill('2020-01-01');
    await page.locator('#journal-jusqua').fill('2019-01-01');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    assert.equal(await page.locator('#journal-jusqua-erreur').textContent(), 'La fin doit suivre le début.');
    await page.locator('#journal-jusqua').fill('2099-12-31');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await loaded(page);
    const href = await page.locator('#journal-csv').getAttribute('href');
    assert.match(href, /^\/api\/v1\/audit-events\.csv\?site_id=1&from=2019-12-31T2[23]%3A00%3A00Z&until=2099-12-31T2[23]%3A00%3A00Z$/);
    const csv = await page.evaluate(async (h) => {
      const r = await fetch(h);
      return { status: r.status, type: r.headers.get('content-type'), text: await r.text() };
    }, href);
    assert.equal(csv.status, 200);
    assert.match(csv.type, /text\/csv/);
    assert.match(csv.text, /locker/);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  test('an administrator sets the retention; a closure and a role granted', async () => {
    const page = await newPage(shared.browser);
    await login(page, shared.server.base, 'admin@pilote.escale.test');
    await open(page, '/administration/referentiel?type=sites', 'admin-sites');
    const site = (await api(page, '/api/v1/sites'))[0];
    await page.getByRole('button', { name: `Modifier site « ${site.name} »` }).click();
    await page.locator('#sites-retention-months').fill('');
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    assert.equal(await page.locator('#sites-retention-months-erreur').textContent(), '« Durée de conservation (mois) » est obligatoire.');
    await page.locator('#sites-retention-months').fill('24');
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await status(page, `Site « ${site.name} » modifié.`);
    assert.equal((await api(page, `/api/v1/sites/${site.id}`)).site.retention_months, 24);

    await open(page, '/administration/referentiel?type=fermetures', 'admin-fermetures');
    await page.locator('#fermetures-date').fill('2027-05-07');
    await page.locator('#fermetures-reason').fill('Pont de l\u2019Ascension');
    await page.getByRole('button', { name: 'Ajouter la fermeture' }).click();
    await status(page, 'Fermeture « 2027-05-07 » créée.');
    assert.ok((await api(page, '/api/v1/closures?site_id=1')).some((c) => c.date === '2027-05-07'));

    await open(page, '/administration/referentiel?type=roles', 'admin-roles');
    await page.locator('#roles-resident-id').selectOption({ label: 'Mathieu Garnier (mathieu.garnier@pilote.escale.test)' });
    await page.locator('#roles-role').selectOption('referent');
    await page.locator('#roles-service-id').selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Ajouter le rôle' }).click();
    await status(page, 'Rôle « Référent de service de Mathieu Garnier » créé.');
    const grants = await api(page, '/api/v1/role-grants?site_id=1');
    assert.ok(grants.some((g) => g.role === 'referent' && g.service_id !== null), JSON.stringify(grants));
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  test("residents: the server's refusal beside its field, a new one created, their page", async () => {
    const page = await newPage(shared.browser);
    await login(page, shared.server.base, accounts.gestionnaire);
    await open(page, '/administration/referentiel?type=residents', 'admin-residents');
    await page.locator('#residents-display-name').fill('Inès Essai');
    await page.locator('#residents-email').fill('pas-une-adresse');
    await page.getByRole('button', { name: 'Ajouter le résident' }).click();
    // Told by the server (details[].field), not found by the page: beside the address.
    await page.locator('#residents-email-erreur').waitFor();
    assert.match(await page.locator('#residents-email-erreur').textContent(), /adresse électronique valide/);
    assert.equal(await page.locator('#residents-email').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.locator('.fr-input-group--error #residents-email').count(), 1);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'residents-email');
    assert.deepEqual(await axeViolations(page), [], 'axe-core with the error');
    await screenshot(page, 'admin-residents-erreur');
    await page.locator('#residents-email').fill('ines.essai@pilote.escale.test');
    await page.getByRole('button', { name: 'Ajouter le résident' }).click();
    await status(page, 'Résident « Inès Essai » créé.');

    await page.getByRole('link', { name: 'Inès Essai' }).click();
    await page.waitForURL(/\/personne\?id=\d+$/);
    await page.waitForSelector('main h1 >> text=Inès Essai');
    await loaded(page);
    assert.equal(await page.locator('#personne-casier ~ p').first().textContent().then((t) => t.startsWith('Aucun casier attribué.')), true);
    assert.deepEqual(await axeViolations(page), []);
    await screenshot(page, 'personne-gestionnaire');
    assert.deepEqual(page.problems.filter((p) => !/status of 400/.test(p)), []);
    await page.context().close();
  });

  test('the « Administration » entry is current on its sub-pages', async () => {
    const page = await newPage(shared.browser);
    await login(page, shared.server.base, accounts.gestionnaire);
    const entry = page.locator('#navigation a.fr-nav__link', { hasText: 'Administration' });
    for (const [path, current] of [['/administration', 'page'], ['/administration/plan', 'true'],
      ['/administration/referentiel?type=services', 'true'], ['/administration/journal', 'true'], ['/semaine', null]]) {
      await page.goto(`${shared.server.base}${path}`);
      await page.waitForSelector('main h1');
      assert.equal(await entry.getAttribute('aria-current'), current, path);
    }
    assert.equal(await page.locator('#navigation a[aria-current]').textContent(), 'Ma semaine');
    await page.context().close();
  });

  test('at 360 px', async () => {
    const page = await newPage(shared.browser, 360);
    await login(page, shared.server.base, accounts.gestionnaire);
    for (const [path, name] of [['/administration/referentiel?type=postes', 'admin-postes'], ['/administration/plan', 'admin-plan'], ['/administration/journal', 'admin-journal']]) {
      await open(page, path, name);
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${name}: no sideways scroll`);
    }
    await page.context().close();
  });
});
