// SPDX-License-Identifier: EUPL-1.2
// Scénarios (issue 12, item 4): a future composition — services with their headcount and the
// weekday presence measured on my site (GET /api/v1/sites/{id}/presence-history), the
// building's desks and m² SUB — run as a job (POST /api/v1/planning/scenario, then
// GET /api/v1/planning/jobs/{id} with a progress bar), its daily demand drawn as an SVG chart
// beside an accessible table, saved, compared side by side, downloaded as CSV or XLSX. Quartiers
// (name and desks) may be described, each service drawing on one of them or on the shared
// desks; the answer then gives the desks needed and the slack of each pool.
import { useEffect, useState } from 'preact/hooks';
import { get, getAll, post } from '../api';
import { ErrorAlert, Notice } from '../components/Alert';
import { PageTitle } from '../components/PageTitle';
import { TableFrame } from '../components/TableFrame';
import { messageOf } from '../data';
import { session } from '../session';

interface Measured {
  residents: number;
  presence: number[];
  services: { service_id: number | null; name: string; residents: number; presence: number[] }[];
}
interface Day {
  weekday: string;
  mean_demand: number;
  p95: number;
  p_shortage: number;
}
interface Pool {
  name: string;
  residents: number;
  desks: number;
  desks_needed: number;
  slack: number;
  p_shortage: number;
}
interface Result {
  quartiers: Pool[];
  shared: Pool | null;
  epsilon: number;
  residents: number;
  desks: number;
  desks_needed_pooled: number;
  desks_needed_separate: number;
  days: Day[];
  surface?: { sub_m2_per_resident: number; verdict: string };
}
interface Job {
  id: string;
  state: 'queued' | 'running' | 'done' | 'failed';
  progress: number;
  result?: Result;
  error?: { message: string };
}
interface Saved {
  id: number;
  name: string;
  created_at: string;
}
interface Comparison {
  scenarios: Saved[];
  rows: { figure: string; decimals: number; values: (number | string | null)[] }[];
}
interface ServiceRow {
  name: string;
  residents: number;
  presence: number[];
  quartier: string;  // '' : the shared desks
}
interface QuartierRow {
  name: string;
  desks: number;
}

const dayNames = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi'];
const verdicts: Record<string, string> = {
  within_target: 'dans la cible de 16 m²',
  above_target: 'au-dessus de la cible de 16 m², sous le plafond de 18 m²',
  above_ceiling: 'au-dessus du plafond de 18 m²',
};
const number = (x: number, digits = 1) => x.toLocaleString('fr-FR', { maximumFractionDigits: digits });
const percent = (x: number) => `${number(100 * x, 1)} %`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Mean demand and P95 of each day as bars, the building's desks as a line.
function DemandChart({ result }: { result: Result }) {
  const top = Math.max(result.desks, ...result.days.map((d) => d.p95), 1);
  const h = 160;
  const y = (v: number) => h - (v / top) * h + 10;
  return (
    <svg class="escale-chart" viewBox="0 0 360 200" role="img" aria-labelledby="scenario-chart-title">
      <title id="scenario-chart-title">Présents en moyenne et P95 par jour, face aux {result.desks} postes</title>
      {result.days.map((d, i) => (
        <g key={d.weekday}>
          <rect class="escale-chart__mean" x={20 + i * 68} y={y(d.mean_demand)} width="24" height={h + 10 - y(d.mean_demand)} />
          <rect class="escale-chart__p95" x={46 + i * 68} y={y(d.p95)} width="24" height={h + 10 - y(d.p95)} />
          <text x={45 + i * 68} y="190" text-anchor="middle">{dayNames[i].slice(0, 3)}</text>
        </g>
      ))}
      <line class="escale-chart__desks" x1="10" x2="350" y1={y(result.desks)} y2={y(result.desks)} />
    </svg>
  );
}

export function ScenariosPage() {
  const siteId = session.value?.resident.site_id;
  const [measured, setMeasured] = useState<Measured | null>(null);
  const [rows, setRows] = useState<ServiceRow[]>([]);
  const [quartiers, setQuartiers] = useState<QuartierRow[]>([]);
  const [desks, setDesks] = useState('300');
  const [subM2, setSubM2] = useState('5760');
  const [job, setJob] = useState<Job | null>(null);
  const [name, setName] = useState('');
  const [saved, setSaved] = useState<Saved[]>([]);
  const [chosen, setChosen] = useState<number[]>([]);
  const [comparison, setComparison] = useState<Comparison | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(true);

  const loadSaved = () => getAll<Saved>(`/api/v1/sites/${siteId}/scenarios`).then(setSaved);
  useEffect(() => {
    if (!siteId) return;
    Promise.all([get<Measured>(`/api/v1/sites/${siteId}/presence-history`), loadSaved()])
      .then(([m]) => {
        setMeasured(m);
        const from = m.services.length ? m.services : [{ name: 'Site', residents: m.residents, presence: m.presence }];
        setRows(from.map((s) => ({ name: s.name, residents: s.residents * 10, presence: s.presence, quartier: '' })));
      })
      .catch((e) => setError(messageOf(e)))
      .finally(() => setBusy(false));
  }, [siteId]);

  const run = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setNotice(null);
    try {
      const started = await post<Job>('/api/v1/planning/scenario', {
        site_id: siteId, desks: Number(desks), sub_m2: Number(subM2),
        services: rows.map((r) => ({ name: r.name, residents: r.residents, presence: r.presence, ...(r.quartier ? { quartier: r.quartier } : {}) })),
        quartiers: quartiers.filter((q) => q.name.trim()),
      });
      let current = started;
      setJob(current);
      while (current.state === 'queued' || current.state === 'running') {
        await sleep(200);
        current = await get<Job>(`/api/v1/planning/jobs/${started.id}`);
        setJob(current);
      }
      if (current.state === 'failed') setError(current.error?.message ?? 'Le calcul a échoué.');
    } catch (err) {
      setError(messageOf(err));
    }
  };

  const save = async (e: Event) => {
    e.preventDefault();
    if (!job) return;
    try {
      await post(`/api/v1/sites/${siteId}/scenarios`, { name, job_id: job.id });
      setNotice(`Scénario « ${name} » enregistré.`);
      await loadSaved();
    } catch (err) {
      setError(messageOf(err));
    }
  };

  const compare = async () => {
    try {
      setComparison(await get<Comparison>(`/api/v1/sites/${siteId}/scenario-comparison?ids=${chosen.join(',')}`));
    } catch (err) {
      setError(messageOf(err));
    }
  };

  const result = job?.state === 'done' ? job.result : undefined;
  return (
    <div aria-busy={busy ? 'true' : 'false'}>
      <PageTitle title="Scénarios">
        <p>La présence mesurée sur votre site, appliquée à une composition future : postes nécessaires, risque de manque par jour, surface par résident.</p>
      </PageTitle>
      {error && <ErrorAlert>{error}</ErrorAlert>}
      <Notice message={notice} />
      {measured && (
        <form onSubmit={run}>
          <h2 class="fr-h4">Composition</h2>
          <TableFrame label="Services, tableau">
            <table>
              <caption>Services : effectif futur et présence mesurée (lundi à vendredi)</caption>
              <thead><tr><th scope="col">Service</th><th scope="col">Effectif</th><th scope="col">Présence mesurée</th><th scope="col">Quartier</th></tr></thead>
              <tbody>
                {rows.map((r, i) => (
                  <tr key={r.name}>
                    <th scope="row">{r.name}</th>
                    <td>
                      <input class="fr-input" type="number" min="0" aria-label={`Effectif du service ${r.name}`} value={r.residents}
                        onInput={(e) => setRows(rows.map((x, j) => (j === i ? { ...x, residents: Number((e.target as HTMLInputElement).value) } : x)))} />
                    </td>
                    <td>{r.presence.map((p) => percent(p)).join(' · ')}</td>
                    <td>
                      <select class="fr-select" aria-label={`Quartier du service ${r.name}`} value={r.quartier}
                        onChange={(e) => setRows(rows.map((x, j) => (j === i ? { ...x, quartier: (e.target as HTMLSelectElement).value } : x)))}>
                        <option value="">Postes partagés</option>
                        {quartiers.filter((q) => q.name.trim()).map((q) => <option key={q.name} value={q.name}>{q.name}</option>)}
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableFrame>
          <TableFrame label="Quartiers, tableau">
            <table>
              <caption>Quartiers du bâtiment futur (leurs postes font partie de ceux du bâtiment)</caption>
              <thead><tr><th scope="col">Nom</th><th scope="col">Postes</th><th scope="col">Action</th></tr></thead>
              <tbody>
                {quartiers.map((q, i) => (
                  <tr key={i}>
                    <td>
                      <input class="fr-input" aria-label={`Nom du quartier ${i + 1}`} value={q.name}
                        onInput={(e) => setQuartiers(quartiers.map((x, j) => (j === i ? { ...x, name: (e.target as HTMLInputElement).value } : x)))} />
                    </td>
                    <td>
                      <input class="fr-input" type="number" min="0" aria-label={`Postes du quartier ${i + 1}`} value={q.desks}
                        onInput={(e) => setQuartiers(quartiers.map((x, j) => (j === i ? { ...x, desks: Number((e.target as HTMLInputElement).value) } : x)))} />
                    </td>
                    <td>
                      <button class="fr-btn fr-btn--tertiary fr-btn--sm" type="button"
                        onClick={() => { setQuartiers(quartiers.filter((_, j) => j !== i)); setRows(rows.map((r) => (r.quartier === q.name ? { ...r, quartier: '' } : r))); }}>
                        Retirer le quartier {i + 1}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableFrame>
          <button class="fr-btn fr-btn--secondary fr-mb-3w" type="button" onClick={() => setQuartiers([...quartiers, { name: `Quartier ${quartiers.length + 1}`, desks: 0 }])}>
            Ajouter un quartier
          </button>
          <div class="fr-input-group">
            <label class="fr-label" for="scenario-desks">Postes du bâtiment</label>
            <input class="fr-input" id="scenario-desks" type="number" min="0" value={desks} onInput={(e) => setDesks((e.target as HTMLInputElement).value)} />
          </div>
          <div class="fr-input-group">
            <label class="fr-label" for="scenario-sub">Surface utile brute (m² SUB)</label>
            <input class="fr-input" id="scenario-sub" type="number" min="0" value={subM2} onInput={(e) => setSubM2((e.target as HTMLInputElement).value)} />
          </div>
          <button class="fr-btn fr-mb-4w" type="submit">Calculer</button>
        </form>
      )}
      {job && job.state !== 'done' && job.state !== 'failed' && (
        <p>
          <label for="scenario-progress">Calcul en cours</label>{' '}
          <progress id="scenario-progress" max="1" value={job.progress}>{percent(job.progress)}</progress>
        </p>
      )}
      {result && (
        <section aria-labelledby="scenario-result">
          <h2 class="fr-h4" id="scenario-result">Résultat</h2>
          <p>
            {result.residents} résidents : {result.desks_needed_pooled} postes nécessaires si tous sont partagés,
            {' '}{result.desks_needed_separate} si chaque service garde les siens.
            {result.surface && ` ${number(result.surface.sub_m2_per_resident)} m² SUB par résident, ${verdicts[result.surface.verdict]}.`}
          </p>
          <div class="escale-chart-pair">
            <DemandChart result={result} />
            <div class="fr-table">
              <table>
                <caption>Demande par jour</caption>
                <thead><tr><th scope="col">Jour</th><th scope="col">Présents en moyenne</th><th scope="col">P95</th><th scope="col">Risque de manque</th></tr></thead>
                <tbody>
                  {result.days.map((d, i) => (
                    <tr key={d.weekday}><th scope="row">{dayNames[i]}</th><td>{number(d.mean_demand)}</td><td>{d.p95}</td><td>{percent(d.p_shortage)}</td></tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
          {(result.quartiers.length > 0 || result.shared) && (
            <div class="fr-table">
              <table>
                <caption>Postes par quartier (risque de manque accepté : {percent(result.epsilon)} par jour)</caption>
                <thead><tr><th scope="col">Ensemble de postes</th><th scope="col">Résidents</th><th scope="col">Postes</th><th scope="col">Postes nécessaires</th><th scope="col">Marge</th><th scope="col">Risque de manque au pire jour</th></tr></thead>
                <tbody>
                  {[...result.quartiers, ...(result.shared ? [{ ...result.shared, name: 'Postes partagés' }] : [])].map((p) => (
                    <tr key={p.name}><th scope="row">{p.name}</th><td>{p.residents}</td><td>{p.desks}</td><td>{p.desks_needed}</td><td>{p.slack}</td><td>{percent(p.p_shortage)}</td></tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <form onSubmit={save}>
            <div class="fr-input-group">
              <label class="fr-label" for="scenario-name">Nom du scénario</label>
              <input class="fr-input" id="scenario-name" value={name} required onInput={(e) => setName((e.target as HTMLInputElement).value)} />
            </div>
            <button class="fr-btn fr-btn--secondary" type="submit">Enregistrer</button>
          </form>
        </section>
      )}
      <section aria-labelledby="scenario-saved">
        <h2 class="fr-h4" id="scenario-saved">Scénarios enregistrés</h2>
        {saved.length === 0 ? <p>Aucun scénario enregistré.</p> : (
          <fieldset class="fr-fieldset">
            <legend class="fr-fieldset__legend">Choisir au moins deux scénarios à comparer</legend>
            {saved.map((s) => (
              <div class="fr-fieldset__element" key={s.id}>
                <div class="fr-checkbox-group">
                  <input type="checkbox" id={`scenario-${s.id}`} checked={chosen.includes(s.id)}
                    onChange={(e) => setChosen((e.target as HTMLInputElement).checked ? [...chosen, s.id] : chosen.filter((c) => c !== s.id))} />
                  <label class="fr-label" for={`scenario-${s.id}`}>{s.name}</label>
                </div>
              </div>
            ))}
            <button class="fr-btn fr-btn--secondary" type="button" disabled={chosen.length < 2} onClick={compare}>Comparer</button>
          </fieldset>
        )}
        {comparison && (
          <>
            <div class="fr-table">
              <table>
                <caption>Scénarios côte à côte</caption>
                <thead><tr><th scope="col">Indicateur</th>{comparison.scenarios.map((s) => <th scope="col" key={s.id}>{s.name}</th>)}</tr></thead>
                <tbody>
                  {comparison.rows.map((r) => (
                    <tr key={r.figure}><th scope="row">{r.figure}</th>{r.values.map((v, i) => <td key={i}>{typeof v === 'number' ? number(v, r.decimals) : v ?? '—'}</td>)}</tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p>
              <a class="fr-link fr-icon-download-line fr-link--icon-left" href={`/api/v1/sites/${siteId}/scenario-comparison.csv?ids=${chosen.join(',')}`}>Télécharger en CSV</a>{' '}
              <a class="fr-link fr-icon-download-line fr-link--icon-left" href={`/api/v1/sites/${siteId}/scenario-comparison.xlsx?ids=${chosen.join(',')}`}>Télécharger en XLSX</a>
            </p>
          </>
        )}
      </section>
    </div>
  );
}
