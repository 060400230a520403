// SPDX-License-Identifier: EUPL-1.2
// Dates and times as French readers expect them (« mardi 3 mars », « 14 h 30 »), in the
// site's time zone (Europe/Paris by default). A local date is a "YYYY-MM-DD" string, as the
// API writes them; date arithmetic is done at noon UTC so that no time zone shifts a day.
// The Intl formatters are made on first use and kept: the first one loads the browser's
// locale data (30 to 80 ms of the main thread in Chromium here), which must not delay the
// app's first requests, and a plan's 150 accessible names must not each build their own.
// Dates alone (« mardi 3 mars ») need no locale data: they are written from the names below,
// as Intl writes them in French (format.test.mjs compares the two), and the plan, the page an
// agent opens most, then loads none at all.
import type { Half, Period } from './types';

export const defaultTimeZone = 'Europe/Paris';

function utcNoon(date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d, 12));
}

function iso(d: Date): string {
  return d.toISOString().slice(0, 10);
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = locale + JSON.stringify(options);
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, f);
  }
  return f;
}

// Today's date where the site is.
export function today(timeZone = defaultTimeZone, now = new Date()): string {
  const parts = formatter('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

export function addDays(date: string, n: number): string {
  const d = utcNoon(date);
  d.setUTCDate(d.getUTCDate() + n);
  return iso(d);
}

// 0 = Monday … 6 = Sunday.
export function weekday(date: string): number {
  return (utcNoon(date).getUTCDay() + 6) % 7;
}

export function mondayOf(date: string): string {
  return addDays(date, -weekday(date));
}

const dayNames = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'];
const monthNames = [
  'janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre',
];

// « mardi 3 mars »
export function formatDate(date: string): string {
  const d = utcNoon(date);
  return `${dayNames[d.getUTCDay()]} ${d.getUTCDate()} ${monthNames[d.getUTCMonth()]}`;
}

// « mardi 3 mars 2026 »
export function formatDateWithYear(date: string): string {
  return `${formatDate(date)} ${utcNoon(date).getUTCFullYear()}`;
}

// « 14 h 30 » (« 9 h » on the hour) for an instant, in the site's time zone.
export function formatTime(instant: Date, timeZone = defaultTimeZone): string {
  const parts = formatter('fr-FR', { timeZone, hour: 'numeric', minute: '2-digit', hourCycle: 'h23' }).formatToParts(instant);
  const h = Number(parts.find((p) => p.type === 'hour')!.value);
  const m = parts.find((p) => p.type === 'minute')!.value;
  return m === '00' ? `${h} h` : `${h} h ${m}`;
}

export const halfNames: Record<Half, string> = { am: 'matin', pm: 'après-midi' };
export const periodNames: Record<Period, string> = { am: 'matin', pm: 'après-midi', day: 'journée' };

// « ce matin », « cet après-midi », « toute la journée » for a desk's accessible name.
// `today`: the site's date now (the server says it beside the desks).
export function periodPhrase(period: Period, date: string, today: string): string {
  const isToday = date === today;
  if (period === 'day') return isToday ? "toute la journée aujourd'hui" : `toute la journée du ${formatDate(date)}`;
  if (isToday) return period === 'am' ? 'ce matin' : 'cet après-midi';
  return `le ${formatDate(date)} ${period === 'am' ? 'matin' : 'après-midi'}`;
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
