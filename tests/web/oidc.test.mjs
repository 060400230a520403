// SPDX-License-Identifier: EUPL-1.2
// The ProConnect button, end to end in Chromium: the login page shows it when the server has
// OpenID Connect configured (GET /api/v1/auth/methods), and it leads through the test
// provider of tests/oidc (the same one tests/api/test_oidc.py uses) back into the app,
// logged in. The CSP holds along the way (no violation in the console).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { axeViolations, launchBrowser, newPage, screenshot, startServer } from './harness.mjs';

const oidcDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'oidc');
const secret = 'escale-test-client-secret-0123456789';
let provider;
let server;
let browser;
let secretDir;

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

before(async () => {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  provider = spawn(process.execPath, ['provider.mjs', '--redirect-uri', `${base}/api/v1/auth/oidc/callback`,
    '--post-logout-uri', `${base}/`, '--client-secret', secret], { cwd: oidcDir, stdio: ['ignore', 'pipe', 'ignore'] });
  const issuer = await new Promise((resolve, reject) => {
    provider.stdout.once('data', (d) => resolve(JSON.parse(String(d).split('\n')[0]).issuer));
    provider.once('exit', (c) => reject(new Error(`the OpenID provider stopped (${c})`)));
  });
  secretDir = mkdtempSync(path.join(os.tmpdir(), 'escale-oidc-'));
  writeFileSync(path.join(secretDir, 'secret'), secret + '\n');
  server = await startServer(['--listen', `127.0.0.1:${port}`, '--oidc-issuer', issuer, '--oidc-client-id', 'escale',
    '--oidc-client-secret-file', path.join(secretDir, 'secret'), '--oidc-redirect-url', `${base}/api/v1/auth/oidc/callback`,
    '--oidc-post-logout-url', `${base}/`]);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  provider?.kill();
  if (secretDir) rmSync(secretDir, { recursive: true, force: true });
});

test('the ProConnect button logs in through the provider', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.base}/connexion?suite=%2Fplan`);
  const button = page.locator('a.fr-connect.fr-connect--pro');
  await button.waitFor();
  assert.match(await button.innerText(), /S’identifier avec\s+ProConnect/);
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'connexion-proconnect');
  await button.click();
  // The provider's own (test) login page.
  await page.waitForURL(/\/interaction\//);
  await page.fill('input[name=login]', 'gestionnaire@pilote.escale.test');
  await page.click('button');
  await page.waitForURL(`${server.base}/plan`);
  await page.waitForSelector('.escale-plan .escale-desk');
  assert.match(await page.locator('header').innerText(), /Gestionnaire|gestionnaire/i);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
