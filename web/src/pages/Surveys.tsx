// SPDX-License-Identifier: EUPL-1.2
// Enquêtes (issue 13, item 5): the surveys open to my service, each answered once and
// anonymously (a phone-friendly form: one fieldset per question); for gestionnaires and
// référents, writing one from the built-in « avant / après flex office » questionnaire, and
// the results of each (a bar chart with its accessible table, groups of fewer than 5 answers
// hidden, the CSV download) and the before/after comparison. Reads /api/v1/me/surveys,
// /api/v1/surveys, /api/v1/survey-templates, /api/v1/surveys/{id}/results and comparison.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { get, post, withQuery, getAll } from '../api';
import { ErrorAlert, Notice } from '../components/Alert';
import { PageTitle } from '../components/PageTitle';
import { messageOf } from '../data';
import { addDays, formatDate, today } from '../format';
import { holds, session } from '../session';

type Kind = 'scale' | 'single_choice' | 'multiple_choice' | 'free_text';
interface Question {
  id?: number;
  position: number;
  kind: Kind;
  prompt: string;
  required: boolean;
  choices: string[];
  scale_min?: number;
  scale_max?: number;
  min_label?: string;
  max_label?: string;
}
interface Survey {
  id: number;
  title: string;
  description: string;
  opens_on: string;
  closes_on: string;
  service_ids: number[];
  questions: Question[];
  answered?: boolean;
  participants?: number | null;
  open?: boolean;
  closed?: boolean;
}
interface Group {
  hidden: boolean;
  answers?: number;
  counts?: number[];
  mean?: number;
  texts?: string[];
}
interface Results {
  survey: Survey;
  participants: number | null;
  pending: number;
  questions: { question: Question; overall: Group; services: { service_id: number | null; service_name: string; group: Group }[] }[];
}
interface Comparison {
  before: Survey;
  after: Survey;
  questions: { question: Question; before: Group; after: Group }[];
}
interface Service {
  id: number;
  name: string;
}

type Answer = { scale?: number; choice?: number; choices?: number[]; text?: string };

function valueLabels(q: Question): string[] {
  if (q.kind === 'scale') {
    const out: string[] = [];
    for (let v = q.scale_min ?? 1; v <= (q.scale_max ?? 5); v++) out.push(String(v));
    return out;
  }
  return q.choices;
}

function scaleLabel(q: Question, v: number): string {
  if (v === q.scale_min && q.min_label) return `${v} — ${q.min_label}`;
  if (v === q.scale_max && q.max_label) return `${v} — ${q.max_label}`;
  return String(v);
}

// One question of the answer form.
function QuestionField({ q, value, onChange }: { q: Question; value: Answer; onChange: (a: Answer) => void }) {
  const name = `q-${q.id}`;
  const legend = (
    <legend class="fr-fieldset__legend">
      {q.position}. {q.prompt}
      {q.required && <span class="fr-hint-text">Réponse obligatoire</span>}
    </legend>
  );
  if (q.kind === 'free_text') {
    return (
      <div class="fr-input-group">
        <label class="fr-label" for={name}>
          {q.position}. {q.prompt}
          <span class="fr-hint-text">Facultatif ; n'y écrivez rien qui permette de vous reconnaître.</span>
        </label>
        <textarea class="fr-input" id={name} maxLength={2000} rows={4} value={value.text ?? ''}
          onInput={(e) => onChange({ text: (e.target as HTMLTextAreaElement).value })} />
      </div>
    );
  }
  const options =
    q.kind === 'scale'
      ? valueLabels(q).map((v) => ({ key: Number(v), label: scaleLabel(q, Number(v)) }))
      : q.choices.map((c, i) => ({ key: i, label: c }));
  const multiple = q.kind === 'multiple_choice';
  return (
    <fieldset class="fr-fieldset" id={`${name}-fieldset`}>
      {legend}
      {options.map((o) => {
        const id = `${name}-${o.key}`;
        const checked = multiple
          ? (value.choices ?? []).includes(o.key)
          : q.kind === 'scale' ? value.scale === o.key : value.choice === o.key;
        const toggle = () => {
          if (multiple) {
            const set = new Set(value.choices ?? []);
            if (set.has(o.key)) set.delete(o.key);
            else set.add(o.key);
            onChange({ choices: [...set].sort((a, b) => a - b) });
          } else onChange(q.kind === 'scale' ? { scale: o.key } : { choice: o.key });
        };
        return (
          <div class="fr-fieldset__element" key={id}>
            <div class={multiple ? 'fr-checkbox-group' : 'fr-radio-group'}>
              <input type={multiple ? 'checkbox' : 'radio'} id={id} name={name} checked={checked} onChange={toggle} />
              <label class="fr-label" for={id}>{o.label}</label>
            </div>
          </div>
        );
      })}
    </fieldset>
  );
}

function AnswerForm({ survey, onDone }: { survey: Survey; onDone: (message: string) => void }) {
  const [answers, setAnswers] = useState<Record<number, Answer>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const body = {
      answers: survey.questions
        .filter((q) => q.id !== undefined && answers[q.id!] !== undefined)
        .map((q) => ({ question_id: q.id, ...answers[q.id!] })),
    };
    try {
      await post(`/api/v1/surveys/${survey.id}/answers`, body);
      onDone(`Merci : votre réponse à « ${survey.title} » est enregistrée, sans votre nom.`);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} aria-labelledby={`titre-${survey.id}`} class="fr-mb-6w">
      <h3 class="fr-h4" id={`titre-${survey.id}`}>{survey.title}</h3>
      {survey.description && <p>{survey.description}</p>}
      <p class="fr-text--sm">
        Vos réponses sont anonymes : Escale garde à part le fait que vous avez répondu, et personne ne peut relier vos
        réponses à vous. On ne répond qu'une fois.
      </p>
      {error && <ErrorAlert title="Réponse non enregistrée">{error}</ErrorAlert>}
      {survey.questions.map((q) => (
        <QuestionField key={q.id} q={q} value={answers[q.id!] ?? {}}
          onChange={(a) => setAnswers({ ...answers, [q.id!]: a })} />
      ))}
      <button class="fr-btn" type="submit" disabled={busy}>Envoyer mes réponses</button>
    </form>
  );
}

// A horizontal bar chart of one group's counts; the table next to it says the same.
function Bars({ labels, counts }: { labels: string[]; counts: number[] }) {
  const max = Math.max(1, ...counts);
  const row = 28;
  return (
    <svg class="escale-bars" viewBox={`0 0 320 ${labels.length * row}`} aria-hidden="true" focusable="false">
      {labels.map((l, i) => (
        <g key={l} transform={`translate(0 ${i * row})`}>
          <text x="0" y="18" class="escale-bars__label">{l.length > 18 ? `${l.slice(0, 17)}…` : l}</text>
          <rect x="140" y="6" height="16" width={(150 * counts[i]) / max} class="escale-bars__bar" />
          <text x={146 + (150 * counts[i]) / max} y="18" class="escale-bars__value">{counts[i]}</text>
        </g>
      ))}
    </svg>
  );
}

function groupCells(g: Group, i: number) {
  if (g.hidden || !g.counts) return 'moins de 5';
  const n = g.counts[i];
  return `${n} (${Math.round((100 * n) / Math.max(1, g.answers ?? 0))} %)`;
}

function ResultsView({ results, others }: { results: Results; others: Survey[] }) {
  const [before, setBefore] = useState<string>('');
  const [comparison, setComparison] = useState<Comparison | null>(null);
  const [error, setError] = useState<string | null>(null);
  const compare = async (id: string) => {
    setBefore(id);
    setComparison(null);
    setError(null);
    if (!id) return;
    try {
      setComparison(await get<Comparison>(withQuery(`/api/v1/surveys/${results.survey.id}/comparison`, { before: id })));
    } catch (e) {
      setError(messageOf(e));
    }
  };
  return (
    <section aria-labelledby="resultats" class="fr-mb-6w">
      <h2 class="fr-h3" id="resultats">Résultats : {results.survey.title}</h2>
      <p>
        {results.participants === null ? 'Moins de 5 personnes ont répondu : rien ne peut encore être montré.'
          : `${results.participants} personnes ont répondu.`}
        {results.pending > 0 && ` ${results.pending} réponses attendent dans l'urne : elles sont comptées par lots de 5, et toutes à la clôture.`}
      </p>
      <p>
        <a class="fr-link fr-icon-download-line fr-link--icon-left" href={`/api/v1/surveys/${results.survey.id}/results.csv`}>
          Télécharger les résultats (CSV)
        </a>
      </p>
      {results.questions.map(({ question: q, overall, services }) => (
        <div key={q.position} class="fr-mb-4w">
          <h3 class="fr-h5">{q.position}. {q.prompt}</h3>
          {overall.hidden ? <p>Moins de 5 réponses : résultat masqué.</p> : q.kind === 'free_text' ? (
            <ul>{(overall.texts ?? []).map((t, i) => <li key={i}>{t}</li>)}</ul>
          ) : (
            <>
              <Bars labels={valueLabels(q)} counts={overall.counts ?? []} />
              {overall.mean !== undefined && <p>Moyenne : {overall.mean.toFixed(1).replace('.', ',')}</p>}
              <div class="fr-table fr-table--no-caption-top">
                <table>
                  <caption>Réponses à la question {q.position}, en tout et par service</caption>
                  <thead>
                    <tr>
                      <th scope="col">Réponse</th>
                      <th scope="col">Ensemble</th>
                      {services.map((s) => <th scope="col" key={s.service_id ?? 0}>{s.service_name}</th>)}
                    </tr>
                  </thead>
                  <tbody>
                    {valueLabels(q).map((label, i) => (
                      <tr key={label}>
                        <th scope="row">{q.kind === 'scale' ? scaleLabel(q, Number(label)) : label}</th>
                        <td>{groupCells(overall, i)}</td>
                        {services.map((s) => <td key={s.service_id ?? 0}>{groupCells(s.group, i)}</td>)}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </div>
      ))}
      {others.length > 0 && (
        <div class="fr-select-group">
          <label class="fr-label" for="comparer">Comparer avec une enquête précédente (avant / après)</label>
          <select class="fr-select" id="comparer" value={before} onChange={(e) => compare((e.target as HTMLSelectElement).value)}>
            <option value="">— Choisir —</option>
            {others.map((o) => <option key={o.id} value={String(o.id)}>{o.title} ({formatDate(o.opens_on)})</option>)}
          </select>
        </div>
      )}
      {error && <ErrorAlert>{error}</ErrorAlert>}
      {comparison && (
        <div class="fr-table">
          <table>
            <caption>Avant (« {comparison.before.title} ») et après (« {comparison.after.title} »)</caption>
            <thead>
              <tr><th scope="col">Question</th><th scope="col">Avant</th><th scope="col">Après</th></tr>
            </thead>
            <tbody>
              {comparison.questions.map(({ question: q, before: b, after: a }) => {
                const say = (g: Group) => g.hidden ? 'moins de 5 réponses'
                  : g.mean !== undefined ? `moyenne ${g.mean.toFixed(1).replace('.', ',')} (${g.answers} réponses)`
                  : `${g.answers} réponses`;
                return <tr key={q.position}><th scope="row">{q.position}. {q.prompt}</th><td>{say(b)}</td><td>{say(a)}</td></tr>;
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function WriteSurvey({ onMade }: { onMade: (s: Survey) => void }) {
  const site = session.value?.resident.site_id;
  const [services, setServices] = useState<Service[]>([]);
  const [chosen, setChosen] = useState<number[]>([]);
  const [title, setTitle] = useState('Avant / après flex office');
  const [opens, setOpens] = useState(today());
  const [closes, setCloses] = useState(addDays(today(), 14));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (site) get<{ services: Service[] }>(`/api/v1/sites/${site}`).then((d) => setServices(d.services), (e) => setError(messageOf(e)));
  }, [site]);
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      onMade(await post<Survey>('/api/v1/surveys', {
        template_key: 'flex_office', title, opens_on: opens, closes_on: closes, service_ids: chosen,
      }));
    } catch (err) {
      setError(messageOf(err));
    }
  };
  return (
    <form onSubmit={submit} aria-labelledby="ecrire" class="fr-mb-6w">
      <h2 class="fr-h3" id="ecrire">Lancer le questionnaire « Avant / après flex office »</h2>
      <p class="fr-text--sm">Ses huit questions sont prêtes ; posez-le une fois avant l'installation et une fois après, pour comparer.</p>
      {error && <ErrorAlert title="Enquête non créée">{error}</ErrorAlert>}
      <div class="fr-input-group">
        <label class="fr-label" for="enquete-titre">Titre</label>
        <input class="fr-input" id="enquete-titre" value={title} maxLength={200}
          onInput={(e) => setTitle((e.target as HTMLInputElement).value)} />
      </div>
      <div class="fr-input-group">
        <label class="fr-label" for="enquete-ouverture">Ouverte à partir du</label>
        <input class="fr-input" type="date" id="enquete-ouverture" value={opens} onInput={(e) => setOpens((e.target as HTMLInputElement).value)} />
      </div>
      <div class="fr-input-group">
        <label class="fr-label" for="enquete-cloture">Jusqu'au (inclus)</label>
        <input class="fr-input" type="date" id="enquete-cloture" value={closes} onInput={(e) => setCloses((e.target as HTMLInputElement).value)} />
      </div>
      <fieldset class="fr-fieldset">
        <legend class="fr-fieldset__legend">Services interrogés</legend>
        {services.map((s) => (
          <div class="fr-fieldset__element" key={s.id}>
            <div class="fr-checkbox-group">
              <input type="checkbox" id={`service-${s.id}`} checked={chosen.includes(s.id)}
                onChange={() => setChosen(chosen.includes(s.id) ? chosen.filter((x) => x !== s.id) : [...chosen, s.id])} />
              <label class="fr-label" for={`service-${s.id}`}>{s.name}</label>
            </div>
          </div>
        ))}
      </fieldset>
      <button class="fr-btn" type="submit">Créer l'enquête</button>
    </form>
  );
}

export function SurveysPage() {
  const manager = holds(session.value, 'gestionnaire', 'referent', 'admin');
  const [mine, setMine] = useState<Survey[] | null>(null);
  const [managed, setManaged] = useState<Survey[]>([]);
  const [answering, setAnswering] = useState<number | null>(null);
  const [results, setResults] = useState<Results | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setMine(await get<Survey[]>('/api/v1/me/surveys'));
      if (manager) setManaged(await getAll<Survey>('/api/v1/surveys'));
    } catch (e) {
      setError(messageOf(e));
      setMine([]);
    }
  }, [manager]);
  useEffect(() => void load(), [load]);
  const showResults = async (id: number) => {
    setError(null);
    try {
      setResults(await get<Results>(`/api/v1/surveys/${id}/results`));
    } catch (e) {
      setError(messageOf(e));
    }
  };
  const current = mine?.find((s) => s.id === answering);
  return (
    <div aria-busy={mine === null ? 'true' : 'false'}>
      <PageTitle title="Enquêtes" />
      <Notice message={notice} />
      {error && <ErrorAlert>{error}</ErrorAlert>}
      <section aria-labelledby="a-remplir" class="fr-mb-6w">
        <h2 class="fr-h3" id="a-remplir">Enquêtes ouvertes pour mon service</h2>
        {mine && mine.length === 0 && <p>Aucune enquête n'est ouverte pour votre service en ce moment.</p>}
        <ul class="escale-plain-list">
          {(mine ?? []).map((s) => (
            <li key={s.id} class="fr-mb-2w">
              <strong>{s.title}</strong> — jusqu'au {formatDate(s.closes_on)}{' '}
              {s.answered ? <p class="fr-badge fr-badge--success fr-badge--sm">Vous avez répondu</p> : (
                <button class="fr-btn fr-btn--sm fr-btn--secondary" type="button" onClick={() => setAnswering(s.id)}
                  aria-label={`Répondre à « ${s.title} »`}>Répondre</button>
              )}
            </li>
          ))}
        </ul>
        {current && !current.answered && (
          <AnswerForm survey={current} onDone={(m) => { setNotice(m); setAnswering(null); void load(); }} />
        )}
      </section>
      {manager && (
        <>
          <WriteSurvey onMade={(s) => { setNotice(`Enquête « ${s.title} » créée.`); void load(); }} />
          <section aria-labelledby="gerees" class="fr-mb-6w">
            <h2 class="fr-h3" id="gerees">Enquêtes de mon périmètre</h2>
            {managed.length === 0 && <p>Aucune enquête pour l'instant.</p>}
            <ul class="escale-plain-list">
              {managed.map((s) => (
                <li key={s.id} class="fr-mb-2w">
                  <strong>{s.title}</strong> — du {formatDate(s.opens_on)} au {formatDate(s.closes_on)}{' '}
                  <p class={`fr-badge fr-badge--sm ${s.open ? 'fr-badge--info' : ''}`}>{s.open ? 'Ouverte' : s.closed ? 'Close' : 'À venir'}</p>{' '}
                  <button class="fr-btn fr-btn--sm fr-btn--tertiary" type="button" onClick={() => showResults(s.id)}
                    aria-label={`Résultats de « ${s.title} »`}>Résultats</button>
                </li>
              ))}
            </ul>
          </section>
          {results && <ResultsView results={results} others={managed.filter((s) => s.id !== results.survey.id)} />}
        </>
      )}
    </div>
  );
}
