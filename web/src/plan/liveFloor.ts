// SPDX-License-Identifier: EUPL-1.2
// Live updates (issue 11): follows a floor's desk booking changes through the server's
// event stream (GET /api/v1/floors/{id}/events, Server-Sent Events) and calls `reload` when
// the page must read the floor again: when the stream opens again after a drop, when
// bookings of the shown day changed, and when the server no longer knows what changed since
// the last event it sent (after a long drop). The browser reconnects by
// itself, sending the last event's id back.
import { useEffect, useRef } from 'preact/hooks';

export function useLiveFloor(floorId: number | undefined, date: string, reload: () => void) {
  const latest = useRef({ date, reload });
  latest.current = { date, reload };
  useEffect(() => {
    if (!floorId || typeof EventSource === 'undefined') return;
    const source = new EventSource(`/api/v1/floors/${floorId}/events`);
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
        if (change.dates?.includes(latest.current.date)) again();
      } catch {
        again();
      }
    });
    return () => source.close();
  }, [floorId]);
}

// The desks whose state changed between two reads, by id.
export function changedDesks<T extends { desk: { id: number }; state: string }>(before: T[], after: T[]): T[] {
  const old = new Map(before.map((v) => [v.desk.id, v.state]));
  return after.filter((v) => old.has(v.desk.id) && old.get(v.desk.id) !== v.state);
}
