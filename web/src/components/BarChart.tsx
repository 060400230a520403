// SPDX-License-Identifier: EUPL-1.2
// A bar chart drawn as SVG (one bar per row, its value written at its end) with its data
// table beside it, for the dashboards (issue 13, item 7). Hand-drawn rather than through a
// chart library: the libraries considered write inline styles or <style> elements, which the
// server's CSP (style-src 'self') refuses; here colours come from classes of app.css. The
// SVG is a picture (role="img") named by the caption; the table is what assistive
// technologies read.
import type { ComponentChildren } from 'preact';
import { TableFrame } from './TableFrame';

export interface Bar {
  label: string;
  value: number | null; // null: no figure
  text: string;          // the value as written in the table and at the bar's end
}

interface Props {
  id: string;
  caption: string;
  bars: Bar[];
  max?: number;           // the scale's end (default: the largest value)
  headings: [string, string];
  downloads?: ComponentChildren;
}

const ROW = 22;
const SPAN = 240;  // the longest bar
const VALUE = 60;  // room for the value after a bar
const CHAR = 6.6;  // a character of the labels (12 px Marianne), on average

export function BarChart({ id, caption, bars, max, headings, downloads }: Props) {
  const top = Math.max(max ?? 0, ...bars.map((b) => b.value ?? 0)) || 1;
  // The labels' column as wide as the longest label, so that the drawing, shown at its own size
  // and shrunk only on a narrow screen, keeps its text legible.
  const label = Math.min(220, Math.max(40, ...bars.map((b) => b.label.length * CHAR))) + 8;
  const width = label + SPAN + VALUE;
  const height = Math.max(1, bars.length) * ROW + 4;
  return (
    <figure class="escale-bar-chart fr-mb-4w" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`} class="fr-h6">{caption}</figcaption>
      <div class="escale-chart__body">
        <svg class="escale-chart__svg" viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img"
          aria-labelledby={`${id}-caption`} focusable="false">
          {bars.map((b, i) => {
            const w = b.value === null ? 0 : Math.max(1, (b.value / top) * SPAN);
            const y = i * ROW + 2;
            return (
              <g key={b.label}>
                <text class="escale-chart__label" x={label - 6} y={y + 14} text-anchor="end">{b.label}</text>
                <rect class="escale-chart__bar" x={label} y={y + 3} width={w} height={ROW - 8} />
                <text class="escale-chart__value" x={label + w + 4} y={y + 14}>{b.text}</text>
              </g>
            );
          })}
        </svg>
        <TableFrame label={`${caption}, tableau`} extraClass="fr-table--no-caption escale-chart__table">
          <table>
            <caption>{caption}</caption>
            <thead>
              <tr><th scope="col">{headings[0]}</th><th scope="col">{headings[1]}</th></tr>
            </thead>
            <tbody>
              {bars.map((b) => (
                <tr key={b.label}><th scope="row">{b.label}</th><td>{b.text}</td></tr>
              ))}
            </tbody>
          </table>
        </TableFrame>
      </div>
      {downloads && <p class="fr-text--sm fr-mt-1w">{downloads}</p>}
    </figure>
  );
}
