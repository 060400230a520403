// SPDX-License-Identifier: EUPL-1.2
// Déclaration d'accessibilité, as the RGAA asks: the state of compliance, stated honestly
// (no audit has been made yet), what is known not to work, and how to get help.
import { PageTitle } from '../components/PageTitle';

export function AccessibilityPage() {
  return (
    <>
      <PageTitle title="Déclaration d'accessibilité" />
      <p>
        Le service qui déploie Escale s'engage à rendre ses services numériques accessibles, conformément à l'article 47
        de la loi n° 2005-102 du 11 février 2005. Cette déclaration d'accessibilité s'applique à l'application web
        Escale.
      </p>
      <h2 class="fr-h4">État de conformité</h2>
      <p>
        Escale est <strong>partiellement conforme</strong> avec le référentiel général d'amélioration de l'accessibilité
        (RGAA), version 4.1 : aucun audit de conformité n'a encore été réalisé.
      </p>
      <h2 class="fr-h4">Ce qui est vérifié</h2>
      <ul>
        <li>Chaque page est contrôlée automatiquement avec axe-core, sans aucune erreur, à chaque construction.</li>
        <li>
          La réservation d'un poste se fait entièrement au clavier, sur le plan (flèches pour aller d'un poste à l'autre,
          Entrée pour réserver) comme dans la liste des postes, son équivalent accessible.
        </li>
        <li>L'état des postes est donné par un texte et un symbole, jamais par la couleur seule.</li>
        <li>Les pages s'affichent sans perte d'information sur un écran de 360 pixels de large.</li>
      </ul>
      <h2 class="fr-h4">Contenus non accessibles</h2>
      <ul>
        <li>Le plan du niveau est un dessin : son équivalent accessible est la vue « Liste ».</li>
        <li>Les résultats d'un audit manuel ne sont pas encore connus.</li>
      </ul>
      <h2 class="fr-h4">Retour d'information et contact</h2>
      <p>
        Si vous n'arrivez pas à accéder à un contenu ou à un service, contactez le gestionnaire de votre site pour être
        orienté vers une alternative accessible ou obtenir le contenu sous une autre forme.
      </p>
      <h2 class="fr-h4">Voies de recours</h2>
      <p>
        Si vous constatez un défaut d'accessibilité vous empêchant d'accéder à un contenu ou à une fonctionnalité, que
        vous nous l'avez signalé et que vous n'avez pas obtenu de réponse satisfaisante, vous pouvez écrire au Défenseur
        des droits ou contacter son délégué dans votre région.
      </p>
    </>
  );
}
