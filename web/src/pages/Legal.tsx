// SPDX-License-Identifier: EUPL-1.2
// Mentions légales: who publishes the service, who hosts it, the software's licence.
import { PageTitle } from '../components/PageTitle';

export function LegalPage() {
  return (
    <>
      <PageTitle title="Mentions légales" />
      <h2 class="fr-h4">Éditeur</h2>
      <p>
        Ce service est édité et hébergé par l'administration qui l'a déployé pour ses agents ; son directeur ou sa
        directrice est directeur ou directrice de la publication.
      </p>
      <h2 class="fr-h4">Logiciel</h2>
      <p>
        Escale est un logiciel libre, publié sous la licence publique de l'Union européenne (EUPL-1.2). Son apparence
        suit le Système de design de l'État (DSFR), réservé aux services de l'État : un déploiement hors de l'État doit
        remplacer ce thème.
      </p>
      <h2 class="fr-h4">Traceurs</h2>
      <p>
        Escale ne dépose qu'un cookie de session, strictement nécessaire à la connexion, et ne mesure pas l'audience.
      </p>
    </>
  );
}
