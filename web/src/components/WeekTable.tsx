// SPDX-License-Identifier: EUPL-1.2
// A week as a table of half-days, read row by row: one row per day (its date, « Aujourd'hui »
// on today's), the morning and the afternoon as cells given by the page, a closed day as one
// cell with its reason. Laid out to the page's width (texts wrap, nothing scrolls sideways,
// at 1280 px as at 360 px). Shared by Ma semaine, Ma présence and Mon service.
import type { ComponentChildren } from 'preact';
import { capitalise, formatDate } from '../format';
import type { Half } from '../types';
import { Table } from './Table';

const halves: Half[] = ['am', 'pm'];

export function WeekTable(props: {
  caption: string;
  days: string[];
  today?: string | null;
  // The reason a day is closed (« Fermé » when it has none), or null when it is open.
  closed?: (day: string) => string | null;
  // The cell (a <td>) of a half-day.
  cell: (day: string, half: Half) => ComponentChildren;
  class?: string;
}) {
  return (
    <Table caption={props.caption} fits class={`escale-week${props.class ? ' ' + props.class : ''}`}>
      <thead>
        <tr>
          <th scope="col">Jour</th>
          <th scope="col">Matin</th>
          <th scope="col">Après-midi</th>
        </tr>
      </thead>
      <tbody>
        {props.days.map((day) => {
          const closed = props.closed?.(day) ?? null;
          const isToday = day === props.today;
          return (
            <tr key={day} class={isToday ? 'escale-today' : undefined}>
              <th scope="row">
                {capitalise(formatDate(day))}
                {isToday && <span class="fr-badge fr-badge--sm fr-badge--blue-ecume escale-today-badge">Aujourd'hui</span>}
              </th>
              {closed !== null ? (
                <td colSpan={2} class="escale-closed">
                  {closed && closed !== 'Fermé' ? `Fermé — ${closed}` : 'Fermé'}
                </td>
              ) : (
                halves.map((half) => props.cell(day, half))
              )}
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
