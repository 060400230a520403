// SPDX-License-Identifier: EUPL-1.2
// Espaces: the collective spaces of my site on a day, each with its day as a timeline
// (opening hours, the ranges already booked; GET /api/v1/spaces/{id}/bookings) and the same
// ranges in words, then a form to book a range (POST /api/v1/space-bookings) on the site's
// 15-minute grid. Errors are shown next to the field they concern.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError, get, post, withQuery, getAll } from '../api';
import { ErrorAlert, Notice } from '../components/Alert';
import { CalendarDownload } from '../components/CalendarDownload';
import { PageTitle } from '../components/PageTitle';
import { messageOf, useSite } from '../data';
import { addDays, capitalise, formatDate, today, weekday } from '../format';
import { currentQuery, navigate } from '../router';

interface Space {
  id: number;
  name: string;
  type: string;
  capacity: number;
  floor_id: number;
}
interface DayEntry {
  id: number;
  start: string;
  end: string;
  mine: boolean;
  subject?: string;
}
interface SpaceDay {
  space: Space;
  closed: boolean;
  opens: string;
  closes: string;
  bookings: DayEntry[];
}

const typeNames: Record<string, string> = {
  meeting_room: 'salle de réunion', bubble: 'bulle', silence_room: 'salle de silence', project_room: 'salle projet',
  convivial_area: 'espace convivial',
};
// Minutes since midnight of a local time written with its offset, as the site's clock reads it.
const minutes = (local: string) => Number(local.slice(11, 13)) * 60 + Number(local.slice(14, 16));
const clock = (m: number) => (m % 60 ? `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')}` : `${m / 60} h`);
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

function firstWorkingDay(from: string): string {
  let d = from;
  while (weekday(d) >= 5) d = addDays(d, 1);
  return d;
}

type FieldErrors = Partial<Record<'space' | 'start' | 'end' | 'attendees' | 'subject', string>>;

export function SpacesPage() {
  const site = useSite();
  const timeZone = site.data?.site.time_zone ?? 'Europe/Paris';
  const asked = currentQuery.value.get('date') ?? '';
  const date = /^\d{4}-\d{2}-\d{2}$/.test(asked) ? asked : firstWorkingDay(today(timeZone));
  const [days, setDays] = useState<SpaceDay[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [booked, setBooked] = useState<number[]>([]); // the bookings just made, offered as .ics
  const [fields, setFields] = useState<FieldErrors>({});
  const [form, setForm] = useState({ space: '', start: '', end: '', attendees: '2', subject: '' });

  const load = useCallback(async () => {
    if (!site.data) return;
    try {
      const spaces = await getAll<Space>(withQuery('/api/v1/spaces', { site_id: site.data.site.id }));
      const read = await Promise.all(spaces.map((s) => get<SpaceDay>(withQuery(`/api/v1/spaces/${s.id}/bookings`, { date }))));
      setDays(read);
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    }
  }, [site.data, date]);
  useEffect(() => {
    setDays(null);
    load();
  }, [load]);

  const open = days?.find((d) => !d.closed);
  const slots: number[] = [];
  if (open) for (let m = minutes(open.opens); m <= minutes(open.closes); m += 15) slots.push(m);
  const set = (k: keyof typeof form) => (e: Event) => setForm({ ...form, [k]: (e.target as HTMLInputElement).value });

  const book = async (e: Event) => {
    e.preventDefault();
    setNotice(null);
    const day = days?.find((d) => String(d.space.id) === form.space);
    const problems: FieldErrors = {};
    if (!day) problems.space = 'Choisissez un espace.';
    if (!form.start) problems.start = "Choisissez l'heure de début.";
    if (!form.end) problems.end = "Choisissez l'heure de fin.";
    else if (form.start && Number(form.end) <= Number(form.start)) problems.end = 'La fin doit suivre le début.';
    if (!form.subject.trim()) problems.subject = "Donnez l'objet de la réservation.";
    setFields(problems);
    if (Object.keys(problems).length || !day) {
      document.getElementById(`espace-${Object.keys(problems)[0]}`)?.focus();
      return;
    }
    const offset = day.opens.slice(19);
    try {
      const made = await post<{ bookings: { id: number }[] }>('/api/v1/space-bookings', {
        space_id: day.space.id, start: `${date}T${hhmm(Number(form.start))}:00${offset}`,
        end: `${date}T${hhmm(Number(form.end))}:00${offset}`, attendees: Number(form.attendees), subject: form.subject.trim(),
      });
      setError(null);
      setNotice(`${capitalise(day.space.name)} réservé ${formatDate(date)}, de ${clock(Number(form.start))} à ${clock(Number(form.end))}.`);
      setBooked(made.bookings.map((b) => b.id));
      setForm({ ...form, subject: '' });
      await load();
    } catch (err) {
      const code = err instanceof ApiError ? err.code : '';
      const at: keyof FieldErrors | null =
        code === 'too_many_attendees' ? 'attendees' : code === 'range_taken' || code === 'off_grid' || code === 'outside_opening_hours' || code === 'invalid_range' ? 'start' : null;
      if (at) {
        setFields({ [at]: messageOf(err) });
        document.getElementById(`espace-${at}`)?.focus();
      } else setError(`Réservation impossible : ${messageOf(err)}`);
    }
  };

  if (site.error) return <ErrorAlert>{site.error}</ErrorAlert>;
  const field = (k: keyof FieldErrors) => (fields[k] ? { 'aria-describedby': `espace-${k}-erreur`, 'aria-invalid': true } : {});
  const fieldError = (k: keyof FieldErrors) =>
    fields[k] && (
      <p class="fr-error-text" id={`espace-${k}-erreur`}>
        {fields[k]}
      </p>
    );
  return (
    <>
      <PageTitle title="Espaces">Espaces collectifs</PageTitle>
      <div class="fr-input-group fr-mb-3w escale-narrow">
        <label class="fr-label" for="espaces-date">
          Date
          <span class="fr-hint-text">{capitalise(formatDate(date))}</span>
        </label>
        <input class="fr-input" type="date" id="espaces-date" value={date}
          onChange={(e) => {
            const v = (e.target as HTMLInputElement).value;
            if (v) navigate(withQuery('/espaces', { date: v }), { replace: true });
          }} />
      </div>
      <Notice message={notice} />
      {notice && <CalendarDownload kind="space-bookings" ids={booked} />}
      {error && <ErrorAlert>{error}</ErrorAlert>}
      {!days ? (
        <p aria-busy="true">Chargement des espaces…</p>
      ) : !open ? (
        <p>Le site est fermé {formatDate(date)}.</p>
      ) : (
        <>
          <ul class="escale-spaces">
            {days.map((d) => (
              <li key={d.space.id} class="fr-mb-2w">
                <h2 class="fr-h6 fr-mb-1v">
                  {d.space.name} <span class="escale-muted">— {typeNames[d.space.type] ?? d.space.type}, {d.space.capacity} place{d.space.capacity > 1 ? 's' : ''}</span>
                </h2>
                <Timeline day={d} />
                <p class="fr-text--sm fr-mb-0">
                  {d.bookings.length === 0
                    ? `Libre toute la journée (${clock(minutes(d.opens))} – ${clock(minutes(d.closes))}).`
                    : 'Réservé : ' + d.bookings.map((b) => `${clock(minutes(b.start))} – ${clock(minutes(b.end))}${b.mine ? ' (vous)' : ''}`).join(', ') + '.'}
                </p>
              </li>
            ))}
          </ul>
          <form onSubmit={book} class="fr-mt-4w" noValidate>
            <fieldset class="fr-fieldset">
              <legend class="fr-fieldset__legend">
                <h2 class="fr-h4 fr-mb-0">Réserver un espace, {formatDate(date)}</h2>
              </legend>
              <div class="fr-fieldset__element">
                <div class={`fr-select-group${fields.space ? ' fr-select-group--error' : ''}`}>
                  <label class="fr-label" for="espace-space">Espace</label>
                  <select class="fr-select" id="espace-space" value={form.space} onChange={set('space')} {...field('space')}>
                    <option value="">Choisir un espace</option>
                    {days.map((d) => (
                      <option key={d.space.id} value={String(d.space.id)}>
                        {d.space.name} ({d.space.capacity} places)
                      </option>
                    ))}
                  </select>
                  {fieldError('space')}
                </div>
              </div>
              {(['start', 'end'] as const).map((k) => (
                <div class="fr-fieldset__element fr-fieldset__element--inline" key={k}>
                  <div class={`fr-select-group${fields[k] ? ' fr-select-group--error' : ''}`}>
                    <label class="fr-label" for={`espace-${k}`}>
                      {k === 'start' ? 'Début' : 'Fin'}
                    </label>
                    <select class="fr-select" id={`espace-${k}`} value={form[k]} onChange={set(k)} {...field(k)}>
                      <option value="">—</option>
                      {(k === 'start' ? slots.slice(0, -1) : slots.slice(1)).map((m) => (
                        <option key={m} value={String(m)}>
                          {clock(m)}
                        </option>
                      ))}
                    </select>
                    {fieldError(k)}
                  </div>
                </div>
              ))}
              <div class="fr-fieldset__element fr-fieldset__element--inline">
                <div class={`fr-input-group${fields.attendees ? ' fr-input-group--error' : ''}`}>
                  <label class="fr-label" for="espace-attendees">Participants</label>
                  <input class="fr-input" type="number" min="1" id="espace-attendees" value={form.attendees} onInput={set('attendees')} {...field('attendees')} />
                  {fieldError('attendees')}
                </div>
              </div>
              <div class="fr-fieldset__element">
                <div class={`fr-input-group${fields.subject ? ' fr-input-group--error' : ''}`}>
                  <label class="fr-label" for="espace-subject">Objet</label>
                  <input class="fr-input" id="espace-subject" value={form.subject} maxLength={200} onInput={set('subject')} {...field('subject')} />
                  {fieldError('subject')}
                </div>
              </div>
              <div class="fr-fieldset__element">
                <button type="submit" class="fr-btn">
                  Réserver
                </button>
              </div>
            </fieldset>
          </form>
        </>
      )}
    </>
  );
}

// The day of a space as a bar from opening to closing, its booked ranges hatched (mine in
// blue); for the eyes only, the same ranges are written out below it.
function Timeline({ day }: { day: SpaceDay }) {
  const from = minutes(day.opens);
  const to = minutes(day.closes);
  const hours: number[] = [];
  for (let m = Math.ceil(from / 60) * 60; m <= to; m += 60) hours.push(m);
  return (
    <svg class="escale-timeline" viewBox={`${from} 0 ${to - from} 30`} preserveAspectRatio="none" aria-hidden="true">
      <rect class="escale-timeline-free" x={from} y="0" width={to - from} height="20" />
      {day.bookings.map((b) => (
        <rect key={b.id} class={b.mine ? 'escale-timeline-mine' : 'escale-timeline-taken'} x={minutes(b.start)} y="0"
          width={minutes(b.end) - minutes(b.start)} height="20" />
      ))}
      {hours.map((m) => (
        <line key={m} class="escale-timeline-hour" x1={m} x2={m} y1="20" y2="26" />
      ))}
    </svg>
  );
}
