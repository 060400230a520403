// SPDX-License-Identifier: EUPL-1.2
// The app's own style sheets, with their braces balanced: a rule left open (a merge once left
// one) makes the browser ignore every rule after it, and esbuild only warns. Comments and
// strings are left out of the count; the first line where the count goes wrong is named.
export function braceProblem(text) {
  let line = 1;
  const opened = [];  // the line of each '{' still open
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) return `comment opened on line ${line} never closed`;
      line += text.slice(i, end).split('\n').length - 1;
      i = end + 1;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== c && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      if (text[j] !== c) return `string opened on line ${line} never closed`;
      i = j;
    } else if (c === '{') {
      opened.push(line);
    } else if (c === '}') {
      if (!opened.length) return `'}' on line ${line} closes nothing`;
      opened.pop();
    }
  }
  return opened.length ? `'{' on line ${opened[opened.length - 1]} never closed` : null;
}
