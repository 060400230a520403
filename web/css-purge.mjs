// SPDX-License-Identifier: EUPL-1.2
// The DSFR rules the app cannot use, left out of its style sheet: a selector naming a DSFR
// class (fr-…) that no script nor the page's HTML ever writes can match nothing, so it goes,
// and a rule whose selectors all go goes with them. Half of the DSFR's rules (icons, grid and
// spacing utilities of every size) are such: the browser then parses and matches half as
// much before the first screen. A class written in pieces (`fr-alert--${kind}`) is kept by
// its prefix; classes inside :not(), :is(), :where() or :has() do not count (their absence
// may be what matches). At-rules other than @media and @supports are kept as they are.

// The DSFR classes that `sources` (scripts, HTML) may write: whole ones, and the prefixes of
// those written in pieces.
export function classesWritten(sources) {
  const text = sources.join('\n');
  return {
    whole: new Set(text.match(/fr-[A-Za-z0-9_-]+/g) ?? []),
    prefixes: [...new Set([...text.matchAll(/(fr-[A-Za-z0-9_-]*)\$\{/g)].map((m) => m[1]))],
  };
}

export function purgeCss(css, written) {
  const usable = (cls) => written.whole.has(cls) || written.prefixes.some((p) => cls.startsWith(p));
  const selectorUsable = (sel) => [...withoutFunctions(sel).matchAll(/\.(fr-[A-Za-z0-9_-]+)/g)].every((m) => usable(m[1]));
  return rules(css, selectorUsable);
}

function rules(css, selectorUsable) {
  let out = '';
  let i = 0;
  while (i < css.length) {
    const open = css.indexOf('{', i);
    if (open < 0) {
      out += css.slice(i);
      break;
    }
    const close = matching(css, open);
    const prelude = css.slice(i, open);
    const body = css.slice(open + 1, close);
    // What ends with ';' before the prelude (an @charset or @import line) stays as it is.
    const cut = prelude.lastIndexOf(';') + 1;
    out += prelude.slice(0, cut);
    const head = prelude.slice(cut);
    const name = head.trim();
    if (name.startsWith('@media') || name.startsWith('@supports')) {
      const inner = rules(body, selectorUsable);
      if (inner.trim()) out += `${head}{${inner}}`;
    } else if (name.startsWith('@')) {
      out += `${head}{${body}}`;
    } else {
      const kept = splitList(head).filter(selectorUsable);
      if (kept.length) out += `${kept.join(',')}{${body}}`;
    }
    i = close + 1;
  }
  return out;
}

// The index of the '}' closing the '{' at `open` (strings skipped).
function matching(css, open) {
  let depth = 0;
  for (let k = open; k < css.length; k++) {
    const c = css[k];
    if (c === '"' || c === "'") {
      k = css.indexOf(c, k + 1);
      if (k < 0) break;
    } else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return k;
  }
  throw new Error(`css-purge: '{' at ${open} never closed`);
}

// A selector list split at its top-level commas.
function splitList(list) {
  const parts = [];
  let depth = 0;
  let start = 0;
  for (let k = 0; k < list.length; k++) {
    const c = list[k];
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(list.slice(start, k));
      start = k + 1;
    }
  }
  parts.push(list.slice(start));
  return parts;
}

// A selector without the arguments of its functional pseudo-classes.
function withoutFunctions(sel) {
  let out = '';
  for (let k = 0; k < sel.length; k++) {
    const m = /^:(not|is|where|has|matches)\(/.exec(sel.slice(k, k + 9));
    if (!m) {
      out += sel[k];
      continue;
    }
    let depth = 0;
    for (k += m[0].length - 1; k < sel.length; k++) {
      if (sel[k] === '(') depth++;
      else if (sel[k] === ')' && --depth === 0) break;
    }
  }
  return out;
}
