// SPDX-License-Identifier: EUPL-1.2
// The French dates of src/format.ts, written from its own names of days and months (no locale
// data to load), against what Intl writes in French for every day of eleven years.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const dir = mkdtempSync(path.join(tmpdir(), 'escale-format-'));
const out = path.join(dir, 'format.mjs');
await esbuild.build({ entryPoints: ['src/format.ts'], outfile: out, format: 'esm', bundle: true, logLevel: 'warning' });
const format = await import(pathToFileURL(out).href);
rmSync(dir, { recursive: true });

test('dates as Intl writes them in French, with and without the year', () => {
  const short = new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long' });
  const long = new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  let days = 0;
  for (let t = Date.UTC(2020, 0, 1, 12); t < Date.UTC(2031, 0, 1); t += 86400000, days++) {
    const date = new Date(t).toISOString().slice(0, 10);
    assert.equal(format.formatDate(date), short.format(new Date(t)), date);
    assert.equal(format.formatDateWithYear(date), long.format(new Date(t)), date);
  }
  assert.equal(days, 4018);
  assert.equal(format.formatDate('2026-03-03'), 'mardi 3 mars');
});

test('a half-day said by its date, or as this morning when it is the site’s today', () => {
  assert.equal(format.periodPhrase('am', '2026-03-03', '2026-03-03'), 'ce matin');
  assert.equal(format.periodPhrase('pm', '2026-03-03', '2026-03-03'), 'cet après-midi');
  assert.equal(format.periodPhrase('day', '2026-03-03', '2026-03-03'), "toute la journée aujourd'hui");
  assert.equal(format.periodPhrase('pm', '2026-03-04', '2026-03-03'), 'le mercredi 4 mars après-midi');
  assert.equal(format.periodPhrase('day', '2026-03-04', '2026-03-03'), 'toute la journée du mercredi 4 mars');
});
