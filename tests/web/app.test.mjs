// SPDX-License-Identifier: EUPL-1.2
// The web app in Debian's Chromium against a real escale serve (tests/web/harness.mjs):
// an agent books a desk on the plan, finds it in Ma semaine, cancels it, books through the
// list with the keyboard only (focus visible, and moving forward in the page's order) and
// logs out; axe-core finds nothing on any page, for a visitor, an agent and a gestionnaire;
// screenshots of every page at 1280 and 360 px.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { accounts, apiAs, axeViolations, checkPage, demoPassword, login, newPage, screenshot, startServer, serverAndBrowser } from './harness.mjs';

const shared = serverAndBrowser();

// The first half-day of Ma semaine, from tomorrow on, whose plan has a free desk.
async function bookableHalfDay(page) {
  await page.goto(`${shared.server.base}/semaine`);
  await page.waitForSelector('a[href^="/plan?date="]');
  const hrefs = await page.$$eval('a[href^="/plan?date="]', (as) => as.map((a) => a.getAttribute('href')));
  const tomorrow = new Date(Date.now() + 86400000).toISOString().slice(0, 10);
  for (const href of hrefs) {
    if (new URL(href, shared.server.base).searchParams.get('date') < tomorrow) continue;
    await page.goto(shared.server.base + href);
    await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
    if ((await page.locator('.fr-alert--info').count()) === 0 && (await page.locator('.escale-plan .escale-desk--free').count()) > 0)
      return href;
  }
  throw new Error('no bookable half-day in Ma semaine');
}

// One press of Tab: the focus lands on an element after the one it left, in the page's order,
// and it is visible there.
async function tabForward(page) {
  await page.evaluate(() => (window.escaleLeft = document.activeElement));
  await page.keyboard.press('Tab');
  const { forward, outline, what } = await page.evaluate(() => {
    const left = window.escaleLeft;
    const now = document.activeElement;
    const s = getComputedStyle(now);
    return {
      // (a date field keeps the focus while Tab walks its day, month and year)
      forward: left === document.body || left === now || !!(left.compareDocumentPosition(now) & Node.DOCUMENT_POSITION_FOLLOWING),
      outline: s.outlineStyle,
      what: `${now.tagName} ${now.id || now.getAttribute('aria-label') || now.textContent.trim().slice(0, 40)}`,
    };
  });
  assert.ok(forward, `Tab went back to ${what}`);
  if (what !== 'BODY ') assert.notEqual(outline, 'none', `keyboard focus is visible on ${what}`);
}

describe('visitor', () => {
  for (const width of [1280, 360]) {
    test(`public pages at ${width} px`, async () => {
      const page = await newPage(shared.browser, width);
      for (const [path, name] of [['/connexion', 'connexion'], ['/accessibilite', 'accessibilite'],
        ['/mentions-legales', 'mentions-legales'], ['/donnees-personnelles', 'donnees-personnelles-visiteur'],
        ['/une-adresse-inconnue', 'page-non-trouvee']]) {
        await page.goto(shared.server.base + path);
        await checkPage(page, name);
      }
      // A page that needs a session sends the visitor to the login, and back after it.
      await page.goto(`${shared.server.base}/plan`);
      await page.waitForURL(/\/connexion\?suite=%2Fplan/);
      await page.context().close();
    });
  }

  test('login errors are shown next to the field and summed up', async () => {
    const page = await newPage(shared.browser);
    await page.goto(`${shared.server.base}/connexion`);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForSelector('#email-error');
    assert.match(await page.textContent('#email-error'), /Saisissez votre adresse électronique/);
    assert.match(await page.textContent('[role=alert]'), /corrigez les champs/);
    await page.getByRole('textbox', { name: /^Adresse électronique/ }).fill(accounts.agent);
    await page.locator('#password').fill('pas le bon');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForSelector('#password-error');
    // The server's own French message.
    assert.match(await page.textContent('#password-error'), /incorrect|invalide|refus/i);
    assert.deepEqual(await axeViolations(page), []);
    assert.equal(await page.locator('.fr-connect').count(), 0, 'no ProConnect button without OpenID Connect');
    await page.context().close();
  });
});

describe('QR check-in page', () => {
  test('a desk code sends the visitor to the login and back, then signals the arrival', async () => {
    const page = await newPage(shared.browser, 360);
    // The first desk of the pilot's plan, as the API lists it.
    const { token } = await (await fetch(`${shared.server.base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: accounts.agent, password: demoPassword }),
    })).json();
    const desks = await (await fetch(`${shared.server.base}/api/v1/desks?site_id=1`, {
      headers: { Authorization: `Bearer ${token}` },
    })).json();
    const desk = desks[0];
    await page.goto(`${shared.server.base}/p/${desk.id}`);
    await page.waitForURL(new RegExp(`/connexion\\?suite=%2Fp%2F${desk.id}$`));
    await page.getByRole('textbox', { name: /^Adresse électronique/ }).fill(accounts.agent);
    await page.getByRole('textbox', { name: 'Mot de passe' }).fill(demoPassword);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(`${shared.server.base}/p/${desk.id}`);
    await page.waitForSelector(`main h1 >> text=Poste ${desk.label}`);
    await checkPage(page, 'arrivee-poste');
    // What the button does depends on the hour (the browser cannot share the server's test
    // clock): the page shows the server's own answer, a confirmation or its French refusal.
    await page.getByRole('button', { name: 'Je suis là' }).click();
    await page.waitForSelector('[role=status] .fr-alert, [role=alert]');
    const shown = (await page.locator('[role=status] .fr-alert, [role=alert]').first().innerText()).trim();
    assert.match(shown, /arrivée|réservé|créneau|signalement|libéré|poste/i, shown);
    assert.deepEqual(await axeViolations(page), [], 'after the answer: axe-core violations');
    await page.goto(`${shared.server.base}/p/abc`);
    await page.waitForSelector('[role=alert] >> text=Ce code ne désigne aucun poste.');
    await page.close();
  });
});

describe('agent', () => {
  test('Ma semaine frees the rest of my day', async () => {
    // Tuesday 3 March 2026, 11:00 in Paris by the server's clock; a desk of mine all day.
    const morning = await startServer(['--test-clock', '2026-03-03T10:00:00Z']);
    try {
      const api = await apiAs(morning.base, accounts.agent);
      const plan = (await api('GET', '/api/v1/floors/1/availability?date=2026-03-03')).body;
      const desk = plan.desks.find((d) => d.active && d.am === 'free' && d.pm === 'free');
      assert.equal((await api('POST', '/api/v1/desk-bookings', { desk_id: desk.id, date: '2026-03-03', period: 'day' })).status, 201);
      const page = await newPage(shared.browser);
      await login(page, morning.base, accounts.agent);
      await page.goto(`${morning.base}/semaine`);
      const today = page.locator('section', { has: page.getByRole('heading', { name: "Aujourd'hui" }) });
      await today.getByText(`Poste ${desk.label} (matin), Poste ${desk.label} (après-midi).`).waitFor();
      await today.getByRole('button', { name: 'Libérer le reste de ma journée' }).click();
      await today.getByText(/^Reste de la journée libéré : .*après-midi\. Le poste est de nouveau libre\.$/).waitFor();
      // This afternoon is free again: Ma semaine offers to book it.
      await page.getByRole('link', { name: 'Réserver un poste, mardi 3 mars après-midi' }).waitFor();
      const mine = (await api('GET', '/api/v1/me/desk-bookings?from=2026-03-03&to=2026-03-03')).body;
      assert.ok(!mine.some((b) => b.half === 'pm'), JSON.stringify(mine));
      assert.deepEqual(page.problems, []);
      await page.context().close();
    } finally {
      await morning.stop();
    }
  });

  test('Ma semaine offers no booking of a half-day already over', async () => {
    // Tuesday 3 March 2026, 14:30 in Paris by the server's clock: the morning is over, the
    // afternoon goes on (the server would refuse the one and accepts the other).
    const afternoon = await startServer(['--test-clock', '2026-03-03T13:30:00Z']);
    try {
      const page = await newPage(shared.browser);
      await login(page, afternoon.base, accounts.agent);
      await page.goto(`${afternoon.base}/semaine`);
      await page.waitForSelector('a[href^="/plan?date="]');
      const offered = await page.$$eval('a[href^="/plan?date="]', (as) => as.map((a) => a.getAttribute('href')));
      const when = (href) => new URL(href, afternoon.base).searchParams;
      assert.ok(!offered.some((h) => when(h).get('date') < '2026-03-03'), `no booking offered before today: ${offered}`);
      assert.ok(!offered.some((h) => when(h).get('date') === '2026-03-03' && when(h).get('demi') === 'am'),
        `none this morning: ${offered}`);
      assert.ok(offered.some((h) => when(h).get('date') === '2026-03-03' && when(h).get('demi') === 'pm'),
        `this afternoon is offered: ${offered}`);
      await page.context().close();
    } finally {
      await afternoon.stop();
    }
  });

  test('books on the plan, finds it in Ma semaine, cancels it', async () => {
    const page = await newPage(shared.browser);
    await login(page, shared.server.base, accounts.agent);
    assert.equal(new URL(page.url()).pathname, '/semaine');
    await checkPage(page, 'semaine');

    const href = await bookableHalfDay(page);
    // The plan view (the default).
    await page.click('label[for=vue-plan]');
    await checkPage(page, 'plan');
    const desk = page.locator('.escale-plan .escale-desk--free').first();
    const name = await desk.getAttribute('aria-label');
    assert.match(name, /^Poste [^,]+, quartier .+, libre /);
    const label = name.match(/^Poste ([^,]+)/)[1];
    await desk.click();
    await page.waitForSelector(`[role=status] >> text=Poste ${label} réservé`);
    await page.waitForSelector(`.escale-desk--yours[data-desk="${label}"]`);

    await page.getByRole('link', { name: 'Ma semaine' }).first().click();
    await page.waitForSelector(`text=Poste ${label}`);
    const date = new URL(href, shared.server.base).searchParams.get('date');
    const cancel = page.getByRole('button', { name: new RegExp(`^Annuler la réservation du poste ${label}, `) });
    assert.equal(await cancel.count(), 1, `one booking of ${label} on ${date}`);
    await checkPage(page, 'semaine-avec-reservation');
    await cancel.click();
    await page.waitForSelector(`[role=status] >> text=Réservation du poste ${label} annulée`);
    assert.equal(await page.getByRole('button', { name: new RegExp(`poste ${label}, `) }).count(), 0);
    await page.context().close();
  });

  test('books through the list with the keyboard only, then logs out', async () => {
    const page = await newPage(shared.browser);
    await login(page, shared.server.base, accounts.agent);
    const href = await bookableHalfDay(page);
    await page.goto(shared.server.base + href);
    await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
    // From the top of the page, Tab to the Plan/Liste switch and choose Liste with an arrow; the
    // focus moves forward in the page's order, and is visible, at each step (tabForward).
    await page.locator('body').focus();
    let guard = 0;
    while ((await page.evaluate(() => document.activeElement?.id)) !== 'vue-plan' && guard++ < 60) await tabForward(page);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'vue-plan', 'the switch is reachable by Tab');
    await page.keyboard.press('ArrowRight');
    await page.waitForSelector('table caption');
    assert.equal(await page.evaluate(() => localStorage.getItem('escale.plan.vue')), 'liste');
    await checkPage(page, 'plan-liste');
    // Tab on to the first « Réserver » button.
    guard = 0;
    while (!((await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))) ?? '').startsWith('Réserver le poste') &&
      guard++ < 80) {
      await tabForward(page);
    }
    const button = await page.evaluate(() => document.activeElement.getAttribute('aria-label'));
    assert.match(button, /^Réserver le poste /);
    const label = button.replace('Réserver le poste ', '');
    await page.keyboard.press('Enter');
    await page.waitForSelector(`[role=status] >> text=Poste ${label} réservé`);
    // The list is remembered: a reload shows it again.
    await page.reload();
    await page.waitForSelector('table caption');

    // The plan with the keyboard: arrows move between desks.
    await page.click('label[for=vue-plan]');
    const first = page.locator('.escale-plan .escale-desk[tabindex="0"]');
    await first.focus();
    const before = await page.evaluate(() => document.activeElement.getAttribute('aria-label'));
    await page.keyboard.press('ArrowRight');
    const afterMove = await page.evaluate(() => document.activeElement.getAttribute('aria-label'));
    assert.notEqual(afterMove, before, 'ArrowRight moves to a neighbouring desk');
    assert.match(afterMove, /^Poste /);

    await page.getByRole('button', { name: 'Se déconnecter' }).first().click();
    await page.waitForURL(/\/connexion\?deconnecte=1/);
    const status = await page.evaluate(async () => (await fetch('/api/v1/auth/session')).status);
    assert.equal(status, 401, 'the session is over');
    await page.context().close();
  });

  test('pages at 360 px', async () => {
    const page = await newPage(shared.browser, 360);
    await login(page, shared.server.base, accounts.agent);
    await checkPage(page, 'semaine');
    await page.goto(`${shared.server.base}/plan`);
    await checkPage(page, 'plan');
    await page.goto(`${shared.server.base}/donnees-personnelles`);
    await checkPage(page, 'donnees-personnelles');
    // The menu opens and shows the navigation.
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.waitForSelector('#menu-principal.fr-modal--opened');
    // The DSFR fades the menu in: wait until it is fully opaque (axe-core checks contrast).
    await page.waitForFunction(() => getComputedStyle(document.getElementById('menu-principal')).opacity === '1');
    await page.getByRole('link', { name: 'Ma semaine' }).waitFor({ state: 'visible' });
    assert.deepEqual(await axeViolations(page), [], 'menu: axe-core violations');
    await screenshot(page, 'menu');
    assert.equal(await page.evaluate(() => document.activeElement.title), 'Fermer', 'the focus goes into the menu');
    await page.keyboard.press('Escape');
    await page.waitForSelector('#menu-principal:not(.fr-modal--opened)', { state: 'attached' });
    // The focus comes back once the menu has closed (a tick later than its class changes).
    await page.waitForFunction(() => document.activeElement?.id === 'bouton-menu', null, { timeout: 2000 }).catch(() => undefined);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'bouton-menu', 'and back to the Menu button');
    await page.context().close();
  });
});

describe('gestionnaire', () => {
  test('pages they see pass axe-core', async () => {
    const page = await newPage(shared.browser);
    await login(page, shared.server.base, accounts.gestionnaire);
    for (const [path, name] of [['/semaine', 'gestionnaire-semaine'], ['/plan', 'gestionnaire-plan'],
      ['/donnees-personnelles', 'gestionnaire-donnees-personnelles']]) {
      await page.goto(shared.server.base + path);
      await checkPage(page, name);
    }
    await page.context().close();
  });
});
