// SPDX-License-Identifier: EUPL-1.2
// Enquêtes and Remontées (issue 13, items 5 and 6) in Debian's Chromium against a real
// escale serve: the gestionnaire launches the « avant / après flex office » questionnaire, an
// agent answers it on a phone (360 px), the gestionnaire opens its results (hidden under 5
// answers); the agent posts an anonymous remontée, the gestionnaire supports and answers it.
// axe-core finds nothing at 1280 and 360 px; screenshots.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { accounts, axeViolations, checkPage, login, newPage, screenshot, settle, serverAndBrowser } from './harness.mjs';

const shared = serverAndBrowser();

describe('Enquêtes et remontées', () => {
  test('launch a survey, answer it on a phone, read its results', async () => {
    const team = await newPage(shared.browser);
    await login(team, shared.server.base, accounts.gestionnaire);
    await team.goto(`${shared.server.base}/enquetes`);
    await checkPage(team, 'enquetes-gestionnaire');
    for (const box of await team.locator('input[id^="service-"]').all()) await box.check({ force: true });
    await team.getByRole('button', { name: "Créer l'enquête" }).click();
    await team.waitForSelector('[role=status] >> text=/Enquête « Avant \\/ après flex office » créée/');

    const agent = await newPage(shared.browser, 360);
    await login(agent, shared.server.base, accounts.agent);
    await agent.goto(`${shared.server.base}/enquetes`);
    await settle(agent);
    await agent.getByRole('button', { name: 'Répondre à « Avant / après flex office »' }).click();
    await agent.waitForSelector('form >> text=Vos réponses sont anonymes');
    await checkPage(agent, 'enquetes-repondre-360');
    for (const label of await agent.locator('label[for$="-3"]').all()) await label.click();
    await agent.getByLabel(/Une remarque, une crainte, une idée/).fill('Plus de bulles, svp.');
    await agent.getByRole('button', { name: 'Envoyer mes réponses' }).click();
    await agent.waitForSelector('[role=status] >> text=/Merci : votre réponse/');
    await agent.waitForSelector('text=Vous avez répondu');
    await checkPage(agent, 'enquetes-repondu-360');

    await team.getByRole('button', { name: 'Résultats de « Avant / après flex office »' }).click();
    await team.waitForSelector('#resultats');
    assert.match(await team.locator('#resultats ~ p').first().textContent(), /Moins de 5 personnes ont répondu/);
    await checkPage(team, 'enquetes-resultats');
    await agent.context().close();
    await team.context().close();
  });

  test('an anonymous remontée, supported and answered', async () => {
    const agent = await newPage(shared.browser, 360);
    await login(agent, shared.server.base, accounts.agent);
    await agent.goto(`${shared.server.base}/remontees`);
    await checkPage(agent, 'remontees-360');
    await agent.getByLabel('En une phrase').fill('Les appels en visio résonnent dans le plateau');
    await agent.getByLabel('Thème').first().selectOption('bruit');
    await agent.getByText('Publier anonymement').click();
    await agent.getByRole('button', { name: 'Publier' }).click();
    await agent.waitForSelector('[role=status] >> text=Remontée publiée anonymement.');
    await agent.waitForSelector('li >> text=Anonyme');
    // Its author cannot remove it: no « Retirer » on it.
    const item = agent.locator('li.escale-remontee', { hasText: 'Les appels en visio' });
    assert.equal(await item.getByRole('button', { name: /^Retirer/ }).count(), 0);

    const team = await newPage(shared.browser);
    await login(team, shared.server.base, accounts.gestionnaire);
    await team.goto(`${shared.server.base}/remontees`);
    await settle(team);
    const theirs = team.locator('li.escale-remontee', { hasText: 'Les appels en visio' });
    await theirs.getByRole('button', { name: /^Je soutiens/ }).click();
    await team.waitForSelector('[role=status] >> text=/Vous soutenez/');
    assert.equal(await theirs.getByRole('button', { name: /^Je soutiens/ }).getAttribute('aria-pressed'), 'true');
    await theirs.getByLabel('État').selectOption('en_cours');
    await theirs.getByRole('textbox', { name: "Réponse de l'équipe projet" }).fill('Des panneaux acoustiques arrivent en avril.');
    await theirs.getByRole('button', { name: 'Enregistrer la réponse' }).click();
    await team.waitForSelector('[role=status] >> text=Réponse enregistrée.');
    await checkPage(team, 'remontees-gestionnaire');
    await agent.reload();
    await agent.waitForSelector('text=Des panneaux acoustiques arrivent en avril.');
    await agent.context().close();
    await team.context().close();
  });
});
