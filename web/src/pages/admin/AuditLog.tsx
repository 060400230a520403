// SPDX-License-Identifier: EUPL-1.2
// Administration: the site's audit log (GET /api/v1/audit-events), newest first, filtered by
// period (local days, sent as UTC instants) and by collection or action (on the lines read),
// 100 lines at a time with « Lignes plus anciennes »; the CSV export link carries the same
// period (GET /api/v1/audit-events.csv).
import { useEffect, useState } from 'preact/hooks';
import { get, withQuery, getAll } from '../../api';
import { ErrorAlert } from '../../components/Alert';
import { InputField } from '../../components/Field';
import { Table } from '../../components/Table';
import { messageOf } from '../../data';
import type { Resident, SiteDetail } from '../../types';
import { AdminFrame } from './AdminFrame';
import { formatInstant } from './ApiTokens';

interface AuditEvent {
  id: number;
  at: string;
  actor_id: number | null;
  on_behalf_of: number | null;
  action: string;
  object: string;
  object_id: number | null;
  details: string;
}

const pageSize = 100;
// A local day (AAAA-MM-JJ) as the UTC instant of its midnight in the browser's zone.
const utcOf = (day: string) => (day ? new Date(`${day}T00:00:00`).toISOString().replace(/\.\d+Z$/, 'Z') : undefined);
const nextDay = (day: string) => {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

export function AuditLogPage() {
  return <AdminFrame title="Journal d'audit">{(site) => <AuditLog site={site} />}</AdminFrame>;
}

function AuditLog({ site }: { site: SiteDetail }) {
  const [from, setFrom] = useState('');
  const [until, setUntil] = useState('');
  const [text, setText] = useState('');
  const [filters, setFilters] = useState<{ from: string; until: string }>({ from: '', until: '' });
  const [events, setEvents] = useState<AuditEvent[] | null>(null);
  const [more, setMore] = useState(false);
  const [errors, setErrors] = useState<{ until?: string }>({});
  const [error, setError] = useState<string | null>(null);
  // Names of the site's residents, for the authors and the people concerned (numbers only
  // when the list cannot be read).
  const [names, setNames] = useState<Map<number, string>>(new Map());
  useEffect(() => {
    getAll<Resident>(withQuery('/api/v1/residents', { site_id: site.site.id })).then(
      (list) => setNames(new Map(list.map((r) => [r.id, r.display_name]))),
      () => undefined,
    );
  }, [site.site.id]);
  const who = (id: number) => (names.has(id) ? `${names.get(id)} (n° ${id})` : `n° ${id}`);
  const query = (f: { from: string; until: string }, beforeId?: number) => ({
    site_id: site.site.id,
    from: utcOf(f.from),
    until: f.until ? utcOf(nextDay(f.until)) : undefined,
    before_id: beforeId,
  });

  const load = async (f: { from: string; until: string }, beforeId?: number) => {
    try {
      const page = await get<AuditEvent[]>(withQuery('/api/v1/audit-events', { ...query(f, beforeId), limit: pageSize }));
      setEvents(beforeId ? [...(events ?? []), ...page] : page);
      setMore(page.length === pageSize);
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    }
  };
  useEffect(() => {
    load(filters);
  }, [filters, site.site.id]);

  const apply = (e: Event) => {
    e.preventDefault();
    if (from && until && until < from) {
      setErrors({ until: 'La fin doit suivre le début.' });
      document.getElementById('journal-jusqua')?.focus();
      return;
    }
    setErrors({});
    setEvents(null);
    setFilters({ from, until });
  };

  const needle = text.trim().toLowerCase();
  const shown = (events ?? []).filter((ev) => !needle || `${ev.action} ${ev.object} ${ev.details}`.toLowerCase().includes(needle));
  const csv = withQuery('/api/v1/audit-events.csv', query(filters));

  return (
    <>
      {error && <ErrorAlert>{error}</ErrorAlert>}
      <form onSubmit={apply} noValidate class="fr-mb-2w">
        <div class="fr-grid-row fr-grid-row--gutters">
          <div class="fr-col-12 fr-col-md-4">
            <InputField id="journal-depuis" label="Du" type="date" value={from} onInput={setFrom} />
          </div>
          <div class="fr-col-12 fr-col-md-4">
            <InputField id="journal-jusqua" label="Au (inclus)" type="date" value={until} error={errors.until} onInput={setUntil} />
          </div>
          <div class="fr-col-12 fr-col-md-4">
            <InputField id="journal-texte" label="Action ou collection" hint="Par exemple book_for ou desks." value={text} onInput={setText} />
          </div>
        </div>
        <button type="submit" class="fr-btn">
          Filtrer
        </button>
      </form>
      <p>
        <a class="fr-link fr-icon-download-line fr-link--icon-left" href={csv} download id="journal-csv">
          Exporter cette période (CSV)
        </a>
      </p>
      {!events ? (
        <p aria-busy="true">Chargement du journal…</p>
      ) : shown.length === 0 ? (
        <p>Aucune ligne.</p>
      ) : (
        <Table caption={`Journal d'audit — ${shown.length} ligne${shown.length > 1 ? 's' : ''}`}>
          <thead>
            <tr>
              <th scope="col">Quand</th>
              <th scope="col">Auteur</th>
              <th scope="col">Action</th>
              <th scope="col">Objet</th>
              <th scope="col">Détails</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((ev) => (
              <tr key={ev.id}>
                <td>{formatInstant(ev.at)}</td>
                <td>
                  {ev.actor_id === null ? 'Système' : who(ev.actor_id)}
                  {ev.on_behalf_of !== null && ` pour ${who(ev.on_behalf_of)}`}
                </td>
                <td>{ev.action}</td>
                <td>
                  {ev.object}
                  {ev.object_id !== null && ` n° ${ev.object_id}`}
                </td>
                <td>{ev.details}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {more && events && (
        <button type="button" class="fr-btn fr-btn--secondary" onClick={() => load(filters, events[events.length - 1].id)}>
          Lignes plus anciennes
        </button>
      )}
    </>
  );
}
