// SPDX-License-Identifier: EUPL-1.2
// Ma présence (issue 10, item 6): my week of presence, half-day by half-day (a desk booking
// means on site; otherwise what I declared, otherwise my weekly pattern), each half-day
// changeable; whether colleagues may find me; who of my service is on site this week (names
// of those who show themselves, a count of the others from 5 people on); and finding a
// colleague by name. Reads /api/v1/me/presence, /api/v1/me/presence-settings,
// /api/v1/services/{id}/presence and /api/v1/colleagues.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError, get, put, withQuery } from '../api';
import { ErrorAlert, Notice } from '../components/Alert';
import { WeekTable } from '../components/WeekTable';
import { PageTitle } from '../components/PageTitle';
import { messageOf } from '../data';
import { addDays, capitalise, formatDate, halfNames, mondayOf, today } from '../format';
import { session } from '../session';
import { halves, statusNames, type PresenceDay, type PresenceHalf, type PresencePlan, type PresenceSource, type PresenceStatus } from '../presence';
import type { Half } from '../types';

type Status = PresenceStatus;
type Source = PresenceSource;

interface HalfCount {
  visible_on_site: number;
  others_on_site: number | null;
}
interface ServicePresence {
  service_name: string;
  members: number;
  others: number;
  visible: { resident_id: number; display_name: string; days: PresenceDay[] }[];
  days: { date: string; closed: boolean; am: HalfCount; pm: HalfCount }[];
}
interface ColleagueSearch {
  today: string;
  colleagues: { resident_id: number; display_name: string; service_name: string; days: PresenceDay[] }[];
}

const sourceNames: Record<Source, string> = {
  reservation: 'poste réservé',
  declaration: 'déclaré',
  modele: 'modèle de semaine',
  aucune: 'non renseigné',
};

function describeHalf(h: PresenceHalf): string {
  if (!h.status) return 'Non renseigné';
  return `${statusNames[h.status]}${h.desk ? ` — poste ${h.desk.label}` : ''}`;
}

// Where a booked desk is (its quartier, else its floor), on a line of its own in the week.
const deskPlace = (h: PresenceHalf) => (h.desk ? h.desk.zone_name || h.desk.floor_name : '');

export function PresencePage() {
  const s = session.value;
  const [monday, setMonday] = useState(() => mondayOf(today()));
  const [notice, setNotice] = useState<string | null>(null);
  if (!s) return null;
  return (
    <>
      <PageTitle title="Ma présence" />
      <p>Indiquez où vous serez chaque demi-journée. Un poste réservé vaut « sur site ».</p>
      <Notice message={notice} />
      <div class="fr-btns-group fr-btns-group--inline-sm fr-mb-2w">
        <button class="fr-btn fr-btn--secondary fr-btn--sm" type="button" onClick={() => setMonday(addDays(monday, -7))}>
          Semaine précédente
        </button>
        <button class="fr-btn fr-btn--secondary fr-btn--sm" type="button" onClick={() => setMonday(addDays(monday, 7))}>
          Semaine suivante
        </button>
      </div>
      <MyWeek monday={monday} onNotice={setNotice} />
      <Visibility onNotice={setNotice} />
      {s.resident.service_id !== null && <ServiceWeek serviceId={s.resident.service_id} monday={monday} />}
      <FindColleague />
    </>
  );
}

function MyWeek({ monday, onNotice }: { monday: string; onNotice: (m: string | null) => void }) {
  const [plan, setPlan] = useState<PresencePlan | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<{ date: string; half: Half; status: Status } | null>(null);
  const load = useCallback(async () => {
    try {
      setPlan(await get<PresencePlan>(withQuery('/api/v1/me/presence', { from: monday, to: addDays(monday, 6) })));
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    }
  }, [monday]);
  useEffect(() => {
    load();
  }, [load]);

  const declare = async (date: string, half: Half, status: Status | null, cancelBookings = false) => {
    const when = `${formatDate(date)} ${halfNames[half]}`;
    try {
      await put('/api/v1/me/presence', { days: [{ date, half, status }], cancel_bookings: cancelBookings });
      setPending(null);
      setError(null);
      onNotice(status ? `${capitalise(when)} : ${statusNames[status].toLowerCase()}.` : `${capitalise(when)} : selon votre modèle de semaine.`);
      await load();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'presence_contradicts_booking' && status) setPending({ date, half, status });
      setError(`${capitalise(when)} : ${messageOf(e)}`);
    }
  };

  return (
    <section class="fr-mb-4w" aria-labelledby="ma-semaine-presence">
      <h2 class="fr-h4" id="ma-semaine-presence">
        Semaine du {formatDate(monday)}
      </h2>
      {error && (
        <ErrorAlert>
          {error}
          {pending && (
            <p class="fr-mt-1w">
              <button class="fr-btn fr-btn--sm" type="button" onClick={() => declare(pending.date, pending.half, pending.status, true)}>
                Déclarer et annuler la réservation
              </button>
            </p>
          )}
        </ErrorAlert>
      )}
      {!plan ? (
        <p aria-busy="true">Chargement de votre présence…</p>
      ) : (
        <WeekTable
          caption={`Ma présence, semaine du ${formatDate(monday)}`}
          days={plan.days.map((d) => d.date)}
          closed={(date) => (plan.days.find((d) => d.date === date)?.closed ? 'Fermé' : null)}
          cell={(date, half) => <HalfCell key={half} date={date} half={half} cell={plan.days.find((d) => d.date === date)![half]} onDeclare={declare} />}
        />
      )}
    </section>
  );
}

function HalfCell(props: { date: string; half: Half; cell: PresenceHalf; onDeclare: (d: string, h: Half, s: Status | null) => void }) {
  const { date, half, cell } = props;
  const id = `presence-${date}-${half}`;
  const value = cell.source === 'declaration' || (cell.source === 'reservation' && cell.declared) ? cell.declared ?? '' : '';
  return (
    <td>
      <p class="fr-mb-1v">
        <strong>{describeHalf(cell)}</strong> <span class="fr-text--xs">({sourceNames[cell.source]})</span>
        {cell.desk && <span class="escale-muted escale-zone-name fr-text--xs">{deskPlace(cell)}</span>}
      </p>
      <div class="fr-select-group fr-mb-0">
        <label class="fr-label fr-sr-only" for={id}>
          Présence du {formatDate(date)}, {halfNames[half]}
        </label>
        <select
          class="fr-select"
          id={id}
          value={value}
          onChange={(e) => {
            const v = (e.target as HTMLSelectElement).value;
            props.onDeclare(date, half, v === '' ? null : (v as Status));
          }}
        >
          <option value="">Selon mon modèle</option>
          {(Object.keys(statusNames) as Status[]).map((st) => (
            <option key={st} value={st}>
              {statusNames[st]}
            </option>
          ))}
        </select>
      </div>
    </td>
  );
}

function Visibility({ onNotice }: { onNotice: (m: string | null) => void }) {
  const [visible, setVisible] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    get<{ visible_to_colleagues: boolean }>('/api/v1/me/presence-settings')
      .then((r) => setVisible(r.visible_to_colleagues))
      .catch((e) => setError(messageOf(e)));
  }, []);
  const change = async (v: boolean) => {
    try {
      const r = await put<{ visible_to_colleagues: boolean }>('/api/v1/me/presence-settings', { visible_to_colleagues: v });
      setVisible(r.visible_to_colleagues);
      setError(null);
      onNotice(v ? 'Vos collègues peuvent vous trouver.' : 'Vos collègues ne peuvent plus vous trouver.');
    } catch (e) {
      setError(messageOf(e));
    }
  };
  return (
    <section class="fr-mb-4w" aria-labelledby="me-laisser-trouver">
      <h2 class="fr-h4" id="me-laisser-trouver">
        Me laisser trouver
      </h2>
      {error && <ErrorAlert>{error}</ErrorAlert>}
      {visible !== null && (
        <div class="fr-checkbox-group">
          <input type="checkbox" id="visible-collegues" checked={visible} onChange={(e) => change((e.target as HTMLInputElement).checked)} />
          <label class="fr-label" for="visible-collegues">
            Mes collègues peuvent me trouver et voir où je suis
            <span class="fr-hint-text">Sinon, vous n'êtes que compté dans la vue de votre service, et seulement parmi au moins 5 personnes.</span>
          </label>
        </div>
      )}
    </section>
  );
}

function ServiceWeek({ serviceId, monday }: { serviceId: number; monday: string }) {
  const [view, setView] = useState<ServicePresence | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    get<ServicePresence>(withQuery(`/api/v1/services/${serviceId}/presence`, { from: monday, to: addDays(monday, 6) }))
      .then((v) => {
        setView(v);
        setError(null);
      })
      .catch((e) => setError(messageOf(e)));
  }, [serviceId, monday]);
  const names = (date: string, half: Half) =>
    view?.visible.filter((m) => m.days.find((d) => d.date === date)?.[half].status === 'sur_site').map((m) => m.display_name) ?? [];
  const count = (c: HalfCount) => (c.others_on_site === null ? '' : ` + ${c.others_on_site} autre${c.others_on_site > 1 ? 's' : ''}`);
  return (
    <section class="fr-mb-4w" aria-labelledby="mon-service">
      <h2 class="fr-h4" id="mon-service">
        Mon service sur site{view ? ` — ${view.service_name}` : ''}
      </h2>
      {error && <ErrorAlert>{error}</ErrorAlert>}
      {!view ? (
        !error && <p aria-busy="true">Chargement de la semaine du service…</p>
      ) : (
        <>
          <p>
            {view.members} membre{view.members > 1 ? 's' : ''} ; {view.others} ne se montre{view.others > 1 ? 'nt' : ''} pas
            {view.others < 5 ? ' (trop peu pour être comptés)' : ''}.
          </p>
          <WeekTable
            caption={`Mon service sur site, semaine du ${formatDate(monday)}`}
            days={view.days.filter((d) => !d.closed).map((d) => d.date)}
            cell={(date, half) => (
              <td key={half}>
                {names(date, half).join(', ') || 'Personne de visible'}
                {count(view.days.find((d) => d.date === date)![half])}
              </td>
            )}
          />
        </>
      )}
    </section>
  );
}

function FindColleague() {
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<ColleagueSearch | null>(null);
  const [error, setError] = useState<string | null>(null);
  const search = async (e: Event) => {
    e.preventDefault();
    try {
      setFound(await get<ColleagueSearch>(withQuery('/api/v1/colleagues', { q: query })));
      setError(null);
    } catch (err) {
      setFound(null);
      setError(messageOf(err));
    }
  };
  return (
    <section class="fr-mb-4w" aria-labelledby="trouver-collegue">
      <h2 class="fr-h4" id="trouver-collegue">
        Trouver un collègue
      </h2>
      <form onSubmit={search} class="fr-mb-2w">
        <div class="fr-input-group">
          <label class="fr-label" for="collegue-nom">
            Nom ou prénom
            <span class="fr-hint-text">Le début suffit, sans accents. Seuls les collègues qui se laissent trouver apparaissent.</span>
          </label>
          <input class="fr-input" id="collegue-nom" type="search" value={query} onInput={(e) => setQuery((e.target as HTMLInputElement).value)} />
        </div>
        <button class="fr-btn" type="submit">
          Chercher
        </button>
      </form>
      {error && <ErrorAlert>{error}</ErrorAlert>}
      <div aria-live="polite">
        {found &&
          (found.colleagues.length === 0 ? (
            <p>Aucun collègue trouvé.</p>
          ) : (
            <ul class="escale-colleagues">
              {found.colleagues.map((c) => {
                const day = c.days.find((d) => d.date === found.today);
                return (
                  <li key={c.resident_id} class="fr-mb-2w">
                    <strong>{c.display_name}</strong>
                    {c.service_name && ` — ${c.service_name}`}
                    {day && (
                      <ul>
                        {halves.map((half) => (
                          <li key={half}>
                            Aujourd'hui, {halfNames[half]} : {day.closed ? 'site fermé' : describeHalf(day[half])}
                            {!day.closed && day[half].desk && `, ${deskPlace(day[half])}`}
                          </li>
                        ))}
                      </ul>
                    )}
                    <p class="fr-text--sm fr-mb-0">
                      Cette semaine :{' '}
                      {c.days
                        .filter((d) => !d.closed)
                        .map((d) => `${formatDate(d.date)} ${d.am.status ? statusNames[d.am.status].toLowerCase() : '—'} / ${d.pm.status ? statusNames[d.pm.status].toLowerCase() : '—'}`)
                        .join(' ; ')}
                    </p>
                  </li>
                );
              })}
            </ul>
          ))}
      </div>
    </section>
  );
}
