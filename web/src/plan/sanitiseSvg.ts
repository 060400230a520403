// SPDX-License-Identifier: EUPL-1.2
// The floor plan SVG (uploaded by a gestionnaire) turned into DOM nodes that can do nothing
// but draw: only drawing elements and presentation attributes are kept (no script, link,
// event handler, style attribute or external reference), so the page's strict CSP holds and
// a plan cannot act on the page. The desks the server drew are left out: the page draws
// its own, interactive ones.
const elements = new Set([
  'g', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon', 'path', 'text', 'tspan', 'title', 'desc',
]);
const attributes = new Set([
  'x', 'y', 'x1', 'y1', 'x2', 'y2', 'cx', 'cy', 'r', 'rx', 'ry', 'width', 'height', 'd', 'points', 'transform',
  'fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-opacity', 'opacity',
  'font-size', 'font-family', 'font-weight', 'text-anchor', 'dominant-baseline', 'class',
]);
const svgNs = 'http://www.w3.org/2000/svg';

export interface SanitisedPlan {
  viewBox: string;
  title: string;
  nodes: Element[];
}

export function sanitisePlan(text: string): SanitisedPlan | null {
  if (!text.trim()) return null;
  const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
  const root = doc.documentElement;
  if (root.nodeName !== 'svg' || doc.getElementsByTagName('parsererror').length) return null;
  const width = root.getAttribute('width') ?? '1200';
  const height = root.getAttribute('height') ?? '800';
  const viewBox = root.getAttribute('viewBox') ?? `0 0 ${parseFloat(width)} ${parseFloat(height)}`;
  const title = root.querySelector(':scope > title')?.textContent ?? '';
  const nodes: Element[] = [];
  for (const child of Array.from(root.children)) {
    if (child.nodeName === 'title') continue;
    const clean = copy(child);
    if (clean) nodes.push(clean);
  }
  return { viewBox, title, nodes };
}

function copy(node: Element): Element | null {
  if (!elements.has(node.nodeName)) return null;
  if (node.getAttribute('class')?.split(/\s+/).includes('poste')) return null;
  const out = document.createElementNS(svgNs, node.nodeName);
  for (const attr of Array.from(node.attributes)) {
    if (attributes.has(attr.name) && !/url\s*\(/i.test(attr.value)) out.setAttribute(attr.name, attr.value);
  }
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === Node.TEXT_NODE) out.appendChild(document.createTextNode(child.textContent ?? ''));
    else if (child.nodeType === Node.ELEMENT_NODE) {
      const c = copy(child as Element);
      if (c) out.appendChild(c);
    }
  }
  // Titles of the drawing (spaces' names…) would be read twice by screen readers.
  if (node.nodeName === 'title' || node.nodeName === 'desc') return null;
  return out;
}
