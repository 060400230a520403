// SPDX-License-Identifier: EUPL-1.2
// Administration: who holds which locker (GET /api/v1/sites/{id}/locker-assignments, and its
// CSV export), release one (DELETE /api/v1/locker-assignments/{id}), assign a free locker to
// a resident of the site (POST /api/v1/locker-assignments). Permission assign_lockers.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, del, post, withQuery, getAll } from '../../api';
import { ErrorAlert, Notice } from '../../components/Alert';
import { SelectField } from '../../components/Field';
import { Table } from '../../components/Table';
import { messageOf } from '../../data';
import type { Resident, SiteDetail } from '../../types';
import { AdminFrame } from './AdminFrame';

interface Locker {
  id: number;
  label: string;
  zone_id: number | null;
}
interface Holding {
  id: number;
  locker: Locker;
  zone_name: string | null;
  resident: { id: number | null; display_name: string; service_name: string | null };
}

export function LockerHoldersPage() {
  return <AdminFrame title="Titulaires des casiers">{(site) => <LockerHolders site={site} />}</AdminFrame>;
}

function LockerHolders({ site }: { site: SiteDetail }) {
  const siteId = site.site.id;
  const [held, setHeld] = useState<Holding[] | null>(null);
  const [lockers, setLockers] = useState<Locker[]>([]);
  const [residents, setResidents] = useState<Resident[]>([]);
  const [lockerId, setLockerId] = useState('');
  const [residentId, setResidentId] = useState('');
  const [errors, setErrors] = useState<{ locker?: string; resident?: string }>({});
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  const load = useCallback(async () => {
    try {
      const [h, l, r] = await Promise.all([
        getAll<Holding>(`/api/v1/sites/${siteId}/locker-assignments`),
        getAll<Locker>(withQuery('/api/v1/lockers', { site_id: siteId })),
        getAll<Resident>(withQuery('/api/v1/residents', { site_id: siteId })),
      ]);
      setHeld(h);
      setLockers(l);
      setResidents(r.filter((x) => x.active));
    } catch (e) {
      setError(messageOf(e));
    }
  }, [siteId]);
  useEffect(() => {
    load();
  }, [load]);

  const heldIds = new Set((held ?? []).map((h) => h.locker.id));
  const holders = new Set((held ?? []).map((h) => h.resident.id));
  const free = lockers.filter((l) => !heldIds.has(l.id));
  const without = residents.filter((r) => !holders.has(r.id));

  const release = async (h: Holding) => {
    try {
      await del(`/api/v1/locker-assignments/${h.id}`);
      setNotice(`Casier ${h.locker.label} rendu : ${h.resident.display_name} ne le tient plus.`);
      setError(null);
      await load();
      heading.current?.focus();
    } catch (e) {
      setError(`Casier ${h.locker.label} : ${messageOf(e)}`);
    }
  };

  const assign = async (e: Event) => {
    e.preventDefault();
    const found: typeof errors = {};
    if (!lockerId) found.locker = 'Choisissez un casier libre.';
    if (!residentId) found.resident = 'Choisissez la personne.';
    setErrors(found);
    if (found.locker || found.resident) {
      document.getElementById(found.locker ? 'casier-libre' : 'casier-personne')?.focus();
      return;
    }
    const locker = free.find((l) => String(l.id) === lockerId);
    const person = without.find((r) => String(r.id) === residentId);
    try {
      await post('/api/v1/locker-assignments', { locker_id: Number(lockerId), resident_id: Number(residentId) });
      setLockerId('');
      setResidentId('');
      setNotice(`Casier ${locker?.label} attribué à ${person?.display_name}.`);
      await load();
    } catch (err) {
      const code = err instanceof ApiError ? err.code : '';
      if (/resident/.test(code)) setErrors({ resident: messageOf(err) });
      else setErrors({ locker: messageOf(err) });
    }
  };

  return (
    <>
      <Notice message={notice} />
      {error && <ErrorAlert>{error}</ErrorAlert>}
      <section class="fr-mb-4w" aria-labelledby="casiers-tenus">
        <h2 class="fr-h4" id="casiers-tenus" ref={heading} tabIndex={-1}>
          Casiers attribués
        </h2>
        <p>
          <a class="fr-link fr-icon-download-line fr-link--icon-left" href={`/api/v1/sites/${siteId}/locker-assignments.csv`} download>
            Télécharger la liste (CSV)
          </a>
        </p>
        {!held ? (
          <p aria-busy="true">Chargement des casiers…</p>
        ) : (
          <Table caption={`Casiers attribués — ${held.length} sur ${lockers.length}`}>
            <thead>
              <tr>
                <th scope="col">Casier</th>
                <th scope="col">Quartier</th>
                <th scope="col">Titulaire</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {held.map((h) => (
                <tr key={h.id}>
                  <td>{h.locker.label}</td>
                  <td>{h.zone_name ?? '—'}</td>
                  <td>
                    {h.resident.display_name}
                    {h.resident.service_name && <span class="escale-muted"> — {h.resident.service_name}</span>}
                  </td>
                  <td>
                    <button type="button" class="fr-btn fr-btn--sm fr-btn--tertiary" onClick={() => release(h)}
                      aria-label={`Rendre le casier ${h.locker.label} de ${h.resident.display_name}`}>
                      Rendre
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </section>
      <section class="fr-mb-4w" aria-labelledby="casier-attribuer">
        <h2 class="fr-h4" id="casier-attribuer">
          Attribuer un casier
        </h2>
        <form onSubmit={assign} noValidate>
          <div class="fr-grid-row fr-grid-row--gutters">
            <div class="fr-col-12 fr-col-md-6">
              <SelectField id="casier-libre" label="Casier libre" hint={`${free.length} libre${free.length > 1 ? 's' : ''}`} value={lockerId} error={errors.locker} onChange={setLockerId}>
                <option value="">Choisir un casier</option>
                {free.map((l) => (
                  <option key={l.id} value={String(l.id)}>
                    {l.label}
                    {l.zone_id ? ` — ${site.zones.find((z) => z.id === l.zone_id)?.name ?? ''}` : ''}
                  </option>
                ))}
              </SelectField>
            </div>
            <div class="fr-col-12 fr-col-md-6">
              <SelectField id="casier-personne" label="Personne" hint="Parmi celles qui n'ont pas de casier." value={residentId} error={errors.resident} onChange={setResidentId}>
                <option value="">Choisir une personne</option>
                {without.map((r) => (
                  <option key={r.id} value={String(r.id)}>
                    {r.display_name}
                  </option>
                ))}
              </SelectField>
            </div>
          </div>
          <button type="submit" class="fr-btn">
            Attribuer le casier
          </button>
        </form>
      </section>
    </>
  );
}
