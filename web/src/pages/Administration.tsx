// SPDX-License-Identifier: EUPL-1.2
// Administration (gestionnaire, admin): the first of its pages, import residents from a CSV
// file and place a new desk on a floor's plan (pages/admin/); the others (referential,
// plan, lockers, tokens, audit log) are reached from the frame's navigation.
import { AdminFrame } from './admin/AdminFrame';
import { DeskPlacer } from './admin/DeskPlacer';
import { ResidentImport } from './admin/ResidentImport';

export function AdministrationPage() {
  return (
    <AdminFrame title="Administration">
      {(site) => (
        <>
          <ResidentImport siteId={site.site.id} />
          <DeskPlacer site={site} />
        </>
      )}
    </AdminFrame>
  );
}
