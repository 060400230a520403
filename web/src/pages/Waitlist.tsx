// SPDX-License-Identifier: EUPL-1.2
// Liste d'attente: when every desk of a half-day is taken, an agent waits for one on the whole
// site, a floor or a quartier; the first desk freed there afterwards (a cancellation, a booking
// released for want of arrival) is booked for them by the server, which tells them. Their
// entries from today on, « Quitter » for those still waiting. The plan links here, the form
// filled in (/attente?date=…&demi=…&etage=…), when nothing on the floor is free.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, del, get, post } from '../api';
import { ErrorAlert, Notice } from '../components/Alert';
import { InputField, SelectField } from '../components/Field';
import { PageTitle } from '../components/PageTitle';
import { messageOf, useSite } from '../data';
import { capitalise, formatDate, halfNames } from '../format';
import { currentQuery } from '../router';
import { session } from '../session';
import { useSiteNow } from '../siteNow';
import type { Half, SiteDetail, WaitlistEntry } from '../types';

const stateNames: Record<WaitlistEntry['state'], string> = { waiting: 'En attente', promoted: 'Poste attribué', left: 'Quittée' };
const stateBadges: Record<WaitlistEntry['state'], string> = { waiting: 'fr-badge--info', promoted: 'fr-badge--success', left: '' };

// Refusals said next to the date (the slot itself) or next to the scope (what is free in it).
const dateCodes = new Set(['past', 'closed_day', 'beyond_horizon', 'invalid_date', 'already_waiting', 'already_booked_that_slot']);
const scopeCodes = new Set(['desks_still_free', 'not_found', 'waitlist_scope']);

// The scope as the form's list names it: "site", "etage-3" or "quartier-7".
function scopeBody(scope: string, siteId: number) {
  const [kind, id] = scope.split('-');
  return kind === 'etage' ? { floor_id: Number(id) } : kind === 'quartier' ? { zone_id: Number(id) } : { site_id: siteId };
}

function scopeName(e: WaitlistEntry, site: SiteDetail | null): string {
  const zone = site?.zones.find((z) => z.id === e.zone_id);
  const floor = site?.floors.find((f) => f.id === (zone?.floor_id ?? e.floor_id));
  if (zone) return `${zone.name}, ${floor?.name ?? ''}`;
  if (floor) return `${floor.name}, tout le niveau`;
  return 'Tout le site';
}

const slotName = (e: { date: string; half: Half }) => `${formatDate(e.date)} ${halfNames[e.half]}`;

export function WaitlistPage() {
  const site = useSite();
  const s = session.value!;
  const now = useSiteNow(s.resident.site_id);
  const query = currentQuery.value;
  const [entries, setEntries] = useState<WaitlistEntry[] | null>(null);
  // What the agent chose (null: not touched, the default below stands).
  const [form, setForm] = useState<{ date: string | null; half: Half | null; scope: string | null }>({ date: null, half: null, scope: null });
  const [fields, setFields] = useState<{ date?: string; scope?: string }>({});
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = () =>
    get<WaitlistEntry[]>('/api/v1/me/waitlist').then(setEntries, (e) => setError(messageOf(e)));
  useEffect(() => {
    load();
  }, []);

  // The form filled in from the address (the plan's link), else the next half-day open and
  // the agent's own quartier.
  const myZone = site.data?.zones.find((z) => z.service_id === s.resident.service_id);
  const asked = /^\d{4}-\d{2}-\d{2}$/.test(query.get('date') ?? '') ? query.get('date')! : undefined;
  const askedFloor = Number(query.get('etage')) || undefined;
  const date = form.date ?? asked ?? now.data?.next.date ?? '';
  const half: Half = form.half ?? (query.get('demi') === 'pm' ? 'pm' : asked ? 'am' : now.data?.next.half ?? 'am');
  const scope = form.scope ?? (askedFloor ? `etage-${askedFloor}` : myZone ? `quartier-${myZone.id}` : 'site');

  const join = async (e: Event) => {
    e.preventDefault();
    setNotice(null);
    setError(null);
    if (!date) {
      setFields({ date: 'Choisissez une date.' });
      document.getElementById('attente-date')?.focus();
      return;
    }
    setFields({});
    try {
      const made = await post<WaitlistEntry>('/api/v1/waitlist', { date, half, ...scopeBody(scope, s.resident.site_id) });
      setNotice(`Vous êtes inscrit en liste d'attente : ${slotName(made)}, ${scopeName(made, site.data)}. ` +
        'Le premier poste libéré vous sera attribué, et vous en serez averti.');
      await load();
    } catch (err) {
      const code = err instanceof ApiError ? err.code : '';
      const at = dateCodes.has(code) ? 'date' : scopeCodes.has(code) ? 'scope' : null;
      if (at) {
        setFields({ [at]: messageOf(err) });
        document.getElementById(`attente-${at}`)?.focus();
      } else setError(`Inscription impossible : ${messageOf(err)}`);
    }
  };

  const leave = async (entry: WaitlistEntry) => {
    setNotice(null);
    setError(null);
    try {
      await del(`/api/v1/waitlist/${entry.id}`);
      setNotice(`Vous avez quitté la liste d'attente du ${slotName(entry)}.`);
      await load();
    } catch (err) {
      setError(`Impossible de quitter cette liste d'attente : ${messageOf(err)}`);
    }
  };

  if (site.error) return <ErrorAlert>{site.error}</ErrorAlert>;
  const floors = site.data?.floors ?? [];
  return (
    <>
      <PageTitle title="Liste d'attente" />
      <p>
        Quand tous les postes d'une demi-journée sont pris, inscrivez-vous : le premier poste libéré ensuite dans le
        périmètre choisi vous est attribué automatiquement, et vous en êtes averti.
      </p>
      <Notice message={notice} />
      {error && <ErrorAlert>{error}</ErrorAlert>}
      <form class="escale-narrow fr-mb-4w" onSubmit={join} noValidate>
        <h2 class="fr-h4">S'inscrire</h2>
        <InputField id="attente-date" label="Date" type="date" hint={date ? capitalise(formatDate(date)) : undefined}
          value={date} error={fields.date} required onInput={(v) => setForm({ ...form, date: v, half, scope })} />
        <SelectField id="attente-demi" label="Demi-journée" value={half} onChange={(v) => setForm({ ...form, date, half: v as Half, scope })}>
          <option value="am">Matin</option>
          <option value="pm">Après-midi</option>
        </SelectField>
        <SelectField id="attente-scope" label="Où" hint="Un quartier, un niveau entier ou tout le site" value={scope}
          error={fields.scope} onChange={(v) => setForm({ ...form, date, half, scope: v })}>
          <option value="site">Tout le site</option>
          {floors.map((f) => (
            <optgroup label={f.name} key={f.id}>
              <option value={`etage-${f.id}`}>{f.name}, tout le niveau</option>
              {(site.data?.zones ?? []).filter((z) => z.floor_id === f.id).map((z) => (
                <option value={`quartier-${z.id}`} key={z.id}>
                  {z.name}
                </option>
              ))}
            </optgroup>
          ))}
        </SelectField>
        <button type="submit" class="fr-btn">
          M'inscrire en liste d'attente
        </button>
      </form>
      <h2 class="fr-h4">Mes inscriptions</h2>
      {!entries ? (
        <p aria-busy="true">Chargement…</p>
      ) : !entries.length ? (
        <p>Aucune inscription à partir d'aujourd'hui.</p>
      ) : (
        <ul class="escale-plain-list escale-waitlist">
          {entries.map((e) => (
            <li key={e.id}>
              <strong>{capitalise(slotName(e))}</strong>
              <span>{scopeName(e, site.data)}</span>
              <span class={`fr-badge fr-badge--sm ${stateBadges[e.state]}`}>{stateNames[e.state]}</span>
              {e.state === 'waiting' ? (
                <button type="button" class="fr-btn fr-btn--sm fr-btn--secondary" onClick={() => leave(e)}
                  aria-label={`Quitter la liste d'attente du ${slotName(e)}`}>
                  Quitter
                </button>
              ) : e.state === 'promoted' ? (
                <a class="fr-link" href="/semaine">Voir Ma semaine</a>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
