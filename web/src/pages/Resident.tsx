// SPDX-License-Identifier: EUPL-1.2
// One resident's page (/personne?id=N), for their référent and the site's gestionnaires:
// who they are, their presence and desk bookings over two weeks (GET
// /api/v1/residents/{id}/presence) with a button to cancel each booking to come, a form to
// book a desk on their behalf, and their locker (for who may see lockers: assign_lockers).
// Linked from Mon service and the residents' list of the administration.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, del, get, withQuery, getAll } from '../api';
import { ErrorAlert, Notice } from '../components/Alert';
import { PageTitle } from '../components/PageTitle';
import { WeekTable } from '../components/WeekTable';
import { messageOf, useSite } from '../data';
import { isOver, useSiteNow } from '../siteNow';
import { addDays, formatDate, halfNames, mondayOf } from '../format';
import { statusNames, type PresenceDay, type PresenceHalf } from '../presence';
import { currentQuery } from '../router';
import { canAdminister, session } from '../session';
import type { Half, Resident } from '../types';
import { BookForMember } from './service/BookForMember';

const weeksShown = 2;

interface Holding {
  id: number;
  locker: { id: number; label: string };
  floor_name: string;
  zone_name: string | null;
  resident: { id: number | null };
}

export function ResidentPage() {
  const site = useSite();
  const s = session.value!;
  const id = Number(currentQuery.value.get('id'));
  const [resident, setResident] = useState<Resident | null>(null);
  const [days, setDays] = useState<PresenceDay[] | null>(null);
  const [locker, setLocker] = useState<Holding | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const siteId = site.data?.site.id;
  const siteNow = useSiteNow(s.resident.site_id);
  const now = siteNow.data?.today;
  const next = siteNow.data?.next;
  const from = now && mondayOf(now);
  const to = from && addDays(from, weeksShown * 7 - 1);

  const load = useCallback(async () => {
    if (!id || !siteId || !from || !to) return;
    try {
      const [r, plan] = await Promise.all([
        get<Resident>(`/api/v1/residents/${id}`),
        get<{ days: PresenceDay[] }>(withQuery(`/api/v1/residents/${id}/presence`, { from, to })),
      ]);
      setResident(r);
      setDays(plan.days);
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    }
    // Lockers: only who may see who holds which (gestionnaires); the others see no section.
    if (canAdminister(s)) {
      getAll<Holding>(`/api/v1/sites/${siteId}/locker-assignments`).then(
        (all) => setLocker(all.find((h) => h.resident.id === id) ?? null),
        (e) => setLocker(e instanceof ApiError && e.status === 403 ? undefined : null),
      );
    }
  }, [id, siteId, from, to]);

  useEffect(() => {
    load();
  }, [load]);

  const cancel = async (date: string, half: Half, h: PresenceHalf) => {
    const when = `${formatDate(date)} ${halfNames[half]}`;
    try {
      await del(`/api/v1/desk-bookings/${h.booking_id}`);
      setNotice(`Réservation du poste ${h.desk?.label ?? ''} annulée pour ${resident?.display_name ?? ''} (${when}).`);
      setError(null);
      await load();
      heading.current?.focus();
    } catch (e) {
      setError(`Annulation impossible (${when}) : ${messageOf(e)}`);
    }
  };

  if (site.error || siteNow.error) return <ErrorAlert>{site.error ?? siteNow.error}</ErrorAlert>;
  if (!id) return <ErrorAlert>Aucune personne n'est indiquée dans l'adresse.</ErrorAlert>;
  const service = site.data?.services.find((sv) => sv.id === resident?.service_id);
  const shown = (days ?? []).filter((d) => !d.closed);
  const shownOn = new Map(shown.map((d) => [d.date, d]));
  return (
    <>
      <PageTitle title={resident?.display_name ?? 'Personne'} />
      <Notice message={notice} />
      {error && <ErrorAlert>{error}</ErrorAlert>}
      {!resident || !days || !site.data || !from || !next ? (
        !error && <p aria-busy="true">Chargement…</p>
      ) : (
        <>
          <ul class="fr-mb-3w">
            <li>Adresse électronique : {resident.email}</li>
            <li>Service : {service?.name ?? 'aucun'}</li>
            <li>{resident.active ? 'Compte actif' : 'Compte désactivé'}</li>
          </ul>
          <section class="fr-mb-4w" aria-labelledby="personne-semaines">
            <h2 class="fr-h4" id="personne-semaines" ref={heading} tabIndex={-1}>
              Présence et réservations, à partir du {formatDate(from)}
            </h2>
            <WeekTable
              caption={`Présence et réservations de ${resident.display_name}, ${weeksShown} semaines`}
              days={shown.map((d) => d.date)}
              today={now}
              cell={(day, half) => (
                <HalfCell key={half} date={day} half={half} h={shownOn.get(day)![half]} past={isOver(day, half, next)}
                  who={resident.display_name} onCancel={cancel} />
              )}
            />
          </section>
          {locker !== undefined && (
            <section class="fr-mb-4w" aria-labelledby="personne-casier">
              <h2 class="fr-h4" id="personne-casier">
                Casier
              </h2>
              <p>
                {locker
                  ? `Casier ${locker.locker.label}, ${locker.zone_name ?? locker.floor_name}.`
                  : 'Aucun casier attribué.'}{' '}
                <a class="fr-link" href="/administration/casiers">
                  Gérer les casiers
                </a>
              </p>
            </section>
          )}
          {resident.active && (
            <BookForMember
              site={site.data}
              members={[resident]}
              first={next}
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

function HalfCell(props: {
  date: string;
  half: Half;
  h: PresenceHalf;
  past: boolean;
  who: string;
  onCancel: (date: string, half: Half, h: PresenceHalf) => void;
}) {
  const { date, half, h, past } = props;
  const status = h.status ? statusNames[h.status] : 'Non renseigné';
  return (
    <td>
      {h.desk ? (
        <>
          <span class="fr-badge fr-badge--sm fr-badge--success fr-badge--no-icon">Réservé</span>{' '}
          <strong>Poste {h.desk.label}</strong>
          {h.booking_id && !past && (
            <button type="button" class="fr-btn fr-btn--sm fr-btn--tertiary fr-ml-1w"
              aria-label={`Annuler la réservation de ${props.who}, ${formatDate(date)} ${halfNames[half]}, poste ${h.desk.label}`}
              onClick={() => props.onCancel(date, half, h)}>
              Annuler
            </button>
          )}
        </>
      ) : (
        status
      )}
    </td>
  );
}
