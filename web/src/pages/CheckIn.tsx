// SPDX-License-Identifier: EUPL-1.2
// The page a desk's QR code opens (/p/<desk id>, printed by `escale qr`): on a phone at the
// desk, one big button. The server decides what it means: with my booking of this desk for
// the current half-day, my arrival is recorded; with none and the desk free now, the desk is
// booked for me on the spot (walk-in). Any refusal (check-in off on this site, outside the
// half-day, booking released, desk taken) is the server's French message, shown here.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, get, post } from '../api';
import { ErrorAlert, Notice } from '../components/Alert';
import { PageTitle } from '../components/PageTitle';
import { currentPath } from '../router';

interface DeskInfo {
  label: string;
}

interface CheckInAnswer {
  walk_in: boolean;
}

// The desk id of /p/<id>, or null when the rest of the path is not a positive number.
export function deskIdOf(path: string): number | null {
  const m = /^\/p\/([1-9][0-9]{0,15})$/.exec(path);
  return m ? Number(m[1]) : null;
}

export function CheckInPage() {
  const id = deskIdOf(currentPath.value);
  const [desk, setDesk] = useState<DeskInfo | null>(null);
  const [error, setError] = useState<string | null>(id === null ? "Ce code ne désigne aucun poste." : null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (id === null) return;
    get<DeskInfo>(`/api/v1/desks/${id}`)
      .then(setDesk)
      .catch((e: unknown) => setError(e instanceof ApiError ? e.message : 'Ce poste est introuvable.'));
  }, [id]);

  async function arrive() {
    setBusy(true);
    setError(null);
    try {
      const answer = await post<CheckInAnswer>(`/api/v1/desks/${id}/check-in`, undefined);
      setDone(
        answer.walk_in
          ? `Le poste ${desk?.label ?? ''} vous est réservé pour cette demi-journée, et votre arrivée est signalée.`
          : `Votre arrivée au poste ${desk?.label ?? ''} est signalée. Bonne journée !`,
      );
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "L'arrivée n'a pas pu être signalée.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <PageTitle title={desk ? `Poste ${desk.label}` : 'Arrivée au poste'} />
      {error && <ErrorAlert>{error}</ErrorAlert>}
      <Notice message={done} />
      {desk && !done && (
        <>
          <p>
            Si vous avez réservé ce poste pour la demi-journée en cours, signalez votre arrivée. S'il est libre, il vous
            est réservé sur place.
          </p>
          <button type="button" class="fr-btn fr-btn--lg" onClick={arrive} disabled={busy}>
            Je suis là
          </button>
        </>
      )}
      {done && (
        <p>
          <a class="fr-link" href="/semaine">
            Voir ma semaine
          </a>
        </p>
      )}
    </>
  );
}
