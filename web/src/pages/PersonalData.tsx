// SPDX-License-Identifier: EUPL-1.2
// Données personnelles: what Escale keeps about a person and why (docs/donnees-personnelles.md
// is the full inventory) and, once logged in, the download of everything it keeps about me
// (GET /api/v1/me/personal-data, a JSON file).
import { PageTitle } from '../components/PageTitle';
import { session } from '../session';

export function PersonalDataPage() {
  const s = session.value;
  return (
    <>
      <PageTitle title="Données personnelles" />
      <p>
        Escale traite les données nécessaires à la réservation des postes de travail et des espaces du bâtiment : votre
        nom, votre adresse électronique professionnelle, votre service, vos rôles et vos réservations. Les réservations
        servent aussi, agrégées et jamais sur moins de 5 personnes, à mesurer l'occupation du bâtiment.
      </p>
      <p>
        Les réservations et le journal d'audit sont effacés au terme de la durée de conservation fixée par le site. Vous
        pouvez exercer vos droits d'accès, de rectification et d'opposition auprès du délégué à la protection des
        données de votre administration.
      </p>
      <h2 class="fr-h4">Mes données</h2>
      {s ? (
        <>
          <p>
            Connecté en tant que <strong>{s.resident.display_name}</strong> ({s.resident.email}). Le fichier contient tout ce
            qu'Escale conserve à votre sujet : votre fiche, vos rôles, vos réservations, vos sessions et vos jetons d'API,
            et les lignes du journal d'audit qui vous concernent.
          </p>
          <a class="fr-btn fr-icon-download-line fr-btn--icon-left" href="/api/v1/me/personal-data" download="mes-donnees-escale.json">
            Télécharger mes données (JSON)
          </a>
        </>
      ) : (
        <p>
          <a href="/connexion?suite=/donnees-personnelles">Connectez-vous</a> pour télécharger les données qu'Escale
          conserve à votre sujet.
        </p>
      )}
    </>
  );
}
