// SPDX-License-Identifier: EUPL-1.2
// Connexion: the local login form (email and password) and, when the server offers it, the
// ProConnect button. Errors are shown next to their field and summed up at the top.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, get, withQuery } from '../api';
import { ErrorAlert, Notice } from '../components/Alert';
import { PageTitle } from '../components/PageTitle';
import { currentQuery, navigate } from '../router';
import { afterLogin, login, safeSuite, session } from '../session';
import type { AuthMethods } from '../types';

export function LoginPage() {
  const [methods, setMethods] = useState<AuthMethods | null>(null);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<{ email?: string; password?: string }>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const summary = useRef<HTMLDivElement>(null);
  const loggedOut = currentQuery.value.get('deconnecte') === '1';

  useEffect(() => {
    get<AuthMethods>('/api/v1/auth/methods').then(setMethods, () => setMethods({ local: true, oidc: null }));
  }, []);

  const submit = async (e: Event) => {
    e.preventDefault();
    const errors: { email?: string; password?: string } = {};
    if (!email.trim()) errors.email = 'Saisissez votre adresse électronique.';
    else if (!/^[^\s@]+@[^\s@]+$/.test(email.trim()))
      errors.email = 'Saisissez une adresse électronique valide, par exemple prenom.nom@interieur.gouv.fr.';
    if (!password) errors.password = 'Saisissez votre mot de passe.';
    setFieldErrors(errors);
    if (errors.email || errors.password) {
      setError('Le formulaire contient des erreurs : corrigez les champs signalés.');
      requestAnimationFrame(() => summary.current?.focus());
      return;
    }
    setBusy(true);
    try {
      await login(email.trim(), password);
      navigate(afterLogin(session.value, currentQuery.value.get('suite')), { replace: true });
    } catch (err) {
      const message = err instanceof ApiError ? err.message : 'La connexion a échoué.';
      if (err instanceof ApiError && err.code === 'bad_credentials') setFieldErrors({ password: message });
      setError(message);
      requestAnimationFrame(() => summary.current?.focus());
    } finally {
      setBusy(false);
    }
  };

  const oidc = methods?.oidc;
  return (
    <div class="fr-grid-row fr-grid-row--center">
      <div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <PageTitle title="Connexion à Escale" />
        <Notice message={loggedOut ? 'Vous êtes déconnecté.' : null} kind="info" />
        <div ref={summary} tabIndex={-1}>
          {error && <ErrorAlert title="Connexion impossible">{error}</ErrorAlert>}
        </div>
        {oidc && (
          <div class="fr-mb-4w">
            <h2 class="fr-h5">Avec ProConnect</h2>
            {/* A link, not a form: the CSP's form-action would stop the redirect to the provider. */}
            <div class="fr-connect-group">
              <a class="fr-connect fr-connect--pro" id="proconnect" href={withQuery(oidc.login_url, { return_to: safeSuite(currentQuery.value.get('suite')) ?? '/' })}>
                <span class="fr-connect__login">S’identifier avec</span> <span class="fr-connect__brand">{oidc.label}</span>
              </a>
              <p>
                <a href="https://www.proconnect.gouv.fr/" target="_blank" rel="noopener" title="Qu’est-ce que ProConnect ? — nouvelle fenêtre">
                  Qu’est-ce que ProConnect ?
                </a>
              </p>
            </div>
            <p class="fr-hr-or">ou</p>
          </div>
        )}
        <form onSubmit={submit} noValidate>
          <fieldset class="fr-fieldset" aria-labelledby="login-legend">
            <legend class="fr-fieldset__legend" id="login-legend">
              <h2 class="fr-h5 fr-mb-0">Avec votre adresse et votre mot de passe</h2>
            </legend>
            <div class="fr-fieldset__element">
              <div class={'fr-input-group' + (fieldErrors.email ? ' fr-input-group--error' : '')}>
                <label class="fr-label" for="email">
                  Adresse électronique
                  <span class="fr-hint-text">Format attendu : prenom.nom@exemple.gouv.fr</span>
                </label>
                <input
                  class={'fr-input' + (fieldErrors.email ? ' fr-input--error' : '')}
                  id="email"
                  name="email"
                  type="email"
                  autocomplete="username"
                  value={email}
                  onInput={(e) => setEmail((e.target as HTMLInputElement).value)}
                  aria-describedby={fieldErrors.email ? 'email-error' : undefined}
                  aria-invalid={fieldErrors.email ? true : undefined}
                />
                {fieldErrors.email && (
                  <p class="fr-error-text" id="email-error">
                    {fieldErrors.email}
                  </p>
                )}
              </div>
            </div>
            <div class="fr-fieldset__element">
              <div class={'fr-input-group' + (fieldErrors.password ? ' fr-input-group--error' : '')}>
                <label class="fr-label" for="password">
                  Mot de passe
                </label>
                <input
                  class={'fr-input' + (fieldErrors.password ? ' fr-input--error' : '')}
                  id="password"
                  name="password"
                  type="password"
                  autocomplete="current-password"
                  value={password}
                  onInput={(e) => setPassword((e.target as HTMLInputElement).value)}
                  aria-describedby={fieldErrors.password ? 'password-error' : undefined}
                  aria-invalid={fieldErrors.password ? true : undefined}
                />
                {fieldErrors.password && (
                  <p class="fr-error-text" id="password-error">
                    {fieldErrors.password}
                  </p>
                )}
              </div>
            </div>
            <div class="fr-fieldset__element">
              <button type="submit" class="fr-btn" disabled={busy}>
                Se connecter
              </button>
            </div>
          </fieldset>
        </form>
      </div>
    </div>
  );
}
