// SPDX-License-Identifier: EUPL-1.2
// Mon service (issue 11) in Debian's Chromium: a référent sees who of her service is on site
// each day of next week, books a desk for a member from the keyboard (the empty form first:
// each error beside its field), finds it in the week's bookings and cancels it for him.
// axe-core finds nothing at 1280 and 360 px, and the page does not scroll sideways on a phone.
// A member's own page, reached from Mon service: their two weeks, a booking made for them
// there and cancelled there.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { accounts, axeViolations, demoPassword, login, newPage, screenshot, startServer, serverAndBrowser } from './harness.mjs';

const shared = serverAndBrowser();

const loaded = (page) => page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));

async function check(page, name) {
  await loaded(page);
  assert.deepEqual(await axeViolations(page), [], `${name}: axe-core violations`);
  await screenshot(page, name);
}

describe('Mon service', () => {
  test('a référent books for a member and cancels it, by keyboard', async () => {
    const page = await newPage(shared.browser);
    await login(page, shared.server.base, accounts.agent);  // Claire Dubreuil, référente of SGAR-MCM
    await page.getByRole('link', { name: 'Mon service' }).first().click();
    await page.waitForURL(/\/mon-service$/);
    await check(page, 'mon-service');
    assert.match(await page.locator('caption').first().textContent(), /^Membres sur site, semaine du lundi/);

    const caption = await page.locator('caption').first().textContent();
    await page.getByRole('button', { name: 'Semaine suivante' }).click();
    await page.waitForFunction((c) => document.querySelector('caption')?.textContent !== c, caption);
    await loaded(page);
    const dayRows = page.locator('.escale-service-week tbody tr');
    assert.equal(await dayRows.count(), 5, 'the five working days of next week');

    // The empty form: each error beside its field, the focus on the first.
    await page.locator('#reserver-poste').waitFor();
    await page.waitForFunction(() => !/Recherche/.test(document.querySelector('label[for="reserver-poste"]').textContent));
    await page.getByRole('button', { name: 'Réserver pour cette personne' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('#reserver-membre-erreur');
    assert.equal(await page.locator('#reserver-membre-erreur').textContent(), 'Choisissez la personne pour qui réserver.');
    assert.equal(await page.locator('#reserver-poste-erreur').textContent(), 'Choisissez un poste libre.');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'reserver-membre');
    assert.deepEqual(await axeViolations(page), [], 'axe-core with the form errors');

    // From the keyboard: the member, the morning, the first free desk, Enter.
    await page.keyboard.press('ArrowDown');  // the first member in the list
    const member = await page.locator('#reserver-membre option:checked').textContent();
    assert.notEqual(member, 'Choisir une personne');
    await page.locator('#reserver-periode').selectOption('am');
    await page.locator('#reserver-poste').focus();
    await page.keyboard.press('ArrowDown');
    const desk = (await page.locator('#reserver-poste option:checked').textContent()).split(' — ')[0];
    await page.getByRole('button', { name: 'Réserver pour cette personne' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector(`[role=status] >> text=Poste ${desk} réservé pour ${member}`);
    await loaded(page);

    const cancel = page.getByRole('button', { name: new RegExp(`^Annuler la réservation de ${member}, lundi .+ matin, poste ${desk}$`) });
    await cancel.waitFor();
    const monday = dayRows.first();
    assert.match(await monday.locator('td').first().textContent(), new RegExp(`${member} — ${desk}`), 'on site on Monday morning');
    await check(page, 'mon-service-reserve');
    await cancel.focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector(`[role=status] >> text=Réservation du poste ${desk} annulée pour ${member}`);
    await cancel.waitFor({ state: 'detached' });  // the booking is gone
    await page.waitForFunction(() => document.activeElement.id === 'service-sur-site', null, { timeout: 2000 });  // focus back on the week
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  test("a member's page: their weeks, a booking for them made and cancelled there", async () => {
    const page = await newPage(shared.browser);
    await login(page, shared.server.base, accounts.agent);  // référente of SGAR-MCM
    await page.goto(`${shared.server.base}/mon-service`);
    await loaded(page);
    const link = page.locator('#service-membres ~ ul a').first();
    const member = await link.textContent();
    await link.click();
    await page.waitForURL(/\/personne\?id=\d+$/);
    const address = page.url();
    await page.waitForSelector(`main h1 >> text=${member}`);
    await check(page, 'personne');
    assert.match(await page.locator('caption').first().textContent(), new RegExp(`^Présence et réservations de ${member}, 2 semaines`));
    assert.equal(await page.locator('#personne-casier').count(), 0, 'a référent sees no lockers');
    assert.equal(await page.locator('#reserver-pour').textContent(), `Réserver pour ${member}`, 'the form is for them');
    assert.equal(await page.locator('#reserver-membre').count(), 0, 'no list of one person to choose from');
    assert.equal(await page.locator('.fr-nav__link[aria-current]').textContent(), 'Mon service', 'their page is part of Mon service');

    await page.waitForFunction(() => !/Recherche/.test(document.querySelector('label[for="reserver-poste"]').textContent));
    const dates = await page.locator('#reserver-date').inputValue();
    let desk = null;
    for (let d = 1; d <= 10 && !desk; d++) {
      const date = new Date(Date.parse(dates) + d * 86400000);
      if (date.getUTCDay() === 0 || date.getUTCDay() === 6) continue;
      await page.locator('#reserver-date').fill(date.toISOString().slice(0, 10));
      await page.locator('#reserver-periode').selectOption('pm');
      await page.waitForFunction(() => !/Recherche/.test(document.querySelector('label[for="reserver-poste"]').textContent));
      if ((await page.locator('#reserver-poste option').count()) > 1) {
        await page.locator('#reserver-poste').selectOption({ index: 1 });
        desk = (await page.locator('#reserver-poste option:checked').textContent()).split(' — ')[0];
      }
    }
    assert.ok(desk, 'a free desk in the next two weeks');
    const freeBefore = await page.locator('#reserver-poste option').count();
    await page.getByRole('button', { name: 'Réserver pour cette personne' }).click();
    await page.waitForSelector(`[role=status] >> text=Poste ${desk} réservé pour ${member}`);
    // The form reads the free desks again: the one just booked is no longer offered.
    await page.waitForFunction((n) => document.querySelectorAll('#reserver-poste option').length === n - 1, freeBefore);
    const offered = await page.locator('#reserver-poste option').allTextContents();
    assert.ok(!offered.some((o) => o.split(' — ')[0] === desk), `${desk} offered again: ${offered.join(' | ')}`);
    const cancel = page.getByRole('button', { name: new RegExp(`^Annuler la réservation de ${member}, .+ après-midi, poste ${desk}$`) });
    await cancel.waitFor();
    await check(page, 'personne-reserve');
    await cancel.click();
    await page.waitForSelector(`[role=status] >> text=Réservation du poste ${desk} annulée pour ${member}`);
    await cancel.waitFor({ state: 'detached' });
    assert.deepEqual(page.problems, []);
    await page.context().close();

    const phone = await newPage(shared.browser, 360);
    await login(phone, shared.server.base, accounts.agent);
    await phone.goto(address);
    await phone.waitForSelector(`main h1 >> text=${member}`);
    await check(phone, 'personne');
    await phone.context().close();
  });

  test('at 360 px, and not for an agent', async () => {
    const page = await newPage(shared.browser, 360);
    await login(page, shared.server.base, accounts.agent);
    await page.goto(`${shared.server.base}/mon-service`);
    await page.waitForSelector('main h1');
    await check(page, 'mon-service');
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scroll');
    await page.context().close();

    const agent = await newPage(shared.browser);
    await login(agent, shared.server.base, 'mathieu.garnier@pilote.escale.test');
    assert.equal(await agent.getByRole('link', { name: 'Mon service' }).count(), 0);
    await agent.goto(`${shared.server.base}/mon-service`);
    await agent.waitForURL(/\/semaine$/);
    await agent.context().close();
  });

  // The screenshots' findings (docs/notes.md): the week tables (components/WeekTable) fit the
  // page — Ma présence at 1280 px, Ma semaine and its « Aujourd'hui » badge at 360 px.
  test('the week tables fit: Ma présence at 1280 px, Ma semaine at 360 px', async () => {
    const fits = (page) => page.evaluate(() => [...document.querySelectorAll('.escale-week .fr-table__container')]
      .map((c) => c.scrollWidth - c.clientWidth));
    const wide = await newPage(shared.browser);
    await login(wide, shared.server.base, accounts.agent);
    await wide.goto(`${shared.server.base}/presence`);
    await wide.waitForSelector('.escale-week');
    await loaded(wide);
    await wide.waitForFunction(() => document.querySelectorAll('.escale-week').length === 2);
    assert.deepEqual(await fits(wide), [0, 0], 'no sideways scroll in the two week tables');
    await wide.context().close();

    const phone = await newPage(shared.browser, 360);
    await login(phone, shared.server.base, accounts.agent);
    await phone.goto(`${shared.server.base}/semaine`);
    const badge = phone.locator('.escale-today-badge');
    await badge.waitFor();
    const [b, th] = await Promise.all([badge.boundingBox(), phone.locator('.escale-today th[scope=row]').boundingBox()]);
    assert.ok(b.x >= th.x && b.x + b.width <= th.x + th.width, `the badge (${b.x}+${b.width}) within its cell (${th.x}+${th.width})`);
    assert.deepEqual((await fits(phone)).filter((d) => d > 0), [], 'no week table scrolls sideways');
    assert.deepEqual(await axeViolations(phone), []);
    await phone.context().close();
  });

  // The server's clock, not the browser's, says what is over: a morning over offers no
  // « Annuler », and the forms and the plan open on the afternoon.
  test('after noon, this morning is over on every page of the référent', async () => {
    const tuesday = await startServer(['--test-clock', '2026-03-03T08:00:00Z']); // Tuesday 3 March, 09:00 in Paris
    try {
      const api = async (method, path, body, token) => {
        const r = await fetch(`${tuesday.base}${path}`, {
          method,
          headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await r.text();
        return { status: r.status, body: text ? JSON.parse(text) : null };
      };
      const token = (await api('POST', '/api/v1/auth/login', { email: accounts.agent, password: demoPassword })).body.token;
      const me = (await api('GET', '/api/v1/me', undefined, token)).body;
      const member = (await api('GET', '/api/v1/residents?site_id=1', undefined, token)).body
        .find((r) => r.service_id === me.service_id && r.id !== me.id && r.active);
      const floor = (await api('GET', '/api/v1/sites/1', undefined, token)).body.floors[0].id;
      const free = (await api('GET', `/api/v1/floors/${floor}/availability?date=2026-03-05`, undefined, token)).body
        .desks.filter((d) => d.active && d.am === 'free').map((d) => d.id);
      // This morning and Thursday morning, booked for the member at 09:00.
      for (const [date, desk] of [['2026-03-03', free[0]], ['2026-03-05', free[1]]]) {
        const made = await api('POST', '/api/v1/desk-bookings', { desk_id: desk, date, period: 'am', resident_id: member.id }, token);
        assert.equal(made.status, 201, JSON.stringify(made.body));
      }
      assert.equal((await api('PUT', '/api/v1/test/clock', { now: '2026-03-03T13:30:00Z' })).status, 200); // 14:30

      const page = await newPage(shared.browser);
      await login(page, tuesday.base, accounts.agent);
      const cancels = async () => {
        await loaded(page);
        return page.locator('button[aria-label^="Annuler la réservation"]').evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-label')));
      };
      await page.goto(`${tuesday.base}/personne?id=${member.id}`);
      await page.waitForSelector('#reserver-date');
      const own = await cancels();
      assert.equal(own.length, 1, own.join(' | '));
      assert.match(own[0], /jeudi 5 mars matin/);
      assert.equal(await page.inputValue('#reserver-date'), '2026-03-03');
      assert.equal(await page.inputValue('#reserver-periode'), 'pm');

      await page.goto(`${tuesday.base}/mon-service`);
      await page.waitForSelector('#reserver-date');
      const listed = await cancels();
      assert.equal(listed.length, 1, listed.join(' | '));
      assert.match(listed[0], /jeudi 5 mars matin/);
      assert.equal(await page.locator('tr', { hasText: 'Mardi 3 mars, matin' }).locator('td').last().textContent(), 'Passée');
      // The morning asked for anyway: no desk is offered, and the form says why.
      await page.selectOption('#reserver-periode', 'am');
      await page.waitForFunction(() => /passé/.test(document.querySelector('label[for="reserver-poste"]').textContent));
      assert.equal(await page.locator('#reserver-poste option').count(), 1, 'only « Choisir un poste libre »');

      // The plan from the menu opens on this afternoon, with nothing refused.
      await page.getByRole('link', { name: 'Plan', exact: true }).first().click();
      await page.waitForURL((u) => u.searchParams.get('date') === '2026-03-03' && u.searchParams.get('demi') === 'pm');
      await page.waitForSelector('.escale-desk--free');
      assert.equal(await page.locator('text=Réservation impossible').count(), 0);
      // At 20:00, on tomorrow morning.
      assert.equal((await api('PUT', '/api/v1/test/clock', { now: '2026-03-03T19:00:00Z' })).status, 200);
      await login(page, tuesday.base, accounts.agent); // the session has been idle for too long
      await page.goto(`${tuesday.base}/plan`);
      await page.waitForURL((u) => u.searchParams.get('date') === '2026-03-04' && u.searchParams.get('demi') === 'am');
      await page.waitForSelector('.escale-desk--free');
      await page.context().close();
    } finally {
      await tuesday.stop();
    }
  });
});
