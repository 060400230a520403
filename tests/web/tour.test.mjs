// SPDX-License-Identifier: EUPL-1.2
// Every page of the web app as each role and as a visitor (issue 11): what the role's menu,
// the administration's own menu and the footer lead to, and the waitlist the plan links to.
// On each, axe-core finds nothing, nothing is wider than the window, no console error, and a
// screenshot is written (build-asan/screenshots/tour-<role>-<page>-1280.png under CTest); at 360 px too, as
// the first role that reaches the page. The roles: visitor, lecteur (made for the test: the
// demo has none), agent, référent, gestionnaire, administrateur.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { accounts, apiAs, checkPage, demoPassword, login, newPage, serverAndBrowser } from './harness.mjs';

const shared = serverAndBrowser();
const seenAtPhoneSize = new Set();

const slug = (href) => href.replace(/^\//, '').replace(/[/?=&]+/g, '-') || 'accueil';

// The addresses a page's menus lead to, inside the app.
async function reachable(page) {
  return page.evaluate(() => [...document.querySelectorAll('#navigation a, .escale-admin-nav a, footer a')]
    .map((a) => new URL(a.href)).filter((u) => u.origin === location.origin).map((u) => u.pathname + u.search));
}

async function tour(role, email, extra = [], password = demoPassword) {
  const page = await newPage(shared.browser);
  if (email) await login(page, shared.server.base, email, password);
  else await page.goto(`${shared.server.base}/connexion`);
  const todo = [...new Set([...(await reachable(page)), ...extra])];
  for (let i = 0; i < todo.length; i++) {
    const href = todo[i];
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(shared.server.base + href);
    await checkPage(page, `tour-${role}-${slug(href)}`);
    for (const more of await reachable(page)) if (!todo.includes(more)) todo.push(more);
    if (!seenAtPhoneSize.has(href)) {
      seenAtPhoneSize.add(href);
      await page.setViewportSize({ width: 360, height: 900 });
      await checkPage(page, `tour-${role}-${slug(href)}`);
    }
  }
  await page.context().close();
  return todo;
}

describe('every page, as each role', () => {
  test('a visitor', async () => {
    const seen = await tour('visiteur', null, ['/connexion']);
    assert.ok(seen.includes('/accessibilite') && seen.includes('/mentions-legales'), seen.join(' '));
  });

  test('a lecteur', async () => {
    const admin = await apiAs(shared.server.base, 'admin@pilote.escale.test');
    const password = 'lecteur-du-pilote-2026';
    const made = await admin('POST', '/api/v1/residents', {
      site_id: 1, service_id: 1, email: 'lecteur@pilote.escale.test', display_name: 'Lecteur Escale', role: 'lecteur', password,
    });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    const seen = await tour('lecteur', 'lecteur@pilote.escale.test', ['/mes-donnees'], password);
    // A resident lecteur is also an agent of their site, who books (docs/permissions.md).
    assert.ok(seen.includes('/tableaux-de-bord') && seen.includes('/semaine') && !seen.includes('/administration'), seen.join(' '));
  });

  test('an agent', async () => {
    const admin = await apiAs(shared.server.base, 'admin@pilote.escale.test');
    const residents = (await admin('GET', '/api/v1/residents?site_id=1')).body;
    const agent = residents.find((r) => r.role === 'agent' && r.email !== accounts.agent);
    const seen = await tour('agent', agent.email, ['/attente', '/mes-donnees']);
    assert.ok(seen.includes('/semaine') && !seen.includes('/mon-service'), seen.join(' '));
  });

  test('a référent', async () => {
    const seen = await tour('referent', accounts.agent, ['/attente', '/mes-donnees']);
    assert.ok(seen.includes('/mon-service') && !seen.includes('/administration'), seen.join(' '));
  });

  test('a gestionnaire', async () => {
    const seen = await tour('gestionnaire', accounts.gestionnaire, ['/mes-donnees']);
    assert.ok(seen.includes('/administration/journal') && seen.includes('/administration/referentiel?type=casiers'), seen.join(' '));
  });

  test('an administrator', async () => {
    const seen = await tour('admin', 'admin@pilote.escale.test', ['/mes-donnees']);
    assert.ok(seen.includes('/scenarios') && seen.includes('/administration/referentiel?type=sites'), seen.join(' '));
  });
});
