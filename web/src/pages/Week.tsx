// SPDX-License-Identifier: EUPL-1.2
// Ma semaine: the coming weeks, Monday first, as half-day cells: my desk where I have one
// (with a button to cancel it until its half-day is over), a link to the plan of that
// half-day where I have none and it is not over, with what my presence plan says of it
// (Ma présence: télétravail, absent…, declared or from my week's pattern);
// closed days with their reason (GET /api/v1/sites/{id}/calendar, which also says what day
// it is at the site). The grid is a table per week, read row by row. Live: a booking of mine
// made or cancelled elsewhere (another tab, a référent on my behalf) shows within 2 s, and is
// told to screen readers (the site's event stream, plan/liveFloor.ts).
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { del, get, withQuery } from '../api';
import { ErrorAlert, Notice } from '../components/Alert';
import { currentQuery } from '../router';
import { WeekTable } from '../components/WeekTable';
import { PageTitle } from '../components/PageTitle';
import { messageOf, useSite } from '../data';
import { addDays, formatDate, halfNames, mondayOf, today } from '../format';
import { isOver } from '../siteNow';
import { useLiveSite } from '../plan/liveFloor';
import { statusNames, type PresenceHalf, type PresencePlan } from '../presence';
import type { Half, PlacedDeskBooking, SiteCalendar } from '../types';
import { LockerCard, SpaceBookingsCard, TodayCard } from './WeekCards';

const weeksShown = 4;

export function WeekPage() {
  const site = useSite();
  const timeZone = site.data?.site.time_zone;
  const [bookings, setBookings] = useState<PlacedDeskBooking[] | null>(null);
  const [calendar, setCalendar] = useState<SiteCalendar | null>(null);
  const [presence, setPresence] = useState<PresencePlan | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [liveNotice, setLiveNotice] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  // This week's Monday by the browser's clock, then the server's today once it answered.
  const now = calendar?.today ?? (timeZone ? today(timeZone) : null);
  // ?date=AAAA-MM-JJ (the links of notifications, issue 11): its week is shown (from its
  // Monday when it is beyond the weeks shown) and its heading gets the focus.
  const asked = /^\d{4}-\d{2}-\d{2}$/.test(currentQuery.value.get('date') ?? '') ? currentQuery.value.get('date') : null;
  const first = now ? mondayOf(asked && asked > addDays(mondayOf(now), weeksShown * 7 - 1) ? asked : now) : null;
  const last = first ? addDays(first, weeksShown * 7 - 1) : null;

  const load = useCallback(async () => {
    if (!first || !last || !site.data) return;
    try {
      const [mine, days, planned] = await Promise.all([
        get<PlacedDeskBooking[]>(withQuery('/api/v1/me/desk-bookings', { from: first, to: last })),
        get<SiteCalendar>(withQuery(`/api/v1/sites/${site.data.site.id}/calendar`, { from: first, to: last })),
        get<PresencePlan>(withQuery('/api/v1/me/presence', { from: first, to: last })),
      ]);
      setBookings(mine);
      setCalendar(days);
      setPresence(planned);
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    }
  }, [first, last, site.data]);

  useEffect(() => {
    load();
  }, [load]);

  // Live: my bookings read again when a day shown changed on the site; what appeared or went
  // is said in a status message.
  const shownBookings = useRef<PlacedDeskBooking[] | null>(null);
  shownBookings.current = bookings;
  const liveReload = useCallback(async () => {
    if (!first || !last) return;
    try {
      const mine = await get<PlacedDeskBooking[]>(withQuery('/api/v1/me/desk-bookings', { from: first, to: last }));
      const before = shownBookings.current ?? [];
      const said = (b: PlacedDeskBooking) => `poste ${b.desk_label}, ${formatDate(b.date)} ${halfNames[b.half]}`;
      const added = mine.filter((b) => !before.some((o) => o.id === b.id));
      const gone = before.filter((o) => !mine.some((b) => b.id === o.id));
      if (!added.length && !gone.length) return;
      setBookings(mine);
      setLiveNotice(
        [
          added.length ? `Nouvelle réservation : ${added.map(said).join(' ; ')}.` : '',
          gone.length ? `Réservation annulée : ${gone.map(said).join(' ; ')}.` : '',
        ].join(' ').trim(),
      );
    } catch {
      // The next change or reconnection reads again; the week shown stays as it was.
    }
  }, [first, last]);
  useLiveSite(site.data?.site.id, first, last, liveReload);

  const shown = useRef<string | null>(null);
  useEffect(() => {
    if (!asked || !bookings || shown.current === asked) return;
    const target = document.getElementById(`semaine-${mondayOf(asked)}`);
    if (!target) return;
    shown.current = asked;
    target.focus();
    target.scrollIntoView({ block: 'start' });
  }, [asked, bookings]);

  const cancel = async (b: PlacedDeskBooking) => {
    const what = `${formatDate(b.date)}, ${halfNames[b.half]}`;
    try {
      await del(`/api/v1/desk-bookings/${b.id}`);
      await load();  // the grid shows the change before it is announced
      setNotice(`Réservation du poste ${b.desk_label} annulée (${what}).`);
      setError(null);
      heading.current?.focus();
    } catch (e) {
      setError(`Annulation impossible (${what}) : ${messageOf(e)}`);
    }
  };

  if (site.error) return <ErrorAlert>{site.error}</ErrorAlert>;
  return (
    <>
      <PageTitle title="Ma semaine" />
      <p>Vos réservations des {weeksShown} prochaines semaines. Choisissez une demi-journée libre pour réserver un poste sur le plan.</p>
      <Notice message={notice} />
      <Notice message={liveNotice} kind="info" />
      {error && <ErrorAlert>{error}</ErrorAlert>}
      {bookings && now && (
        <div class="fr-grid-row fr-grid-row--gutters escale-week-cards">
          <div class="fr-col-12 fr-col-md-4">
            <TodayCard today={now} bookings={bookings} onChanged={load} />
          </div>
          <div class="fr-col-12 fr-col-md-4">
            <LockerCard />
          </div>
          <div class="fr-col-12 fr-col-md-4">
            <SpaceBookingsCard today={now} />
          </div>
        </div>
      )}
      {!bookings || !calendar || !first || !now ? (
        <p aria-busy="true">Chargement de vos réservations…</p>
      ) : (
        Array.from({ length: weeksShown }, (_, w) => {
          const monday = addDays(first, w * 7);
          const days = Array.from({ length: 7 }, (_, d) => addDays(monday, d));
          return (
            <section class="fr-mb-4w" key={monday} aria-labelledby={`semaine-${monday}`}>
              <h2 class="fr-h4" id={`semaine-${monday}`} ref={w === 0 ? heading : undefined} tabIndex={-1}>
                Semaine du {formatDate(monday)}
              </h2>
              <WeekTable
                caption={`Semaine du ${formatDate(monday)}`}
                days={days}
                today={now}
                closed={(day) => {
                  const info = calendar.days.find((c) => c.date === day);
                  return info?.closed ? info.reason ?? 'Fermé' : null;
                }}
                cell={(day, half) => (
                  <HalfDayCell
                    key={half}
                    day={day}
                    half={half}
                    past={isOver(day, half, calendar.next_half_day)}
                    booking={bookings.find((b) => b.date === day && b.half === half)}
                    planned={presence?.days.find((p) => p.date === day)?.[half]}
                    onCancel={cancel}
                  />
                )}
              />
            </section>
          );
        })
      )}
    </>
  );
}

function HalfDayCell(props: {
  day: string;
  half: Half;
  past: boolean;
  booking?: PlacedDeskBooking;
  planned?: PresenceHalf;  // my presence plan (Ma présence): declared, or my week's pattern
  onCancel: (b: PlacedDeskBooking) => void;
}) {
  const { day, half, past, booking, planned } = props;
  const when = `${formatDate(day)} ${halfNames[half]}`;
  if (booking) {
    return (
      <td class="escale-booked">
        <p class="fr-mb-1v">
          <span class="fr-badge fr-badge--sm fr-badge--success fr-badge--no-icon">Réservé</span>{' '}
          <strong>Poste {booking.desk_label}</strong>
          {booking.zone_name && <span class="escale-muted escale-zone-name">{booking.zone_name}</span>}
        </p>
        {!past && (
          <button
            type="button"
            class="fr-btn fr-btn--sm fr-btn--tertiary fr-icon-close-line fr-btn--icon-left"
            aria-label={`Annuler la réservation du poste ${booking.desk_label}, ${when}`}
            onClick={() => props.onCancel(booking)}
          >
            <span class="escale-wide-only">Annuler</span>
          </button>
        )}
      </td>
    );
  }
  if (past) return <td class="escale-muted">—</td>;
  const plan = planned?.status && planned.source !== 'reservation' ? planned.status : null;
  return (
    <td>
      {plan && <p class="escale-muted fr-text--sm fr-mb-1v">Prévu : {statusNames[plan].toLowerCase()}</p>}
      <a class="fr-link fr-icon-add-line fr-link--icon-left" href={withQuery('/plan', { date: day, demi: half })} aria-label={`Réserver un poste, ${when}`}>
        Réserver
      </a>
    </td>
  );
}
