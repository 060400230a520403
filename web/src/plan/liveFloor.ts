// SPDX-License-Identifier: EUPL-1.2
// Live updates (issue 11): follows desk booking changes through the server's event streams
// (GET /api/v1/floors/{id}/events for the plan, /api/v1/sites/{id}/events for Ma semaine;
// Server-Sent Events) and calls `reload` when the page must read again: when the stream opens
// again after a drop, when bookings of a day shown changed, and when the server no longer
// knows what changed since the last event it sent (after a long drop). The browser
// reconnects by itself, sending the last event's id back.
import { useEffect, useRef } from 'preact/hooks';

// Follows the stream at `url` (none while null) and calls `reload` when the stream opens
// again, on `resync`, and on a `desks` event naming a day for which `shows` is true.
function useDeskEvents(url: string | null, shows: (day: string) => boolean, reload: () => void) {
  const latest = useRef({ shows, reload });
  latest.current = { shows, reload };
  useEffect(() => {
    if (!url || typeof EventSource === 'undefined') return;
    const source = new EventSource(url);
    const again = () => latest.current.reload();
    // Opened again after a drop: what changed meanwhile is read once more. (The first opening
    // needs no read: the server starts it with the changes of the last few seconds.)
    let opened = false;
    source.addEventListener('ready', () => {
      if (opened) again();
      opened = true;
    });
    source.addEventListener('resync', again);
    source.addEventListener('desks', (e) => {
      try {
        const change = JSON.parse((e as MessageEvent<string>).data) as { dates?: string[] };
        if (change.dates?.some((d) => latest.current.shows(d))) again();
      } catch {
        again();
      }
    });
    return () => source.close();
  }, [url]);
}

// A floor's changes, for the plan and its list of day `date`.
export function useLiveFloor(floorId: number | undefined, date: string, reload: () => void) {
  useDeskEvents(floorId ? `/api/v1/floors/${floorId}/events` : null, (d) => d === date, reload);
}

// A site's changes (GET /api/v1/sites/{id}/events), for Ma semaine's days `from` to `to`:
// the stream says which days changed, not whose bookings, so `reload` reads the resident's own.
export function useLiveSite(siteId: number | undefined, from: string | null, to: string | null, reload: () => void) {
  useDeskEvents(siteId ? `/api/v1/sites/${siteId}/events` : null, (d) => !!from && !!to && d >= from && d <= to, reload);
}

// The desks whose state changed between two reads, by id.
export function changedDesks<T extends { desk: { id: number }; state: string }>(before: T[], after: T[]): T[] {
  const old = new Map(before.map((v) => [v.desk.id, v.state]));
  return after.filter((v) => old.has(v.desk.id) && old.get(v.desk.id) !== v.state);
}
