// SPDX-License-Identifier: EUPL-1.2
// Administration: my API tokens (GET/POST/DELETE /api/v1/me/api-tokens). A new token's secret
// is shown once, in a field that can be selected and copied; a token is revoked (confirmed).
import { useCallback, useEffect, useState } from 'preact/hooks';
import { del, get, post } from '../../api';
import { ErrorAlert, Notice } from '../../components/Alert';
import { CheckboxField, InputField } from '../../components/Field';
import { Table } from '../../components/Table';
import { messageOf } from '../../data';
import { AdminFrame } from './AdminFrame';

interface ApiToken {
  id: number;
  name: string;
  read_only: boolean;
  created_at: string;
  expires_at: string | null;
}

const instant = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' });
export const formatInstant = (s: string) => instant.format(new Date(s));

export function ApiTokensPage() {
  return <AdminFrame title="Jetons d'API">{() => <ApiTokens />}</AdminFrame>;
}

function ApiTokens() {
  const [tokens, setTokens] = useState<ApiToken[] | null>(null);
  const [name, setName] = useState('');
  const [readOnly, setReadOnly] = useState(true);
  const [expires, setExpires] = useState('');
  const [errors, setErrors] = useState<{ name?: string; expires?: string }>({});
  const [secret, setSecret] = useState<{ name: string; token: string } | null>(null);
  const [confirming, setConfirming] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setTokens(await get<ApiToken[]>('/api/v1/me/api-tokens'));
    } catch (e) {
      setError(messageOf(e));
    }
  }, []);
  useEffect(() => {
    load();
  }, [load]);

  const create = async (e: Event) => {
    e.preventDefault();
    setNotice(null);
    if (!name.trim()) {
      setErrors({ name: 'Donnez un nom au jeton, pour le reconnaître.' });
      document.getElementById('jeton-nom')?.focus();
      return;
    }
    const body: Record<string, unknown> = { name: name.trim(), read_only: readOnly };
    if (expires) body.expires_at = new Date(`${expires}T23:59:59`).toISOString().replace(/\.\d+Z$/, 'Z');
    try {
      const made = await post<ApiToken & { token: string }>('/api/v1/me/api-tokens', body);
      setErrors({});
      setName('');
      setExpires('');
      setSecret({ name: made.name, token: made.token });
      await load();
    } catch (err) {
      if (/expires/.test(messageOf(err))) setErrors({ expires: messageOf(err) });
      else setErrors({ name: messageOf(err) });
    }
  };

  const revoke = async (t: ApiToken) => {
    try {
      await del(`/api/v1/me/api-tokens/${t.id}`);
      setConfirming(null);
      setSecret(null);
      setNotice(`Jeton « ${t.name} » révoqué.`);
      await load();
    } catch (e) {
      setError(messageOf(e));
    }
  };

  return (
    <>
      <Notice message={notice} />
      {error && <ErrorAlert>{error}</ErrorAlert>}
      {secret && (
        <div class="fr-alert fr-alert--success fr-mb-3w" role="status">
          <h2 class="fr-alert__title">Jeton « {secret.name} » créé</h2>
          <p>Copiez son secret maintenant : il ne sera plus montré.</p>
          <div class="fr-input-group fr-mb-0">
            <label class="fr-label" for="jeton-secret">
              Secret du jeton
            </label>
            <input class="fr-input" id="jeton-secret" readOnly value={secret.token} onFocus={(e) => (e.target as HTMLInputElement).select()} />
          </div>
        </div>
      )}
      <section class="fr-mb-4w" aria-labelledby="jetons-liste">
        <h2 class="fr-h4" id="jetons-liste">
          Mes jetons
        </h2>
        {!tokens ? (
          <p aria-busy="true">Chargement des jetons…</p>
        ) : tokens.length === 0 ? (
          <p>Aucun jeton.</p>
        ) : (
          <Table caption="Mes jetons d'API">
            <thead>
              <tr>
                <th scope="col">Nom</th>
                <th scope="col">Droits</th>
                <th scope="col">Créé le</th>
                <th scope="col">Fin de validité</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((t) => (
                <tr key={t.id}>
                  <td>{t.name}</td>
                  <td>{t.read_only ? 'Lecture seule' : 'Lecture et écriture'}</td>
                  <td>{formatInstant(t.created_at)}</td>
                  <td>{t.expires_at ? formatInstant(t.expires_at) : 'Jusqu\u2019à sa révocation'}</td>
                  <td>
                    {confirming === t.id ? (
                      <div class="escale-row-actions">
                        <button type="button" class="fr-btn fr-btn--sm" onClick={() => revoke(t)} aria-label={`Confirmer la révocation du jeton « ${t.name} »`}>
                          Confirmer
                        </button>
                        <button type="button" class="fr-btn fr-btn--sm fr-btn--secondary" onClick={() => setConfirming(null)} aria-label={`Garder le jeton « ${t.name} »`}>
                          Garder
                        </button>
                      </div>
                    ) : (
                      <button type="button" class="fr-btn fr-btn--sm fr-btn--tertiary" onClick={() => setConfirming(t.id)} aria-label={`Révoquer le jeton « ${t.name} »`}>
                        Révoquer
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </section>
      <section class="fr-mb-4w" aria-labelledby="jeton-nouveau">
        <h2 class="fr-h4" id="jeton-nouveau">
          Créer un jeton
        </h2>
        <form onSubmit={create} noValidate>
          <div class="fr-grid-row fr-grid-row--gutters">
            <div class="fr-col-12 fr-col-md-6">
              <InputField id="jeton-nom" label="Nom du jeton" hint="Par exemple « Tableau de bord de la DRH »." value={name} error={errors.name} required onInput={setName} />
            </div>
            <div class="fr-col-12 fr-col-md-6">
              <InputField id="jeton-fin" label="Fin de validité (facultatif)" type="date" value={expires} error={errors.expires} onInput={setExpires} />
            </div>
            <div class="fr-col-12">
              <CheckboxField id="jeton-lecture" label="Lecture seule (requêtes GET uniquement)" checked={readOnly} onChange={setReadOnly} />
            </div>
          </div>
          <button type="submit" class="fr-btn">
            Créer le jeton
          </button>
        </form>
      </section>
    </>
  );
}
