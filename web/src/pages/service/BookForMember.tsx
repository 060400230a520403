// SPDX-License-Identifier: EUPL-1.2
// Mon service: book a desk on behalf of a member (POST /api/v1/desk-bookings with
// resident_id; permission book_for_others). The desks offered are those free for the chosen
// date and period on every floor of the site (GET /api/v1/floors/{id}/availability); none,
// with the reason, when the server would refuse the half-day (over, closed, too far ahead).
// The form opens on `first`, the site's next half-day (the whole day if it is a morning).
import { useEffect, useState } from 'preact/hooks';
import { ApiError, get, post, withQuery } from '../../api';
import { ErrorAlert } from '../../components/Alert';
import { InputField, SelectField } from '../../components/Field';
import { messageOf } from '../../data';
import { formatDate, periodNames } from '../../format';
import type { NextHalfDay } from '../../siteNow';
import type { DeskAvailability, FloorAvailability, Period, Resident, SiteDetail } from '../../types';

type FieldName = 'member' | 'date' | 'period' | 'desk';

// Which field a refusal of the server is about, from its detail or its code.
function fieldOf(e: ApiError): FieldName | null {
  const field = e.details.find((d) => d.field)?.field;
  if (field === 'resident_id') return 'member';
  if (field === 'date') return 'date';
  if (field === 'period') return 'period';
  if (field === 'desk_id') return 'desk';
  if (/resident/.test(e.code)) return 'member';
  if (/date|closed|horizon|past/.test(e.code)) return 'date';
  if (/desk|slot|taken|zone|quota|adapted|priority/.test(e.code)) return 'desk';
  return null;
}

export function BookForMember(props: { site: SiteDetail; members: Resident[]; first: NextHalfDay; onBooked: (message: string) => void }) {
  const { site, members } = props;
  // One person (their own page): no list to choose from, their name in the title.
  const alone = members.length === 1 ? members[0] : null;
  const [memberId, setMemberId] = useState(alone ? String(alone.id) : '');
  const [date, setDate] = useState(props.first.date);
  const [period, setPeriod] = useState<Period>(props.first.half === 'pm' ? 'pm' : 'day');
  const [deskId, setDeskId] = useState('');
  const [desks, setDesks] = useState<(DeskAvailability & { floorName: string })[] | null>(null);
  const [refusals, setRefusals] = useState<FloorAvailability['refusals'] | null>(null);
  const [booked, setBooked] = useState(0); // bookings made here: each reads the free desks again
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [summary, setSummary] = useState<string | null>(null);

  useEffect(() => {
    setDesks(null);
    setRefusals(null);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return;
    let stale = false;
    Promise.all(site.floors.map((f) => get<FloorAvailability>(withQuery(`/api/v1/floors/${f.id}/availability`, { date })))).then(
      (all) => {
        if (stale) return;
        setDesks(all.flatMap((a, i) => a.desks.filter((d) => d.active).map((d) => ({ ...d, floorName: site.floors[i].name }))));
        setRefusals(all[0]?.refusals ?? null); // the site's rules: the same on every floor
      },
      (e) => !stale && setErrors({ date: messageOf(e) }),
    );
    return () => {
      stale = true;
    };
  }, [date, site, booked]);

  const refusal = refusals && (period === 'day' ? refusals.am ?? refusals.pm : refusals[period]);
  const free = refusal ? [] : (desks ?? []).filter((d) => (period === 'day' ? d.am === 'free' && d.pm === 'free' : d[period] === 'free'));
  const deskHint = !desks
    ? 'Recherche des postes libres…'
    : refusal
      ? `Aucun poste. ${refusal.message}`
      : `${free.length} poste${free.length > 1 ? 's' : ''} libre${free.length > 1 ? 's' : ''}`;
  const zoneName = (id: number | null) => site.zones.find((z) => z.id === id)?.name;

  const submit = async (e: Event) => {
    e.preventDefault();
    const found: Partial<Record<FieldName, string>> = {};
    if (!memberId) found.member = 'Choisissez la personne pour qui réserver.';
    if (!date) found.date = 'Indiquez la date, au format jj/mm/aaaa.';
    if (!deskId) found.desk = 'Choisissez un poste libre.';
    setErrors(found);
    setSummary(null);
    if (Object.keys(found).length > 0) {
      document.getElementById(`reserver-${Object.keys(found)[0] === 'member' ? 'membre' : Object.keys(found)[0] === 'date' ? 'date' : 'poste'}`)?.focus();
      return;
    }
    const member = members.find((m) => String(m.id) === memberId)!;
    const desk = free.find((d) => String(d.id) === deskId);
    try {
      await post('/api/v1/desk-bookings', { desk_id: Number(deskId), date, period, resident_id: member.id });
      setDeskId('');
      setBooked((n) => n + 1);
      props.onBooked(`Poste ${desk?.label ?? ''} réservé pour ${member.display_name}, ${formatDate(date)} (${periodNames[period]}).`);
    } catch (err) {
      const field = err instanceof ApiError ? fieldOf(err) : null;
      if (field) setErrors({ [field]: messageOf(err) });
      else setSummary(messageOf(err));
    }
  };

  return (
    <section class="fr-mb-4w" aria-labelledby="reserver-pour">
      <h2 class="fr-h4" id="reserver-pour">
        {alone ? `Réserver pour ${alone.display_name}` : 'Réserver pour un membre du service'}
      </h2>
      {summary && <ErrorAlert>{summary}</ErrorAlert>}
      <form onSubmit={submit} noValidate>
        <div class="fr-grid-row fr-grid-row--gutters">
          {!alone && (
            <div class="fr-col-12 fr-col-md-6">
              <SelectField id="reserver-membre" label="Personne" value={memberId} error={errors.member} onChange={setMemberId}>
                <option value="">Choisir une personne</option>
                {members.map((m) => (
                  <option key={m.id} value={String(m.id)}>
                    {m.display_name}
                  </option>
                ))}
              </SelectField>
            </div>
          )}
          <div class="fr-col-12 fr-col-md-3">
            <InputField id="reserver-date" label="Date" type="date" value={date} min={props.first.date} error={errors.date}
              onInput={(v) => {
                setDate(v);
                setDeskId('');
              }} />
          </div>
          <div class="fr-col-12 fr-col-md-3">
            <SelectField id="reserver-periode" label="Période" value={period} error={errors.period}
              onChange={(v) => {
                setPeriod(v as Period);
                setDeskId('');
              }}>
              <option value="day">Journée</option>
              <option value="am">Matin</option>
              <option value="pm">Après-midi</option>
            </SelectField>
          </div>
          <div class="fr-col-12">
            <SelectField id="reserver-poste" label="Poste" hint={deskHint}
              value={deskId} error={errors.desk} onChange={setDeskId}>
              <option value="">Choisir un poste libre</option>
              {free.map((d) => (
                <option key={d.id} value={String(d.id)}>
                  {d.label} — {zoneName(d.zone_id) ?? d.floorName}
                  {d.adapted ? ' (adapté)' : ''}
                </option>
              ))}
            </SelectField>
          </div>
        </div>
        <button type="submit" class="fr-btn fr-mt-3w">
          Réserver pour cette personne
        </button>
      </form>
    </section>
  );
}
