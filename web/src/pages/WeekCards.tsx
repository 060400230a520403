// SPDX-License-Identifier: EUPL-1.2
// The cards beside Ma semaine's grid: « Aujourd'hui » (libérer le reste de ma journée:
// POST /api/v1/me/desk-bookings/release-rest-of-day), « Mon casier » (GET/POST/DELETE
// /api/v1/me/locker, the free ones nearest first from /api/v1/me/free-lockers) and « Mes
// espaces réservés » (GET /api/v1/me/space-bookings). Each shows its own errors.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError, del, get, post, withQuery } from '../api';
import { ErrorAlert, Notice } from '../components/Alert';
import { messageOf } from '../data';
import { addDays, capitalise, formatDate, halfNames } from '../format';
import type { PlacedDeskBooking } from '../types';

interface Locker {
  id: number;
  label: string;
  floor_name: string;
  zone_name: string | null;
}
interface FreeLocker extends Locker {
  nearness: 'quartier' | 'floor' | 'site';
}
interface HeldLocker {
  locker: { id: number; label: string };
  floor_name: string;
  zone_name: string | null;
}
interface SpaceBooking {
  id: number;
  space_name: string;
  start: string;
  end: string;
  subject: string;
  attendees: number;
}

const nearnessNames = { quartier: 'dans votre quartier', floor: 'à votre niveau', site: 'ailleurs sur le site' };
const where = (floor: string, zone: string | null) => (zone ? `${floor}, ${zone}` : floor);

// « Aujourd'hui »: the desks I hold today, and « Libérer le reste de ma journée ».
export function TodayCard(props: { today: string; bookings: PlacedDeskBooking[]; onChanged: () => void }) {
  const mine = props.bookings.filter((b) => b.date === props.today);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const release = async () => {
    try {
      const r = await post<{ bookings: PlacedDeskBooking[] }>('/api/v1/me/desk-bookings/release-rest-of-day', {});
      setError(null);
      setNotice(
        r.bookings.length
          ? `Reste de la journée libéré : ${r.bookings.map((b) => halfNames[b.half]).join(' et ')}. Le poste est de nouveau libre.`
          : "Il n'y avait plus rien à libérer aujourd'hui.",
      );
      props.onChanged();
    } catch (e) {
      setError(`Libération impossible : ${messageOf(e)}`);
    }
  };
  return (
    <section class="escale-card fr-mb-3w">
      <h2 class="fr-h5 fr-mb-2w">Aujourd'hui</h2>
      <div>
        <Notice message={notice} />
        {error && <ErrorAlert>{error}</ErrorAlert>}
        {mine.length === 0 && !notice && <p>Pas de poste réservé aujourd'hui.</p>}
        {mine.length > 0 && (
          <>
            <p class="fr-mb-2w">
              {mine.map((b) => `Poste ${b.desk_label} (${halfNames[b.half]})`).join(', ')}. Vous partez plus tôt ? Libérez
              votre poste pour un collègue.
            </p>
            <button type="button" class="fr-btn fr-btn--secondary fr-icon-logout-box-r-line fr-btn--icon-left" onClick={release}>
              Libérer le reste de ma journée
            </button>
          </>
        )}
      </div>
    </section>
  );
}

// « Mon casier »: the one I hold (with a button to give it back), or the free ones nearest first.
export function LockerCard() {
  const [held, setHeld] = useState<HeldLocker | null | undefined>(undefined);
  const [free, setFree] = useState<FreeLocker[]>([]);
  const [choice, setChoice] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  // The free lockers are asked for only when wanted (a large site has hundreds).
  const [wanted, setWanted] = useState(false);
  const load = useCallback(async (withFree: boolean) => {
    try {
      const mine = await get<HeldLocker>('/api/v1/me/locker').catch((e) => {
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      });
      setHeld(mine);
      if (!mine && withFree) {
        const list = await get<FreeLocker[]>('/api/v1/me/free-lockers');
        setFree(list);
        setChoice(list[0] ? String(list[0].id) : '');
      }
    } catch (e) {
      setHeld(null);
      setError(messageOf(e));
    }
  }, []);
  useEffect(() => {
    load(wanted);
  }, [load, wanted]);

  const take = async (e: Event) => {
    e.preventDefault();
    try {
      const got = await post<HeldLocker>('/api/v1/me/locker', choice ? { locker_id: Number(choice) } : {});
      setError(null);
      setNotice(`Casier ${got.locker.label} attribué (${where(got.floor_name, got.zone_name)}).`);
      setWanted(false);
      await load(false);
    } catch (err) {
      setError(messageOf(err));
      await load(true);
    }
  };
  const giveBack = async () => {
    if (!held) return;
    try {
      await del('/api/v1/me/locker');
      setError(null);
      setNotice(`Casier ${held.locker.label} rendu.`);
      if (wanted) await load(true);
      else setWanted(true);
    } catch (err) {
      setError(`Impossible de rendre le casier : ${messageOf(err)}`);
    }
  };

  return (
    <section class="escale-card fr-mb-3w">
      <h2 class="fr-h5 fr-mb-2w">Mon casier</h2>
      <div>
        <Notice message={notice} />
        {held === undefined ? (
          <p aria-busy="true">Chargement…</p>
        ) : held ? (
          <>
            <p class="fr-mb-2w">
              Casier <strong>{held.locker.label}</strong> — {where(held.floor_name, held.zone_name)}.
            </p>
            {error && <ErrorAlert>{error}</ErrorAlert>}
            <button type="button" class="fr-btn fr-btn--tertiary fr-btn--sm" onClick={giveBack}>
              Rendre mon casier
            </button>
          </>
        ) : !wanted ? (
          <>
            {error && <ErrorAlert>{error}</ErrorAlert>}
            <p class="fr-mb-2w">Vous n'avez pas de casier.</p>
            <button type="button" class="fr-btn fr-btn--secondary fr-btn--sm" onClick={() => setWanted(true)}>
              Choisir un casier
            </button>
          </>
        ) : free.length === 0 ? (
          <>
            {error && <ErrorAlert>{error}</ErrorAlert>}
            <p>Aucun casier libre sur votre site pour le moment.</p>
          </>
        ) : (
          <form onSubmit={take}>
            <div class={`fr-select-group${error ? ' fr-select-group--error' : ''}`}>
              <label class="fr-label" for="casier">
                Choisir un casier
                <span class="fr-hint-text">Les plus proches de votre service d'abord.</span>
              </label>
              <select class="fr-select" id="casier" value={choice} aria-describedby={error ? 'casier-erreur' : undefined}
                onChange={(e) => setChoice((e.target as HTMLSelectElement).value)}>
                {free.slice(0, 50).map((l) => (
                  <option value={String(l.id)} key={l.id}>
                    {l.label} — {where(l.floor_name, l.zone_name)} ({nearnessNames[l.nearness]})
                  </option>
                ))}
              </select>
              {error && (
                <p class="fr-error-text" id="casier-erreur">
                  {error}
                </p>
              )}
            </div>
            <button type="submit" class="fr-btn fr-btn--sm">
              Prendre ce casier
            </button>
          </form>
        )}
      </div>
    </section>
  );
}

// « Mes espaces réservés »: my collective space bookings of the coming two weeks.
export function SpaceBookingsCard(props: { today: string }) {
  const [list, setList] = useState<SpaceBooking[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    get<SpaceBooking[]>(withQuery('/api/v1/me/space-bookings', { from: props.today, to: addDays(props.today, 13) })).then(
      setList,
      (e) => setError(messageOf(e)),
    );
  }, [props.today]);
  return (
    <section class="escale-card fr-mb-3w">
      <h2 class="fr-h5 fr-mb-2w">Mes espaces réservés</h2>
      <div>
        {error && <ErrorAlert>{error}</ErrorAlert>}
        {!list ? (
          !error && <p aria-busy="true">Chargement…</p>
        ) : list.length === 0 ? (
          <p>Aucune réservation d'espace dans les deux semaines à venir.</p>
        ) : (
          <ul>
            {list.map((b) => (
              <li key={b.id}>
                {capitalise(formatDate(b.start.slice(0, 10)))}, {clock(b.start)} – {clock(b.end)} : <strong>{b.space_name}</strong>
                {b.subject && ` (${b.subject})`}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

// « 14 h 30 » (« 9 h » on the hour) from a local time with its offset, as the site's clock reads it.
function clock(local: string): string {
  const [h, m] = local.slice(11, 16).split(':');
  return m === '00' ? `${Number(h)} h` : `${Number(h)} h ${m}`;
}
