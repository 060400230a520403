// SPDX-License-Identifier: EUPL-1.2
// The cut of the DSFR rules nothing can use (css-purge.mjs), which web/build.mjs applies to
// the built style sheet: what goes, what stays.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classesWritten, purgeCss } from './css-purge.mjs';

const written = classesWritten([
  'h("div",{class:"fr-btn fr-btn--sm"})',
  'class:`fr-alert fr-alert--${e}`',
  '<body class="fr-skiplinks">',
]);

test('the classes a script or the page writes, whole or by their prefix', () => {
  assert.ok(written.whole.has('fr-btn--sm'));
  assert.ok(written.whole.has('fr-skiplinks'));
  assert.deepEqual(written.prefixes, ['fr-alert--']);
});

test('a rule naming a class nothing writes goes; the others stay', () => {
  const css = '.fr-btn{color:red}.fr-tag{color:blue}.fr-btn .fr-tag,.fr-btn--sm{margin:0}body{margin:0}';
  assert.equal(purgeCss(css, written), '.fr-btn{color:red}.fr-btn--sm{margin:0}body{margin:0}');
});

test('pieces, functional pseudo-classes, attribute selectors, @media and other at-rules', () => {
  assert.equal(purgeCss('.fr-alert--info{a:b}.fr-alerte{c:d}', written), '.fr-alert--info{a:b}');
  assert.equal(purgeCss('.fr-btn:not(.fr-tag){a:b}', written), '.fr-btn:not(.fr-tag){a:b}');
  assert.equal(purgeCss('[class*=" fr-icon-"]::before{a:b}', written), '[class*=" fr-icon-"]::before{a:b}');
  assert.equal(purgeCss('@media (min-width:48em){.fr-tag{a:b}.fr-btn{c:d}}@media print{.fr-tag{e:f}}', written),
    '@media (min-width:48em){.fr-btn{c:d}}');
  assert.equal(purgeCss('@charset "UTF-8";@font-face{font-family:"M";src:url("a{b}.woff2")}.fr-tag{a:b}', written),
    '@charset "UTF-8";@font-face{font-family:"M";src:url("a{b}.woff2")}');
  assert.equal(purgeCss('@keyframes x{0%{opacity:0}to{opacity:1}}', written), '@keyframes x{0%{opacity:0}to{opacity:1}}');
});

test('an unclosed rule is refused rather than cut wrongly', () => {
  assert.throws(() => purgeCss('.fr-btn{color:red', written), /never closed/);
});
