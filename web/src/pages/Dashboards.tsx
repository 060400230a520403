// SPDX-License-Identifier: EUPL-1.2
// Tableaux de bord (issue 13, item 7): the occupancy analytics of my site
// (GET /api/v1/sites/{id}/analytics) as SVG bar charts, each with its data table and its
// CSV/XLSX download, filtered by period, grouping and group (floor, quartier, service); the
// « Indicateurs » view a gestionnaire can show the préfet (GET /api/v1/sites/{id}/indicators
// and the portfolio GET /api/v1/indicators); and the flash-count form for a phone
// (POST /api/v1/sites/{id}/flash-counts) with today's counts against bookings.
import { useEffect, useState } from 'preact/hooks';
import { get, post, withQuery } from '../api';
import { ErrorAlert, Notice } from '../components/Alert';
import { BarChart } from '../components/BarChart';
import { PageTitle } from '../components/PageTitle';
import { TableFrame } from '../components/TableFrame';
import { messageOf, useSite } from '../data';
import { addDays, formatDate, today } from '../format';

interface GroupRow { group_id: number | null; group: string }
interface DeskRow extends GroupRow {
  start: string; end: string; half: 'am' | 'pm' | null;
  offered: number; booked: number; checked_in: number; no_show: number;
  booked_rate: number | null; checked_in_rate: number | null; no_show_rate: number | null;
  peak: number; p95: number; overflow: number;
}
interface WeekdayRow extends GroupRow { weekday: number; booked_rate: number | null; mean_booked: number | null }
interface TurnedAwayRow { start: string; end: string; half: 'am' | 'pm' | null; total: number }
interface SpaceRow extends GroupRow { start: string; end: string; hours_rate: number | null; hours_booked: number }
interface Analytics {
  withheld: boolean; desks: DeskRow[]; weekdays: WeekdayRow[]; turned_away: TurnedAwayRow[]; spaces: SpaceRow[];
}
interface Figures {
  residents: number; residents_fte: number; desks: number; sub_m2: number;
  taux_foisonnement: number | null; sub_m2_per_resident: number | null;
}
interface SiteIndicators extends Figures { name: string }
interface Portfolio { sites: SiteIndicators[]; total: Figures }
interface FlashCount {
  id: number; place: string; at: string; half: 'am' | 'pm'; people: number; booked: number | null; checked_in: number | null;
}

const groupings = [['site', 'Tout le site'], ['floor', 'Niveau'], ['quartier', 'Quartier'], ['service', 'Service'],
  ['space_type', "Type d'espace"]] as const;
const periods = [['day', 'Jour'], ['week', 'Semaine'], ['month', 'Mois'], ['half_day', 'Demi-journée']] as const;
const weekdays = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];
const percent = (v: number | null) => (v === null ? '—' : `${(100 * v).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} %`);
const decimal = (v: number | null, digits = 2) => (v === null ? '—' : v.toLocaleString('fr-FR', { maximumFractionDigits: digits }));
// Short, for a chart's bar: « 3/11 matin », « 3/11 », « sem. du 2/11 », « mois du 1/11 ».
const dayMonth = (d: string) => `${Number(d.slice(8, 10))}/${Number(d.slice(5, 7))}`;
const shortLabel = (r: { start: string; end: string; half: 'am' | 'pm' | null }) =>
  r.start === r.end ? `${dayMonth(r.start)}${r.half ? (r.half === 'am' ? ' matin' : ' ap.-midi') : ''}`
    : `${r.start.slice(8, 10) === '01' ? 'mois du' : 'sem. du'} ${dayMonth(r.start)}`;
const periodLabel = (r: { start: string; end: string; half: 'am' | 'pm' | null }) =>
  r.start === r.end ? `${formatDate(r.start)}${r.half ? (r.half === 'am' ? ' matin' : ' après-midi') : ''}`
    : `${formatDate(r.start)} – ${formatDate(r.end)}`;

export function DashboardsPage() {
  const site = useSite();
  const siteId = site.data?.site.id;
  const timeZone = site.data?.site.time_zone ?? 'Europe/Paris';
  const [to, setTo] = useState(() => today(timeZone));
  const [from, setFrom] = useState(() => addDays(today(timeZone), -27));
  const [by, setBy] = useState('site');
  const [period, setPeriod] = useState('week');
  const [group, setGroup] = useState('');
  const [data, setData] = useState<Analytics | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!siteId) return;
    setBusy(true);
    get<Analytics>(withQuery(`/api/v1/sites/${siteId}/analytics`, { from, to, by, period })).then(
      (a) => { setData(a); setError(null); setBusy(false); },
      (e) => { setData(null); setError(messageOf(e)); setBusy(false); },
    );
  }, [siteId, from, to, by, period]);

  const query = { from, to, by, period };
  const csv = (table: string) => withQuery(`/api/v1/sites/${siteId}/analytics.csv`, { ...query, table });
  const xlsx = withQuery(`/api/v1/sites/${siteId}/analytics.xlsx`, query);
  const groups = data ? Array.from(new Set(data.desks.map((r) => r.group))) : [];
  const shown = group && groups.includes(group) ? group : groups[0] ?? '';
  const desks = data?.desks.filter((r) => r.group === shown) ?? [];
  const links = (table: string) => (
    <>
      <a class="fr-link fr-link--sm" href={csv(table)} download>Télécharger en CSV</a>{' · '}
      <a class="fr-link fr-link--sm" href={xlsx} download>Télécharger en XLSX</a>
    </>
  );

  return (
    <>
      <PageTitle title="Tableaux de bord" />
      {site.error && <ErrorAlert>{site.error}</ErrorAlert>}
      <form class="fr-mb-4w" onSubmit={(e) => e.preventDefault()} aria-describedby="filtres-aide">
        <p id="filtres-aide" class="fr-hint-text">Les chiffres changent dès qu'un filtre change.</p>
        <div class="fr-grid-row fr-grid-row--gutters">
          <div class="fr-col-12 fr-col-md-3 fr-input-group">
            <label class="fr-label" for="tdb-du">Du</label>
            <input class="fr-input" type="date" id="tdb-du" value={from} max={to}
              onChange={(e) => setFrom((e.target as HTMLInputElement).value || from)} />
          </div>
          <div class="fr-col-12 fr-col-md-3 fr-input-group">
            <label class="fr-label" for="tdb-au">Au</label>
            <input class="fr-input" type="date" id="tdb-au" value={to} min={from}
              onChange={(e) => setTo((e.target as HTMLInputElement).value || to)} />
          </div>
          <div class="fr-col-12 fr-col-md-2 fr-select-group">
            <label class="fr-label" for="tdb-periode">Période</label>
            <select class="fr-select" id="tdb-periode" value={period}
              onChange={(e) => setPeriod((e.target as HTMLSelectElement).value)}>
              {periods.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
            </select>
          </div>
          <div class="fr-col-12 fr-col-md-2 fr-select-group">
            <label class="fr-label" for="tdb-par">Regrouper par</label>
            <select class="fr-select" id="tdb-par" value={by}
              onChange={(e) => { setBy((e.target as HTMLSelectElement).value); setGroup(''); }}>
              {groupings.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
            </select>
          </div>
          <div class="fr-col-12 fr-col-md-2 fr-select-group">
            <label class="fr-label" for="tdb-groupe">Afficher</label>
            <select class="fr-select" id="tdb-groupe" value={shown} disabled={groups.length < 2}
              onChange={(e) => setGroup((e.target as HTMLSelectElement).value)}>
              {groups.map((g) => <option key={g} value={g}>{g}</option>)}
            </select>
          </div>
        </div>
      </form>
      <div aria-busy={busy ? 'true' : 'false'} aria-live="polite">
        {error && <ErrorAlert title="Les chiffres n'ont pas pu être lus">{error}</ErrorAlert>}
        {data?.withheld && (
          <Notice kind="info" message="Ce site compte moins de 5 personnes : aucun chiffre n'est donné." />
        )}
        {data && !data.withheld && (
          <>
            <h2 class="fr-h4">Postes{shown ? ` — ${shown}` : ''}</h2>
            <BarChart id="tdb-reservation" caption="Taux de réservation des postes par période"
              headings={['Période', 'Taux de réservation']}
              bars={desks.map((r) => ({ label: shortLabel(r), value: r.booked_rate, text: percent(r.booked_rate) }))}
              max={1} downloads={links('desks')} />
            <BarChart id="tdb-presence" caption="Taux de présence confirmée par période"
              headings={['Période', 'Taux de présence']}
              bars={desks.map((r) => ({ label: shortLabel(r), value: r.checked_in_rate, text: percent(r.checked_in_rate) }))}
              max={1} />
            <TableFrame label="Détail par période, tableau" extraClass="fr-mb-4w">
              <table>
                <caption>Détail par période : réservés, présences, absences, pic et 95e centile de la demande</caption>
                <thead>
                  <tr>
                    <th scope="col">Période</th><th scope="col">Offerts</th><th scope="col">Réservés</th>
                    <th scope="col">Présents</th><th scope="col">Absences</th><th scope="col">Taux d'absence</th>
                    <th scope="col">Pic</th><th scope="col">P95</th><th scope="col">Hors quartier</th>
                  </tr>
                </thead>
                <tbody>
                  {desks.map((r) => (
                    <tr key={r.start + (r.half ?? '')}>
                      <th scope="row">{periodLabel(r)}</th><td>{r.offered}</td><td>{r.booked}</td><td>{r.checked_in}</td>
                      <td>{r.no_show}</td><td>{percent(r.no_show_rate)}</td><td>{r.peak}</td><td>{r.p95}</td>
                      <td>{r.overflow}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableFrame>
            <BarChart id="tdb-semaine" caption="Taux de réservation selon le jour de la semaine"
              headings={['Jour', 'Taux de réservation']}
              bars={data.weekdays.filter((r) => r.group === shown)
                .map((r) => ({ label: weekdays[r.weekday - 1], value: r.booked_rate, text: percent(r.booked_rate) }))}
              max={1} downloads={links('weekdays')} />
            <BarChart id="tdb-refus" caption="Demande non servie (liste d'attente, réservations refusées)"
              headings={['Période', 'Demandes non servies']}
              bars={data.turned_away.map((r) => ({ label: shortLabel(r), value: r.total, text: String(r.total) }))}
              downloads={links('turned_away')} />
            <BarChart id="tdb-espaces" caption="Espaces collectifs : heures réservées sur heures d'ouverture"
              headings={['Période et espaces', "Taux d'usage"]}
              bars={data.spaces.filter((r) => r.hours_rate !== null || by === 'service')
                .map((r) => ({ label: by === 'site' ? shortLabel({ ...r, half: null }) : `${shortLabel({ ...r, half: null })}, ${r.group}`, value: r.hours_rate ?? r.hours_booked,
                  text: r.hours_rate === null ? `${decimal(r.hours_booked, 1)} h` : percent(r.hours_rate) }))}
              downloads={links('spaces')} />
          </>
        )}
      </div>
      {siteId && <IndicatorsView siteId={siteId} />}
      {siteId && <FlashCounts siteId={siteId} floors={site.data?.floors ?? []} timeZone={timeZone} />}
    </>
  );
}

function IndicatorsView({ siteId }: { siteId: number }) {
  const [site, setSite] = useState<SiteIndicators | null>(null);
  const [portfolio, setPortfolio] = useState<Portfolio | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    Promise.all([get<SiteIndicators>(`/api/v1/sites/${siteId}/indicators`), get<Portfolio>('/api/v1/indicators')]).then(
      ([s, p]) => { setSite(s); setPortfolio(p); },
      (e) => setError(messageOf(e)),
    );
  }, [siteId]);
  const row = (name: string, f: Figures) => (
    <tr key={name}>
      <th scope="row">{name}</th><td>{f.residents}</td><td>{decimal(f.residents_fte, 1)}</td><td>{f.desks}</td>
      <td>{decimal(f.taux_foisonnement)}</td><td>{decimal(f.sub_m2, 0)}</td><td>{decimal(f.sub_m2_per_resident, 1)}</td>
    </tr>
  );
  return (
    <section class="fr-mt-6w" aria-labelledby="indicateurs">
      <h2 id="indicateurs" class="fr-h4">Indicateurs</h2>
      <p>Indicateurs immobiliers de l'État (circulaire du 8 février 2023) : cible de 16 m² SUB par résident, plafond de 18 m².</p>
      {error && <ErrorAlert>{error}</ErrorAlert>}
      {site && portfolio && (
        <TableFrame label="Indicateurs, tableau">
          <table>
            <caption>Résidents, postes, taux de foisonnement et surface par résident, du site et du parc</caption>
            <thead>
              <tr>
                <th scope="col">Périmètre</th><th scope="col">Résidents</th><th scope="col">Résidents (ETP)</th>
                <th scope="col">Postes</th><th scope="col">Taux de foisonnement</th><th scope="col">m² SUB</th>
                <th scope="col">m² SUB par résident</th>
              </tr>
            </thead>
            <tbody>
              {row(site.name, site)}
              {portfolio.sites.length > 1 && portfolio.sites.filter((s) => s.name !== site.name).map((s) => row(s.name, s))}
              {portfolio.sites.length > 1 && row('Total du parc', portfolio.total)}
            </tbody>
          </table>
        </TableFrame>
      )}
      <p class="fr-text--sm">
        <a class="fr-link fr-link--sm" href={`/api/v1/sites/${siteId}/indicators.csv`} download>Indicateurs du site en CSV</a>{' · '}
        <a class="fr-link fr-link--sm" href={`/api/v1/sites/${siteId}/indicators.xlsx`} download>en XLSX</a>{' · '}
        <a class="fr-link fr-link--sm" href="/api/v1/indicators.xlsx" download>Indicateurs du parc en XLSX</a>
      </p>
    </section>
  );
}

function FlashCounts({ siteId, floors, timeZone }: { siteId: number; floors: { id: number; name: string }[]; timeZone: string }) {
  const [counts, setCounts] = useState<FlashCount[]>([]);
  const [floor, setFloor] = useState('');
  const [people, setPeople] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const day = today(timeZone);
  const load = () => get<{ flash_counts: FlashCount[] }>(withQuery(`/api/v1/sites/${siteId}/flash-counts`, { from: day, to: day }))
    .then((r) => setCounts(r.flash_counts), (e) => setError(messageOf(e)));
  useEffect(() => { load(); }, [siteId, day]);
  const submit = async (e: Event) => {
    e.preventDefault();
    setNotice(null);
    const n = Number(people);
    if (people === '' || !Number.isInteger(n) || n < 0) {
      setError('Indiquez un nombre entier de personnes, 0 ou plus.');
      return;
    }
    try {
      const made = await post<FlashCount>(`/api/v1/sites/${siteId}/flash-counts`, { people: n, ...(floor ? { floor_id: Number(floor) } : {}) });
      setError(null);
      setPeople('');
      setNotice(`Comptage enregistré : ${made.people} personnes (${made.place}).`);
      await load();
    } catch (err) {
      setError(messageOf(err));
    }
  };
  return (
    <section class="fr-mt-6w" aria-labelledby="comptage">
      <h2 id="comptage" class="fr-h4">Comptage flash</h2>
      <form onSubmit={submit} noValidate>
        {error && <ErrorAlert>{error}</ErrorAlert>}
        <Notice message={notice} />
        <div class="fr-select-group">
          <label class="fr-label" for="comptage-niveau">Lieu compté</label>
          <select class="fr-select" id="comptage-niveau" value={floor} onChange={(e) => setFloor((e.target as HTMLSelectElement).value)}>
            <option value="">Tout le site</option>
            {floors.map((f) => <option key={f.id} value={String(f.id)}>{f.name}</option>)}
          </select>
        </div>
        <div class="fr-input-group">
          <label class="fr-label" for="comptage-personnes">Personnes présentes maintenant</label>
          <input class="fr-input" id="comptage-personnes" type="number" inputMode="numeric" min={0} value={people}
            onInput={(e) => setPeople((e.target as HTMLInputElement).value)} />
        </div>
        <button class="fr-btn" type="submit">Enregistrer le comptage</button>
      </form>
      <TableFrame label="Comptages d'aujourd'hui, tableau" extraClass="fr-mt-2w">
        <table>
          <caption>Comptages d'aujourd'hui face aux réservations de la demi-journée</caption>
          <thead>
            <tr><th scope="col">Heure</th><th scope="col">Lieu</th><th scope="col">Comptés</th><th scope="col">Réservés</th><th scope="col">Présences confirmées</th></tr>
          </thead>
          <tbody>
            {counts.length === 0 && <tr><td colSpan={5}>Aucun comptage aujourd'hui.</td></tr>}
            {counts.map((c) => (
              <tr key={c.id}>
                <th scope="row">{new Date(c.at).toLocaleTimeString('fr-FR', { timeZone, hour: '2-digit', minute: '2-digit' })}</th>
                <td>{c.place}</td><td>{c.people}</td><td>{c.booked ?? '—'}</td><td>{c.checked_in ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableFrame>
    </section>
  );
}
