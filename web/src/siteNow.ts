// SPDX-License-Identifier: EUPL-1.2
// The site's present by the server's word (GET /api/v1/sites/{id}/calendar): today's date at
// the site and the half-day in progress or next. The pages that offer a booking or a
// cancellation go by it rather than by the browser's clock, so that none offers, this evening,
// a morning the server would refuse, and a wrong clock on the agent's computer changes nothing.
import { useEffect, useState } from 'preact/hooks';
import { get } from './api';
import { messageOf, type Loaded } from './data';
import type { Half, SiteCalendar } from './types';

export type NextHalfDay = SiteCalendar['next_half_day'];
export interface SiteNow {
  today: string;
  next: NextHalfDay;
}

// Whether a half-day is over: before the one in progress or next.
export function isOver(day: string, half: Half, next: NextHalfDay) {
  return day < next.date || (day === next.date && half === 'am' && next.half === 'pm');
}

// Asked when the page opens (not kept: it moves with the clock).
export function useSiteNow(siteId: number | undefined): Loaded<SiteNow> {
  const [now, setNow] = useState<Loaded<SiteNow>>({ data: null, error: null });
  useEffect(() => {
    if (!siteId) return;
    get<SiteCalendar>(`/api/v1/sites/${siteId}/calendar`).then(
      (c) => setNow({ data: { today: c.today, next: c.next_half_day }, error: null }),
      (e) => setNow({ data: null, error: messageOf(e) }),
    );
  }, [siteId]);
  return now;
}
