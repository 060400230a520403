// SPDX-License-Identifier: EUPL-1.2
// Administration (gestionnaire, admin): import residents from a CSV file, place a new desk
// on a floor's plan. One section each (pages/admin/).
import { ErrorAlert } from '../components/Alert';
import { PageTitle } from '../components/PageTitle';
import { useSite } from '../data';
import { DeskPlacer } from './admin/DeskPlacer';
import { ResidentImport } from './admin/ResidentImport';

export function AdministrationPage() {
  const site = useSite();
  if (site.error) return <ErrorAlert>{site.error}</ErrorAlert>;
  return (
    <>
      <PageTitle title="Administration" />
      {!site.data ? (
        <p aria-busy="true">Chargement du site…</p>
      ) : (
        <>
          <p>Site : {site.data.site.name}</p>
          <ResidentImport siteId={site.data.site.id} />
          <DeskPlacer site={site.data} />
        </>
      )}
    </>
  );
}
