// SPDX-License-Identifier: EUPL-1.2
// Offered with a booking's confirmation: links that download each booking just made as an
// .ics file (GET /api/v1/desk-bookings/{id}/calendar.ics or /space-bookings/…), to add it to
// one's calendar. A whole day's two halves get a link each, as do a recurrence's occurrences.
export function CalendarDownload({ kind, ids }: { kind: 'desk-bookings' | 'space-bookings'; ids: number[] }) {
  if (!ids.length) return null;
  const halves = ['matin', 'après-midi'];
  const which = (i: number) =>
    ids.length < 2 ? '' : kind === 'desk-bookings' && ids.length === 2 ? ` (${halves[i]})` : ` (${i + 1} sur ${ids.length})`;
  return (
    <ul class="fr-links-group fr-mb-3w">
      {ids.map((id, i) => (
        <li key={id}>
          <a class="fr-link" href={`/api/v1/${kind}/${id}/calendar.ics`} download>
            Ajouter à mon agenda{which(i)} (.ics)
          </a>
        </li>
      ))}
    </ul>
  );
}
