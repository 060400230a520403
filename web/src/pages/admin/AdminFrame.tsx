// SPDX-License-Identifier: EUPL-1.2
// The frame of the administration pages: their title, the site administered, and the
// secondary navigation between them (the referential kinds, the plan, lockers, tokens, the
// audit log, the residents' import).
import type { ComponentChildren } from 'preact';
import { ErrorAlert } from '../../components/Alert';
import { PageTitle } from '../../components/PageTitle';
import { useSite } from '../../data';
import { currentPath, currentQuery } from '../../router';
import type { SiteDetail } from '../../types';
import { kinds } from './kinds';

const pages = [
  { href: '/administration', label: 'Import des résidents, nouveau poste' },
  { href: '/administration/plan', label: 'Plan : déplacer les postes' },
  ...kinds.map((k) => ({ href: `/administration/referentiel?type=${k.key}`, label: k.title })),
  { href: '/administration/casiers', label: 'Titulaires des casiers' },
  { href: '/administration/jetons', label: "Jetons d'API" },
  { href: '/administration/journal', label: "Journal d'audit" },
];

export function AdminFrame(props: { title: string; children: (site: SiteDetail) => ComponentChildren }) {
  const site = useSite();
  const here = currentPath.value + (currentQuery.value.toString() ? `?${currentQuery.value}` : '');
  return (
    <>
      <PageTitle title={props.title} />
      <nav class="escale-admin-nav fr-mb-3w" aria-label="Administration">
        <ul>
          {pages.map((p) => (
            <li key={p.href}>
              <a class="fr-link fr-link--sm" href={p.href} aria-current={p.href === here ? 'page' : undefined}>
                {p.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {site.error ? (
        <ErrorAlert>{site.error}</ErrorAlert>
      ) : !site.data ? (
        <p aria-busy="true">Chargement du site…</p>
      ) : (
        <>
          <p>Site : {site.data.site.name}</p>
          {props.children(site.data)}
        </>
      )}
    </>
  );
}
