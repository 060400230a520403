// SPDX-License-Identifier: EUPL-1.2
// Plan: a floor on a date and half-day (or the whole day), as a plan or as a list (the
// choice is remembered), with a legend; a free desk is booked in one click, or with Enter.
// The address holds the choice (/plan?date=2026-03-03&demi=am&etage=1) so that Ma semaine
// links here and a reload keeps it; opened without a date, it shows the next half-day open.
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { get, getText, post, withQuery } from '../api';
import { ErrorAlert, Notice } from '../components/Alert';
import { CalendarDownload } from '../components/CalendarDownload';
import { PageTitle } from '../components/PageTitle';
import { fetchOnce, messageOf, prefetch, siteDetail, useSite } from '../data';
import { capitalise, formatDate, periodNames } from '../format';
import { DeskList } from '../plan/DeskList';
import { deskViews, stateNames, type DeskView } from '../plan/deskState';
import { FloorPlan } from '../plan/FloorPlan';
import { changedDesks, useLiveFloor } from '../plan/liveFloor';
import { sanitisePlan, type SanitisedPlan } from '../plan/sanitiseSvg';
import { currentQuery, navigate } from '../router';
import { canBook, session } from '../session';
import type { BookingsResponse, FloorAvailability, Period, SiteDetail } from '../types';

const viewKey = 'escale.plan.vue';
type View = 'plan' | 'liste';

function storedView(): View {
  try {
    return localStorage.getItem(viewKey) === 'liste' ? 'liste' : 'plan';
  } catch {
    return 'plan';
  }
}

// Without a date, the server answers for the day of the site's next open half-day.
const availabilityUrl = (floorId: number, date?: string) => withQuery(`/api/v1/floors/${floorId}/availability`, { date });
const planUrl = (floorId: number) => `/api/v1/floors/${floorId}/plan`;
const planText = (url: string) => getText(url, 'image/svg+xml');
const readAvailability = (url: string) => get<FloorAvailability>(url);

// Called at start when the address is the plan of a known floor: its availability and its
// drawing are asked for while the session is (the cookie is all they need), and the site's
// detail as soon as the availability names the site, rather than after the session.
export function prefetchPlan(query: URLSearchParams) {
  const floorId = Number(query.get('etage'));
  if (!floorId) return;
  prefetch(availabilityUrl(floorId, askedDate(query)), (url) =>
    readAvailability(url).then((a) => {
      siteDetail(a.floor.site_id).catch(() => undefined);
      return a;
    }),
  );
  prefetch(planUrl(floorId), planText);
}

function askedDate(query: URLSearchParams): string | undefined {
  const d = query.get('date') ?? '';
  return /^\d{4}-\d{2}-\d{2}$/.test(d) ? d : undefined;
}

function askedFloor(query: URLSearchParams, site: SiteDetail | null, serviceId: number | null) {
  const myZone = site?.zones.find((z) => z.service_id === serviceId);
  return Number(query.get('etage')) || myZone?.floor_id || site?.floors[0]?.id;
}

export function PlanPage() {
  return askedDate(currentQuery.value) ? <FloorOnDate /> : <OpeningDay />;
}

// The plan opened without a date (from the menu): the server says which day, the one of the
// site's next open half-day (so that, in the evening, the plan opens on tomorrow rather than
// on a day over), and its afternoon if the morning is over. The address then holds the
// choice, as if Ma semaine had linked here; the answer is handed over, not asked again.
function OpeningDay() {
  const site = useSite();
  const query = currentQuery.value;
  const floorId = askedFloor(query, site.data, session.value!.resident.service_id);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!floorId) return;
    fetchOnce(availabilityUrl(floorId), readAvailability).then(
      (a) => {
        prefetch(availabilityUrl(floorId, a.date), () => Promise.resolve(a));
        const demi = query.get('demi') ?? (a.refusals.am?.code === 'past' ? 'pm' : 'am');
        navigate(withQuery('/plan', { date: a.date, demi, etage: String(floorId) }), { replace: true });
      },
      (e) => setError(messageOf(e)),
    );
  }, [floorId]);
  if (site.error || error) return <ErrorAlert>{site.error ?? error}</ErrorAlert>;
  return (
    <>
      <PageTitle title="Plan">Réserver un poste</PageTitle>
      <p aria-busy="true">Chargement du niveau…</p>
    </>
  );
}

function FloorOnDate() {
  const site = useSite();
  const s = session.value!;
  const query = currentQuery.value;
  const date = askedDate(query)!;
  const demi = query.get('demi');
  const period: Period = demi === 'pm' || demi === 'day' ? demi : 'am';
  const floors = site.data?.floors ?? [];
  const floorId = askedFloor(query, site.data, s.resident.service_id);

  const [view, setView] = useState<View>(storedView);
  const [availability, setAvailability] = useState<FloorAvailability | null>(null);
  const [plan, setPlan] = useState<SanitisedPlan | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [booked, setBooked] = useState<number[]>([]); // the bookings just made, offered as .ics
  const [busy, setBusy] = useState(false);
  const [changed, setChanged] = useState<Set<number>>(new Set());
  const [liveNotice, setLiveNotice] = useState<string | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const shownViews = useRef<{ key: string; views: DeskView[] }>({ key: '', views: [] });

  const setQuery = (changes: Record<string, string>) => {
    const next = { date, demi: period, etage: String(floorId ?? ''), ...changes };
    navigate(withQuery('/plan', next), { replace: true });
    setNotice(null);
    setBooked([]);
    setError(null);
  };

  const loadAvailability = useCallback(async () => {
    if (!floorId) return;
    try {
      setAvailability(await fetchOnce(availabilityUrl(floorId, date), readAvailability));
    } catch (e) {
      setError(messageOf(e));
    }
  }, [floorId, date]);

  useEffect(() => {
    setAvailability(null);
    setChanged(new Set());
    loadAvailability();
  }, [loadAvailability]);

  // Live updates: what someone else booked or freed shows within a second or two, highlighted
  // for a few seconds and told to screen readers.
  const liveReload = useCallback(async () => {
    if (!floorId) return;
    try {
      setAvailability(await readAvailability(availabilityUrl(floorId, date)));
    } catch {
      // The next change or reconnection reads again; the plan shown stays as it was.
    }
  }, [floorId, date]);
  useLiveFloor(floorId, date, liveReload);

  useEffect(() => {
    if (!floorId) return;
    fetchOnce(planUrl(floorId), planText).then(
      (text) => setPlan(sanitisePlan(text)),
      (e) => setError(messageOf(e)),
    );
  }, [floorId]);

  const computed: DeskView[] = useMemo(
    () =>
      availability && site.data
        ? deskViews(availability.desks, site.data.zones, s.resident.service_id, period, date, availability.today)
        : [],
    [availability, site.data, period, date, s.resident.service_id],
  );
  // The desks whose state changed from one read to the next of the same floor, day and half-day.
  useEffect(() => {
    const key = `${floorId}|${date}|${period}`;
    const before = shownViews.current.key === key ? shownViews.current.views : [];
    shownViews.current = { key, views: computed };
    if (!before.length || !computed.length) return;
    const diff = changedDesks(before, computed).filter((v) => v.state !== 'yours');
    if (!diff.length) return;
    setChanged(new Set(diff.map((v) => v.desk.id)));
    setLiveNotice(
      diff.length === 1
        ? `Le poste ${diff[0].desk.label} est maintenant ${stateNames[diff[0].state]}.`
        : `${diff.length} postes viennent de changer : ${diff.map((v) => `${v.desk.label} ${stateNames[v.state]}`).join(', ')}.`,
    );
    const timer = setTimeout(() => setChanged(new Set()), 4000);
    return () => clearTimeout(timer);
  }, [computed]);
  useEffect(() => setLiveNotice(null), [floorId, date, period]);
  const views = useMemo(
    () => (changed.size ? computed.map((v) => (changed.has(v.desk.id) ? { ...v, changed: true } : v)) : computed),
    [computed, changed],
  );

  const refusal =
    availability && (period === 'day' ? availability.refusals.am ?? availability.refusals.pm : availability.refusals[period]);
  const when = `${formatDate(date)}, ${periodNames[period]}`;
  // Every desk taken for a half-day an agent could book: they may wait for one.
  const full = !!availability && !refusal && period !== 'day' && canBook(s) &&
    !views.some((v) => v.state === 'free' || v.state === 'yours');

  const book = async (v: DeskView) => {
    if (busy) return;
    if (!canBook(s)) {
      setError("Votre rôle ne permet pas de réserver de poste.");
      return;
    }
    if (refusal) {
      setError(refusal.message);
      return;
    }
    if (v.state === 'yours') {
      setNotice(`Le poste ${v.desk.label} est déjà à vous (${when}). Pour l'annuler, passez par Ma semaine.`);
      return;
    }
    if (v.state !== 'free') {
      setError(`Le poste ${v.desk.label} n'est pas libre (${when}). Choisissez un poste libre.`);
      return;
    }
    setBusy(true);
    try {
      const made = await post<BookingsResponse>('/api/v1/desk-bookings', { desk_id: v.desk.id, date, period });
      setError(null);
      setNotice(`Poste ${v.desk.label} réservé : ${when}.`);
      setBooked(made.bookings.map((b) => b.id));
    } catch (e) {
      setNotice(null);
      setBooked([]);
      setError(`Réservation du poste ${v.desk.label} impossible : ${messageOf(e)}`);
    } finally {
      setBusy(false);
      await loadAvailability();
    }
  };

  const chooseView = (v: View) => {
    setView(v);
    try {
      localStorage.setItem(viewKey, v);
    } catch {
      // A browser that keeps nothing shows the plan next time.
    }
  };

  if (site.error) return <ErrorAlert>{site.error}</ErrorAlert>;
  const floor = floors.find((f) => f.id === floorId);
  const label = `Plan du niveau ${floor?.name ?? ''}, ${when}`;
  return (
    <>
      <PageTitle title="Plan" >Réserver un poste</PageTitle>
      <form class="escale-plan-controls fr-mb-2w" onSubmit={(e) => e.preventDefault()}>
        <div class="fr-grid-row fr-grid-row--gutters">
          {floors.length > 1 && (
            <div class="fr-col-12 fr-col-md-4">
              <div class="fr-select-group">
                <label class="fr-label" for="etage">
                  Niveau
                </label>
                <select class="fr-select" id="etage" value={String(floorId)} onChange={(e) => setQuery({ etage: (e.target as HTMLSelectElement).value })}>
                  {floors.map((f) => (
                    <option value={String(f.id)} key={f.id}>
                      {f.name}
                    </option>
                  ))}
                </select>
              </div>
            </div>
          )}
          <div class="fr-col-12 fr-col-md-4">
            <div class="fr-input-group">
              <label class="fr-label" for="date">
                Date
                <span class="fr-hint-text">{capitalise(formatDate(date))}</span>
              </label>
              <input class="fr-input" type="date" id="date" value={date}
                onChange={(e) => {
                  const v = (e.target as HTMLInputElement).value;
                  if (v) setQuery({ date: v });
                }} />
            </div>
          </div>
          <div class="fr-col-12 fr-col-md-4">
            <fieldset class="fr-segmented fr-segmented--sm">
              <legend class="fr-segmented__legend">Demi-journée</legend>
              <div class="fr-segmented__elements">
                {(['am', 'pm', 'day'] as Period[]).map((p) => (
                  <div class="fr-segmented__element" key={p}>
                    <input type="radio" name="demi" id={`demi-${p}`} value={p} checked={period === p} onChange={() => setQuery({ demi: p })} />
                    <label class="fr-label" for={`demi-${p}`}>
                      {capitalise(periodNames[p])}
                    </label>
                  </div>
                ))}
              </div>
            </fieldset>
          </div>
        </div>
      </form>
      <div class="escale-plan-toolbar fr-mb-2w">
        <fieldset class="fr-segmented fr-segmented--sm">
          <legend class="fr-segmented__legend">Affichage</legend>
          <div class="fr-segmented__elements">
            <div class="fr-segmented__element">
              <input type="radio" name="vue" id="vue-plan" checked={view === 'plan'} onChange={() => chooseView('plan')} />
              <label class="fr-label" for="vue-plan">
                Plan
              </label>
            </div>
            <div class="fr-segmented__element">
              <input type="radio" name="vue" id="vue-liste" checked={view === 'liste'} onChange={() => chooseView('liste')} />
              <label class="fr-label" for="vue-liste">
                Liste
              </label>
            </div>
          </div>
        </fieldset>
      </div>
      <div ref={resultRef} tabIndex={-1} class="escale-plan-result">
        <Notice message={notice} />
        {notice && <CalendarDownload kind="desk-bookings" ids={booked} />}
        <Notice message={liveNotice} kind="info" />
        {error && <ErrorAlert>{error}</ErrorAlert>}
        {refusal && (
          <div class="fr-alert fr-alert--info fr-alert--sm fr-mb-2w">
            <p>
              Réservation impossible le {formatDate(date)}. {refusal.message}
            </p>
          </div>
        )}
        {full && (
          <div class="fr-alert fr-alert--info fr-alert--sm fr-mb-2w">
            <p>
              Aucun poste libre sur ce niveau ({when}).{' '}
              <a class="fr-link" href={withQuery('/attente', { date, demi: period, etage: String(floorId) })}>
                S'inscrire en liste d'attente
              </a>
            </p>
          </div>
        )}
      </div>
      {!availability ? (
        <p aria-busy="true">Chargement du niveau…</p>
      ) : view === 'plan' ? (
        <>
          <Legend />
          <FloorPlan plan={plan} views={views} label={label} onActivate={book} onLeave={() => resultRef.current?.focus()} />
        </>
      ) : (
        <DeskList views={views} zones={(site.data?.zones ?? []).filter((z) => z.floor_id === floorId)} caption={capitalise(label)} onBook={book} />
      )}
    </>
  );
}

function Legend() {
  const item = (state: string, name: string, glyph: string, extra = '') => (
    <li class="escale-legend-item">
      <svg class="escale-legend-swatch" viewBox="-2 -2 32 22" aria-hidden="true">
        <g class={`escale-desk escale-desk--${state}${extra}`}>
          <rect class="escale-desk-shape" width="28" height="18" rx="3" />
          <text class="escale-desk-label" x="14" y="12" text-anchor="middle">
            {glyph}
          </text>
        </g>
      </svg>
      {name}
    </li>
  );
  return (
    <div class="escale-legend fr-mb-2w">
      <h2 class="fr-h6 fr-mb-1w" id="legende">
        Légende
      </h2>
      <ul aria-labelledby="legende">
        {item('free', 'Libre (numéro du poste)', '12')}
        {item('yours', 'À moi', '✓')}
        {item('taken', 'Pris', '✕')}
        {item('partly', 'Pris une demi-journée', '◐')}
        {item('free', 'Hors de mon quartier (contour en tirets)', '12', ' escale-desk--elsewhere')}
        <li class="escale-legend-item">
          <span class="escale-legend-glyph" aria-hidden="true">
            ♿
          </span>
          Poste adapté
        </li>
      </ul>
    </div>
  );
}
