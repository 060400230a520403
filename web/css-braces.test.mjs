// SPDX-License-Identifier: EUPL-1.2
// The style sheets' brace check (css-braces.mjs), which web/build.mjs runs on src/*.css before
// building: a rule left open, a stray '}', braces in comments and strings.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { braceProblem } from './css-braces.mjs';

test('balanced rules, nested at-rules, braces in comments and strings', () => {
  assert.equal(braceProblem('.a { color: red; }\n@media (min-width: 48em) {\n  .b { content: "}"; }\n}\n/* { */\n'), null);
  assert.equal(braceProblem(".c::after { content: '{\\'' }"), null);
});

test('a rule left open is named by its line', () => {
  assert.equal(braceProblem('.a { color: red; }\n.escale-remontee {\n  margin: 0;\n.b { color: blue; }\n'), "'{' on line 2 never closed");
});

test('a stray closing brace, an open comment, an open string', () => {
  assert.equal(braceProblem('.a { }\n}\n'), "'}' on line 2 closes nothing");
  assert.equal(braceProblem('.a { }\n/* never ends'), 'comment opened on line 2 never closed');
  assert.equal(braceProblem('.a { content: "x; }\n'), 'string opened on line 1 never closed');
});

test("the app's own style sheets are balanced", () => {
  const dir = new URL('./src/', import.meta.url);
  const sheets = readdirSync(dir).filter((n) => n.endsWith('.css'));
  assert.ok(sheets.length >= 2);
  for (const name of sheets) assert.equal(braceProblem(readFileSync(new URL(name, dir), 'utf8')), null, name);
});
