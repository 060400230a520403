// SPDX-License-Identifier: EUPL-1.2
// Remontées (issue 13, item 6): post an irritant or an idea (signed, or anonymous: then its
// author is not kept and nobody can edit it), list those of my site by theme, support one;
// for the project team (gestionnaires), answer and mark it « en cours » or « traitée », and
// the counts per theme (none under 5). Reads /api/v1/remontees and
// /api/v1/sites/{id}/remontee-counts.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { del, get, post, put, withQuery, getAll } from '../api';
import { ErrorAlert, Notice } from '../components/Alert';
import { PageTitle } from '../components/PageTitle';
import { messageOf } from '../data';
import { canAdminister, session } from '../session';

type Theme = 'bruit' | 'rangement' | 'reservation' | 'confidentialite' | 'equipements' | 'autre';
type Status = 'nouvelle' | 'en_cours' | 'traitee';
interface Remontee {
  id: number;
  kind: 'irritant' | 'idee';
  theme: Theme;
  title: string;
  body: string;
  anonymous: boolean;
  status: Status;
  answer: string;
  supports: number;
  supported: boolean;
  mine: boolean;
  author_name: string | null;
  service_name: string | null;
}
interface Counts {
  total: number | null;
  themes: { theme: Theme; label: string; hidden: boolean; count: number | null }[];
}

const themes: Record<Theme, string> = {
  bruit: 'Bruit',
  rangement: 'Rangement',
  reservation: 'Réservation',
  confidentialite: 'Confidentialité',
  equipements: 'Équipements',
  autre: 'Autre',
};
const statuses: Record<Status, string> = { nouvelle: 'Nouvelle', en_cours: 'En cours', traitee: 'Traitée' };

function PostForm({ onPosted }: { onPosted: (r: Remontee) => void }) {
  const [kind, setKind] = useState<'irritant' | 'idee'>('irritant');
  const [theme, setTheme] = useState<Theme>('bruit');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      onPosted(await post<Remontee>('/api/v1/remontees', { kind, theme, title, body, anonymous }));
      setTitle('');
      setBody('');
    } catch (err) {
      setError(messageOf(err));
    }
  };
  return (
    <form onSubmit={submit} aria-labelledby="publier" class="fr-mb-6w">
      <h2 class="fr-h3" id="publier">Faire une remontée</h2>
      {error && <ErrorAlert title="Remontée non publiée">{error}</ErrorAlert>}
      <fieldset class="fr-fieldset">
        <legend class="fr-fieldset__legend">C'est…</legend>
        {(['irritant', 'idee'] as const).map((k) => (
          <div class="fr-fieldset__element fr-fieldset__element--inline" key={k}>
            <div class="fr-radio-group">
              <input type="radio" id={`genre-${k}`} name="genre" checked={kind === k} onChange={() => setKind(k)} />
              <label class="fr-label" for={`genre-${k}`}>{k === 'irritant' ? 'Un irritant' : 'Une idée'}</label>
            </div>
          </div>
        ))}
      </fieldset>
      <div class="fr-select-group">
        <label class="fr-label" for="remontee-theme">Thème</label>
        <select class="fr-select" id="remontee-theme" value={theme} onChange={(e) => setTheme((e.target as HTMLSelectElement).value as Theme)}>
          {Object.entries(themes).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
        </select>
      </div>
      <div class="fr-input-group">
        <label class="fr-label" for="remontee-titre">En une phrase</label>
        <input class="fr-input" id="remontee-titre" required maxLength={200} value={title}
          onInput={(e) => setTitle((e.target as HTMLInputElement).value)} />
      </div>
      <div class="fr-input-group">
        <label class="fr-label" for="remontee-texte">Précisions (facultatif)</label>
        <textarea class="fr-input" id="remontee-texte" rows={4} maxLength={4000} value={body}
          onInput={(e) => setBody((e.target as HTMLTextAreaElement).value)} />
      </div>
      <div class="fr-checkbox-group fr-mb-3w">
        <input type="checkbox" id="remontee-anonyme" checked={anonymous} aria-describedby="remontee-anonyme-aide"
          onChange={() => setAnonymous(!anonymous)} />
        <label class="fr-label" for="remontee-anonyme">
          Publier anonymement
          <span class="fr-hint-text" id="remontee-anonyme-aide">
            Votre nom n'est pas enregistré, même dans la base : vous ne pourrez plus la modifier ni la retirer.
          </span>
        </label>
      </div>
      <button class="fr-btn" type="submit">Publier</button>
    </form>
  );
}

function TeamAnswer({ r, onSaved }: { r: Remontee; onSaved: (r: Remontee) => void }) {
  const [status, setStatus] = useState<Status>(r.status);
  const [answer, setAnswer] = useState(r.answer);
  const [error, setError] = useState<string | null>(null);
  const save = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      onSaved(await put<Remontee>(`/api/v1/remontees/${r.id}/answer`, { status, answer }));
    } catch (err) {
      setError(messageOf(err));
    }
  };
  return (
    <form onSubmit={save} class="fr-mt-2w" aria-label={`Réponse de l'équipe projet à « ${r.title} »`}>
      {error && <ErrorAlert>{error}</ErrorAlert>}
      <div class="fr-select-group">
        <label class="fr-label" for={`etat-${r.id}`}>État</label>
        <select class="fr-select" id={`etat-${r.id}`} value={status} onChange={(e) => setStatus((e.target as HTMLSelectElement).value as Status)}>
          {Object.entries(statuses).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
        </select>
      </div>
      <div class="fr-input-group">
        <label class="fr-label" for={`reponse-${r.id}`}>Réponse de l'équipe projet</label>
        <textarea class="fr-input" id={`reponse-${r.id}`} rows={3} maxLength={4000} value={answer}
          onInput={(e) => setAnswer((e.target as HTMLTextAreaElement).value)} />
      </div>
      <button class="fr-btn fr-btn--sm" type="submit">Enregistrer la réponse</button>
    </form>
  );
}

export function RemonteesPage() {
  const team = canAdminister(session.value);
  const [items, setItems] = useState<Remontee[] | null>(null);
  const [filter, setFilter] = useState<Theme | ''>('');
  const [counts, setCounts] = useState<Counts | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setItems(await getAll<Remontee>(withQuery('/api/v1/remontees', { theme: filter || undefined })));
      if (team) setCounts(await get<Counts>(`/api/v1/sites/${session.value!.resident.site_id}/remontee-counts`));
    } catch (e) {
      setError(messageOf(e));
      setItems([]);
    }
  }, [filter, team]);
  useEffect(() => void load(), [load]);
  const replace = (r: Remontee) => setItems((items ?? []).map((x) => (x.id === r.id ? r : x)));
  const toggleSupport = async (r: Remontee) => {
    setError(null);
    try {
      const url = `/api/v1/remontees/${r.id}/support`;
      if (r.supported) {
        await del(url);
        replace({ ...r, supported: false, supports: r.supports - 1 });
        setNotice(`Soutien retiré à « ${r.title} ».`);
      } else {
        replace(await post<Remontee>(url, {}));
        setNotice(`Vous soutenez « ${r.title} ».`);
      }
    } catch (e) {
      setError(messageOf(e));
    }
  };
  const remove = async (r: Remontee) => {
    try {
      await del(`/api/v1/remontees/${r.id}`);
      setItems((items ?? []).filter((x) => x.id !== r.id));
      setNotice(`Remontée « ${r.title} » retirée.`);
    } catch (e) {
      setError(messageOf(e));
    }
  };
  return (
    <div aria-busy={items === null ? 'true' : 'false'}>
      <PageTitle title="Remontées" />
      <p>Un irritant, une crainte, une idée sur le flex office : dites-le ici, l'équipe projet vous répond.</p>
      <Notice message={notice} />
      {error && <ErrorAlert>{error}</ErrorAlert>}
      <PostForm onPosted={(r) => { setNotice(r.anonymous ? 'Remontée publiée anonymement.' : 'Remontée publiée.'); void load(); }} />
      <section aria-labelledby="liste-remontees">
        <h2 class="fr-h3" id="liste-remontees">Les remontées du site</h2>
        <div class="fr-select-group">
          <label class="fr-label" for="filtre-theme">Thème</label>
          <select class="fr-select" id="filtre-theme" value={filter} onChange={(e) => setFilter((e.target as HTMLSelectElement).value as Theme | '')}>
            <option value="">Tous les thèmes</option>
            {Object.entries(themes).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
          </select>
        </div>
        {items && items.length === 0 && <p>Aucune remontée pour l'instant.</p>}
        <ul class="escale-plain-list">
          {(items ?? []).map((r) => (
            <li key={r.id} class="fr-mb-4w escale-remontee">
              <h3 class="fr-h6 fr-mb-1w">{r.title}</h3>
              <p class="fr-mb-1w">
                <span class="fr-badge fr-badge--sm">{r.kind === 'idee' ? 'Idée' : 'Irritant'}</span>{' '}
                <span class="fr-badge fr-badge--sm fr-badge--info">{themes[r.theme]}</span>{' '}
                <span class={`fr-badge fr-badge--sm ${r.status === 'traitee' ? 'fr-badge--success' : r.status === 'en_cours' ? 'fr-badge--new' : ''}`}>
                  {statuses[r.status]}
                </span>
              </p>
              {r.body && <p class="fr-mb-1w">{r.body}</p>}
              <p class="fr-text--sm fr-mb-1w">
                {r.anonymous ? 'Anonyme' : `Par ${r.author_name ?? '?'}${r.service_name ? ` (${r.service_name})` : ''}`}
                {' · '}
                {r.supports} soutien{r.supports > 1 ? 's' : ''}
              </p>
              {r.answer && <p class="fr-mb-1w"><strong>Réponse de l'équipe projet :</strong> {r.answer}</p>}
              <button class="fr-btn fr-btn--sm fr-btn--secondary" type="button" aria-pressed={r.supported ? 'true' : 'false'}
                onClick={() => toggleSupport(r)}>
                {r.supported ? 'Je soutiens (retirer)' : 'Je soutiens'}
                <span class="fr-sr-only"> « {r.title} »</span>
              </button>{' '}
              {(r.mine || team) && (
                <button class="fr-btn fr-btn--sm fr-btn--tertiary" type="button" onClick={() => remove(r)}>
                  Retirer<span class="fr-sr-only"> « {r.title} »</span>
                </button>
              )}
              {team && <TeamAnswer r={r} onSaved={(x) => { replace(x); setNotice('Réponse enregistrée.'); }} />}
            </li>
          ))}
        </ul>
      </section>
      {team && counts && (
        <div class="fr-table">
          <table>
            <caption>Remontées par thème (aucun chiffre sous 5)</caption>
            <thead><tr><th scope="col">Thème</th><th scope="col">Remontées</th></tr></thead>
            <tbody>
              {counts.themes.map((t) => (
                <tr key={t.theme}><th scope="row">{t.label}</th><td>{t.hidden ? 'moins de 5' : t.count}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
