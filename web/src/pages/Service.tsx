// SPDX-License-Identifier: EUPL-1.2
// Mon service (référent; gestionnaire and admin for any service of the site): who of the
// service is on site each half-day of a week (a desk booking, else a declaration or the
// weekly pattern: GET /api/v1/residents/{id}/presence for each member), the week's desk
// bookings with a button to cancel each for its holder, and a form to book a desk on behalf
// of a member (POST /api/v1/desk-bookings with resident_id).
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { del, get, withQuery, getAll } from '../api';
import { ErrorAlert, Notice } from '../components/Alert';
import { PageTitle } from '../components/PageTitle';
import { Table } from '../components/Table';
import { WeekTable } from '../components/WeekTable';
import { messageOf, useSite } from '../data';
import { isOver, useSiteNow } from '../siteNow';
import { addDays, capitalise, formatDate, halfNames, mondayOf } from '../format';
import { holds, session } from '../session';
import type { Half, Resident, Service, SessionInfo } from '../types';
import { BookForMember } from './service/BookForMember';
import { halves, type PresenceDay } from '../presence';

interface MemberWeek {
  member: Resident;
  days: PresenceDay[];
}

// The services whose members this person may book for: all of the site's for a gestionnaire
// or an administrator, else those where they are référent.
export function servicesManaged(s: SessionInfo, services: Service[]): Service[] {
  if (holds(s, 'gestionnaire', 'admin')) return services;
  const ids = new Set(s.roles.filter((r) => r.role === 'referent' && r.site_id === s.resident.site_id).map((r) => r.service_id));
  return services.filter((sv) => ids.has(sv.id));
}

export function ServicePage() {
  const site = useSite();
  const s = session.value;
  const managed = s && site.data ? servicesManaged(s, site.data.services) : [];
  const [serviceId, setServiceId] = useState<number | null>(null);
  const [chosenMonday, setChosenMonday] = useState<string | null>(null); // null: this week
  const [week, setWeek] = useState<MemberWeek[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const current = serviceId ?? s?.resident.service_id ?? managed[0]?.id ?? null;
  const chosen = managed.find((sv) => sv.id === current) ?? managed[0];
  const siteId = site.data?.site.id;
  const siteNow = useSiteNow(s?.resident.site_id);
  const now = siteNow.data?.today;
  const next = siteNow.data?.next;
  const monday = chosenMonday ?? (now ? mondayOf(now) : null);

  const load = useCallback(async () => {
    if (!chosen || !siteId || !monday) return;
    try {
      const residents = await getAll<Resident>(withQuery('/api/v1/residents', { site_id: siteId }));
      const members = residents.filter((r) => r.active && r.service_id === chosen.id);
      const plans = await Promise.all(
        members.map((m) =>
          get<{ days: PresenceDay[] }>(withQuery(`/api/v1/residents/${m.id}/presence`, { from: monday, to: addDays(monday, 6) })),
        ),
      );
      setWeek(members.map((m, i) => ({ member: m, days: plans[i].days })));
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    }
  }, [chosen?.id, siteId, monday]);

  useEffect(() => {
    setWeek(null);
    load();
  }, [load]);

  if (site.error || siteNow.error) return <ErrorAlert>{site.error ?? siteNow.error}</ErrorAlert>;
  if (!s) return null;

  const cancel = async (m: Resident, date: string, half: Half, bookingId: number, desk: string) => {
    const when = `${formatDate(date)} ${halfNames[half]}`;
    try {
      await del(`/api/v1/desk-bookings/${bookingId}`);
      setNotice(`Réservation du poste ${desk} annulée pour ${m.display_name} (${when}).`);
      setError(null);
      await load();
      heading.current?.focus();
    } catch (e) {
      setError(`Annulation impossible pour ${m.display_name} (${when}) : ${messageOf(e)}`);
    }
  };

  const days = week?.[0]?.days.filter((d) => !d.closed).map((d) => d.date) ?? [];
  const bookings = (week ?? []).flatMap((mw) =>
    mw.days.flatMap((d) =>
      halves.flatMap((half) => (d[half].booking_id && d[half].desk ? [{ mw, date: d.date, half, id: d[half].booking_id!, desk: d[half].desk!.label }] : [])),
    ),
  );
  bookings.sort((a, b) => (a.date + a.half + a.mw.member.display_name).localeCompare(b.date + b.half + b.mw.member.display_name));
  return (
    <>
      <PageTitle title="Mon service" />
      {!site.data || !monday || !next ? (
        <p aria-busy="true">Chargement du site…</p>
      ) : !chosen ? (
        <p>Vous n'êtes référent d'aucun service de ce site.</p>
      ) : (
        <>
          <p>Qui de votre service est sur site cette semaine, et les réservations de poste faites pour ses membres.</p>
          <Notice message={notice} />
          {error && <ErrorAlert>{error}</ErrorAlert>}
          <div class="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom fr-mb-2w">
            {managed.length > 1 && (
              <div class="fr-col-12 fr-col-md-6">
                <div class="fr-select-group fr-mb-0">
                  <label class="fr-label" for="service-choisi">
                    Service
                  </label>
                  <select class="fr-select" id="service-choisi" value={String(chosen.id)}
                    onChange={(e) => setServiceId(Number((e.target as HTMLSelectElement).value))}>
                    {managed.map((sv) => (
                      <option key={sv.id} value={String(sv.id)}>
                        {sv.name}
                      </option>
                    ))}
                  </select>
                </div>
              </div>
            )}
            <div class="fr-col-12 fr-col-md-6">
              <div class="fr-btns-group fr-btns-group--inline-sm fr-mb-0">
                <button class="fr-btn fr-btn--secondary fr-btn--sm" type="button" onClick={() => setChosenMonday(addDays(monday, -7))}>
                  Semaine précédente
                </button>
                <button class="fr-btn fr-btn--secondary fr-btn--sm" type="button" onClick={() => setChosenMonday(addDays(monday, 7))}>
                  Semaine suivante
                </button>
              </div>
            </div>
          </div>
          <section class="fr-mb-4w" aria-labelledby="service-sur-site">
            <h2 class="fr-h4" id="service-sur-site" ref={heading} tabIndex={-1}>
              {chosen.name} — sur site la semaine du {formatDate(monday)}
            </h2>
            {!week ? (
              !error && <p aria-busy="true">Chargement de la semaine du service…</p>
            ) : (
              <WeekTable
                caption={`Membres sur site, semaine du ${formatDate(monday)}`}
                class="escale-service-week"
                days={days}
                today={now}
                cell={(date, half) => {
                  const here = week.filter((mw) => mw.days.find((d) => d.date === date)?.[half].status === 'sur_site');
                  return (
                    <td key={half}>
                      <strong>{here.length === 0 ? 'Personne' : `${here.length} sur ${week.length}`}</strong>
                      {here.length > 0 && (
                        <ul class="escale-names">
                          {here.map((mw) => {
                            const h = mw.days.find((d) => d.date === date)![half];
                            return (
                              <li key={mw.member.id}>
                                <a href={`/personne?id=${mw.member.id}`}>{mw.member.display_name}</a>
                                {h.desk ? (
                                  <span class="escale-muted"> — <span class="escale-nowrap">{h.desk.label}</span></span>
                                ) : (
                                  <span class="escale-muted"> (sans <span class="escale-nowrap">poste)</span></span>
                                )}
                              </li>
                            );
                          })}
                        </ul>
                      )}
                    </td>
                  );
                }}
              />
            )}
          </section>
          <section class="fr-mb-4w" aria-labelledby="service-reservations">
            <h2 class="fr-h4" id="service-reservations">
              Réservations de poste de la semaine
            </h2>
            {week && bookings.length === 0 && <p>Aucune réservation cette semaine.</p>}
            {week && bookings.length > 0 && (
              <Table caption={`Réservations de poste du service, semaine du ${formatDate(monday)}`}>
                <thead>
                  <tr>
                    <th scope="col">Jour</th>
                    <th scope="col">Personne</th>
                    <th scope="col">Poste</th>
                    <th scope="col">Action</th>
                  </tr>
                </thead>
                <tbody>
                  {bookings.map((b) => (
                    <tr key={b.id}>
                      <td>
                        {capitalise(formatDate(b.date))}, {halfNames[b.half]}
                      </td>
                      <td>
                        <a href={`/personne?id=${b.mw.member.id}`}>{b.mw.member.display_name}</a>
                      </td>
                      <td>{b.desk}</td>
                      <td>
                        {!isOver(b.date, b.half, next) ? (
                          <button type="button" class="fr-btn fr-btn--sm fr-btn--tertiary"
                            aria-label={`Annuler la réservation de ${b.mw.member.display_name}, ${formatDate(b.date)} ${halfNames[b.half]}, poste ${b.desk}`}
                            onClick={() => cancel(b.mw.member, b.date, b.half, b.id, b.desk)}>
                            Annuler
                          </button>
                        ) : (
                          <span class="escale-muted">Passée</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            )}
          </section>
          {week && week.length > 0 && (
            <section class="fr-mb-4w" aria-labelledby="service-membres">
              <h2 class="fr-h4" id="service-membres">
                Membres du service
              </h2>
              <p>La page de chacun : ses réservations, son casier, sa présence.</p>
              <ul class="escale-names">
                {week.map((mw) => (
                  <li key={mw.member.id}>
                    <a class="fr-link" href={`/personne?id=${mw.member.id}`}>
                      {mw.member.display_name}
                    </a>
                  </li>
                ))}
              </ul>
            </section>
          )}
          {week && (
            <BookForMember
              site={site.data}
              members={week.map((mw) => mw.member)}
              first={monday <= next.date ? next : { date: monday, half: 'am' }}
              onBooked={async (message) => {
                setNotice(message);
                setError(null);
                await load();
              }}
            />
          )}
        </>
      )}
    </>
  );
}
