// SPDX-License-Identifier: EUPL-1.2
// Builds the web app into ../build/web (or the folder given as first argument):
// esbuild bundles src/main.tsx and the CSS it imports into content-hashed files under
// assets/, index.html is written from the template with those names, and every file is
// pre-compressed to .gz and .br (served by escale serve when the browser accepts them).
// Runs on Node 18 and later; no dependency beyond esbuild.
import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { braceProblem } from './css-braces.mjs';
import { classesWritten, purgeCss } from './css-purge.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.resolve(process.argv[2] ?? path.join(here, '..', 'build', 'web'));
const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);

// Compressed forms are worth keeping only for text; fonts and images in woff2/png are
// already compressed.
const compressible = new Set(['.html', '.js', '.css', '.svg', '.json', '.txt', '.map']);

// The app's own style sheets checked before anything is built (css-braces.mjs).
async function checkStyleSheets() {
  const dir = path.join(here, 'src');
  for (const name of (await fs.readdir(dir)).filter((n) => n.endsWith('.css'))) {
    const problem = braceProblem(await fs.readFile(path.join(dir, name), 'utf8'));
    if (problem) throw new Error(`build: src/${name}: ${problem}`);
  }
}

async function main() {
  await checkStyleSheets();
  await fs.rm(out, { recursive: true, force: true });
  await fs.mkdir(out, { recursive: true });

  const result = await esbuild.build({
    absWorkingDir: here,
    entryPoints: { app: 'src/main.tsx' },
    outdir: out,
    entryNames: 'assets/[name]-[hash]',
    assetNames: 'assets/[name]-[hash]',
    chunkNames: 'assets/[name]-[hash]',
    bundle: true,
    format: 'esm',
    splitting: true,
    minify: true,
    sourcemap: false,
    target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    loader: { '.woff2': 'file', '.woff': 'file', '.svg': 'file', '.png': 'file' },
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
  });

  // The entry's JS and CSS, as esbuild named them.
  let js = null;
  let css = null;
  for (const [file, meta] of Object.entries(result.metafile.outputs)) {
    if (meta.entryPoint !== 'src/main.tsx') continue;
    const rel = path.relative(out, path.resolve(here, file)).split(path.sep).join('/');
    if (rel.endsWith('.js')) js = rel;
    if (meta.cssBundle) css = path.relative(out, path.resolve(here, meta.cssBundle)).split(path.sep).join('/');
  }
  if (!js || !css) throw new Error('build: entry outputs not found');

  // The chunks the entry imports statically (code shared with the lazily loaded pages),
  // preloaded with the entry rather than found only once it runs: one round trip less.
  const outputs = result.metafile.outputs;
  const entryFile = Object.keys(outputs).find((f) => outputs[f].entryPoint === 'src/main.tsx' && f.endsWith('.js'));
  const preloaded = new Set();
  const visit = (file) => {
    for (const i of outputs[file]?.imports ?? [])
      if (i.kind === 'import-statement' && !preloaded.has(i.path)) {
        preloaded.add(i.path);
        visit(i.path);
      }
  };
  visit(entryFile);
  const preloads = [...preloaded]
    .map((f) => `<link rel="modulepreload" href="/${path.relative(out, path.resolve(here, f)).split(path.sep).join('/')}">`)
    .join('\n');

  // The DSFR rules that nothing in the scripts nor the page can use, left out (css-purge.mjs);
  // the style sheet is named after what is left, so that no cache keeps an older cut.
  const template = await fs.readFile(path.join(here, 'index.html'), 'utf8');
  const scripts = Object.keys(outputs).filter((f) => f.endsWith('.js'));
  const written = classesWritten([template, ...(await Promise.all(scripts.map((f) => fs.readFile(path.resolve(here, f), 'utf8'))))]);
  const purged = purgeCss(await fs.readFile(path.join(out, css), 'utf8'), written);
  await fs.rm(path.join(out, css));
  css = `assets/app-${createHash('sha256').update(purged).digest('hex').slice(0, 10).toUpperCase()}.css`;
  await fs.writeFile(path.join(out, css), purged);

  const html = template.replace('%APP_CSS%', '/' + css).replace('%APP_JS%', '/' + js).replace('%PRELOADS%', preloads);
  await fs.writeFile(path.join(out, 'index.html'), html);
  // The favicon, as is.
  await fs.copyFile(path.join(here, 'favicon.svg'), path.join(out, 'favicon.svg'));

  let raw = 0;
  let br = 0;
  for (const file of await walk(out)) {
    const data = await fs.readFile(file);
    raw += data.length;
    if (!compressible.has(path.extname(file))) {
      br += data.length;
      continue;
    }
    const b = await brotli(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } });
    const g = await gzip(data, { level: 9 });
    await fs.writeFile(file + '.br', b);
    await fs.writeFile(file + '.gz', g);
    br += b.length;
  }
  console.log(`escale web: ${path.relative(process.cwd(), out) || '.'} (${js}, ${css}; ${kb(raw)} raw, ${kb(br)} brotli)`);
}

async function walk(dir) {
  const files = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await walk(p)));
    else files.push(p);
  }
  return files;
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

main().catch((e) => {
  console.error(e.message ?? e);
  process.exit(1);
});
