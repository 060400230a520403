// SPDX-License-Identifier: EUPL-1.2
// An address the app does not know.
import { PageTitle } from '../components/PageTitle';

export function NotFoundPage() {
  return (
    <>
      <PageTitle title="Page non trouvée" />
      <p class="fr-text--lead">La page que vous cherchez est introuvable. Excusez-nous pour la gêne occasionnée.</p>
      <p>
        Vérifiez l'adresse, ou <a href="/">revenez à l'accueil</a>.
      </p>
    </>
  );
}
