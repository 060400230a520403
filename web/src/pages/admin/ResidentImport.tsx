// SPDX-License-Identifier: EUPL-1.2
// Administration: import residents from a CSV file. The file is checked first (POST
// /api/v1/sites/{id}/residents/import?dry_run=true): each wrong line is listed with its
// number beside the file field and nothing is imported; a right file shows what would be
// created, then « Importer » writes it (all or nothing).
import { useRef, useState } from 'preact/hooks';
import { ApiError, postText } from '../../api';
import { Notice } from '../../components/Alert';
import { messageOf } from '../../data';

interface PreviewLine {
  line: number;
  email: string;
  display_name: string;
  service_code: string;
  fte_percent: number;
  role: string;
}

export function ResidentImport({ siteId }: { siteId: number }) {
  const [text, setText] = useState<string | null>(null);
  const [fileName, setFileName] = useState('');
  const [preview, setPreview] = useState<PreviewLine[] | null>(null);
  const [problems, setProblems] = useState<{ summary: string; lines: string[] } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);
  const url = `/api/v1/sites/${siteId}/residents/import`;

  const fail = (e: unknown) => {
    const details = e instanceof ApiError ? e.details.map((d) => d.message) : [];
    setProblems({ summary: messageOf(e), lines: details });
    setPreview(null);
    fileRef.current?.focus();
  };

  const check = async (e: Event) => {
    e.preventDefault();
    setNotice(null);
    const file = fileRef.current?.files?.[0];
    if (!file) {
      setProblems({ summary: 'Choisissez un fichier CSV.', lines: [] });
      fileRef.current?.focus();
      return;
    }
    setBusy(true);
    try {
      const content = await file.text();
      setText(content);
      setFileName(file.name);
      const r = await postText<{ residents: PreviewLine[] }>(`${url}?dry_run=true`, content, 'text/csv');
      setProblems(null);
      setPreview(r.residents);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  const run = async () => {
    if (text === null) return;
    setBusy(true);
    try {
      const r = await postText<{ created: number }>(url, text, 'text/csv');
      setPreview(null);
      setText(null);
      setProblems(null);
      if (fileRef.current) fileRef.current.value = '';
      setNotice(`${r.created} résident${r.created > 1 ? 's' : ''} importé${r.created > 1 ? 's' : ''} depuis ${fileName}.`);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="fr-mb-6w" aria-labelledby="import-titre">
      <h2 id="import-titre">Importer des résidents</h2>
      <p>
        Un fichier CSV séparé par des points-virgules, avec une ligne d'en-tête : <code>email;nom;service</code>, et
        facultativement <code>quotité</code> et <code>rôle</code>. Le fichier est d'abord vérifié ; rien n'est importé tant
        qu'une ligne est fausse.
      </p>
      <Notice message={notice} />
      <form onSubmit={check}>
        <div class={`fr-upload-group fr-input-group${problems ? ' fr-input-group--error' : ''}`}>
          <label class="fr-label" for="fichier-residents">
            Fichier CSV des résidents
            <span class="fr-hint-text">Format .csv, UTF-8, 2 Mo au plus.</span>
          </label>
          <input class="fr-upload" type="file" id="fichier-residents" ref={fileRef} accept=".csv,text/csv"
            aria-describedby={problems ? 'fichier-residents-erreurs' : undefined}
            onChange={() => {
              setPreview(null);
              setProblems(null);
            }} />
          {problems && (
            <div id="fichier-residents-erreurs" class="escale-import-errors" role="alert">
              <p class="fr-error-text fr-mb-1v">{problems.summary}</p>
              {problems.lines.length > 0 && (
                <ul class="fr-mt-1v">
                  {problems.lines.map((l) => (
                    <li key={l}>{l}</li>
                  ))}
                </ul>
              )}
            </div>
          )}
        </div>
        <button type="submit" class="fr-btn fr-btn--secondary fr-mt-2w" disabled={busy}>
          Vérifier le fichier
        </button>
      </form>
      {preview && (
        <div class="fr-mt-4w">
          <div class="fr-table">
            <div class="fr-table__wrapper">
              <div class="fr-table__container">
                <div class="fr-table__content">
                  <table>
                    <caption>
                      Aperçu : {preview.length} résident{preview.length > 1 ? 's' : ''} à créer
                    </caption>
                    <thead>
                      <tr>
                        <th scope="col">Ligne</th>
                        <th scope="col">Nom</th>
                        <th scope="col">Adresse électronique</th>
                        <th scope="col">Service</th>
                        <th scope="col">Quotité</th>
                        <th scope="col">Rôle</th>
                      </tr>
                    </thead>
                    <tbody>
                      {preview.map((p) => (
                        <tr key={p.line}>
                          <td>{p.line}</td>
                          <td>{p.display_name}</td>
                          <td>{p.email}</td>
                          <td>{p.service_code}</td>
                          <td>{p.fte_percent} %</td>
                          <td>{p.role}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </div>
            </div>
          </div>
          <button type="button" class="fr-btn" onClick={run} disabled={busy || preview.length === 0}>
            Importer {preview.length} résident{preview.length > 1 ? 's' : ''}
          </button>
        </div>
      )}
    </section>
  );
}
