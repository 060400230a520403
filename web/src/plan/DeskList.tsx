// SPDX-License-Identifier: EUPL-1.2
// The plan's accessible twin: the same desks as a table, filtered by quartier, state and
// equipment, each free desk with its « Réserver » button. Everything the plan does can be
// done here with a keyboard or a screen reader.
import { useState } from 'preact/hooks';
import type { Zone } from '../types';
import type { DeskView } from './deskState';
import { equipment, stateNames } from './deskState';

const badgeClass: Record<string, string> = {
  free: 'fr-badge--success',
  yours: 'fr-badge--info',
  taken: 'fr-badge--error',
  partly: 'fr-badge--warning',
  inactive: '',
};

export function DeskList(props: { views: DeskView[]; zones: Zone[]; caption: string; onBook: (v: DeskView) => void }) {
  const [zoneId, setZoneId] = useState('');
  const [freeOnly, setFreeOnly] = useState(false);
  const [needs, setNeeds] = useState({ screens2: false, dock: false, standing: false, adapted: false });
  const shown = props.views.filter(
    (v) =>
      (!zoneId || String(v.desk.zone_id) === zoneId) &&
      (!freeOnly || v.state === 'free') &&
      (!needs.screens2 || v.desk.screens >= 2) &&
      (!needs.dock || v.desk.dock) &&
      (!needs.standing || v.desk.standing) &&
      (!needs.adapted || v.desk.adapted),
  );
  const need = (key: keyof typeof needs, label: string) => (
    <div class="fr-checkbox-group fr-checkbox-group--sm">
      <input type="checkbox" id={`besoin-${key}`} checked={needs[key]} onChange={(e) => setNeeds({ ...needs, [key]: (e.target as HTMLInputElement).checked })} />
      <label class="fr-label" for={`besoin-${key}`}>
        {label}
      </label>
    </div>
  );
  return (
    <div>
      <div class="fr-grid-row fr-grid-row--gutters fr-mb-2w">
        <div class="fr-col-12 fr-col-md-4">
          <div class="fr-select-group">
            <label class="fr-label" for="filtre-quartier">
              Quartier
            </label>
            <select class="fr-select" id="filtre-quartier" value={zoneId} onChange={(e) => setZoneId((e.target as HTMLSelectElement).value)}>
              <option value="">Tous les quartiers</option>
              {props.zones.map((z) => (
                <option value={String(z.id)} key={z.id}>
                  {z.name}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div class="fr-col-12 fr-col-md-8">
          <fieldset class="fr-fieldset escale-filters">
            <legend class="fr-fieldset__legend fr-text--regular">Afficher seulement</legend>
            <div class="fr-fieldset__element fr-fieldset__element--inline">
              <div class="fr-checkbox-group fr-checkbox-group--sm">
                <input type="checkbox" id="filtre-libres" checked={freeOnly} onChange={(e) => setFreeOnly((e.target as HTMLInputElement).checked)} />
                <label class="fr-label" for="filtre-libres">
                  les postes libres
                </label>
              </div>
            </div>
            <div class="fr-fieldset__element fr-fieldset__element--inline">{need('screens2', '2 écrans')}</div>
            <div class="fr-fieldset__element fr-fieldset__element--inline">{need('dock', "station d'accueil")}</div>
            <div class="fr-fieldset__element fr-fieldset__element--inline">{need('standing', 'assis-debout')}</div>
            <div class="fr-fieldset__element fr-fieldset__element--inline">{need('adapted', 'poste adapté')}</div>
          </fieldset>
        </div>
      </div>
      <div class="fr-table escale-desk-table">
        <div class="fr-table__wrapper">
          <div class="fr-table__container">
            <div class="fr-table__content">
              <table>
                <caption>
                  {props.caption} — {shown.length} poste{shown.length > 1 ? 's' : ''}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Poste</th>
                    <th scope="col">Quartier</th>
                    <th scope="col">Équipement</th>
                    <th scope="col">État</th>
                    <th scope="col">Action</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((v) => (
                    <tr key={v.desk.id} class={v.changed ? 'escale-row--changed' : undefined}>
                      <th scope="row">{v.desk.label}</th>
                      <td>
                        {v.zone?.name ?? '—'}
                        {v.outsideMyQuartier && <span class="escale-muted"> (hors de mon quartier)</span>}
                      </td>
                      <td>{equipment(v.desk).join(', ') || '—'}</td>
                      <td>
                        <span class={`fr-badge fr-badge--sm fr-badge--no-icon ${badgeClass[v.state]}`}>{stateNames[v.state]}</span>
                      </td>
                      <td>
                        {v.state === 'free' ? (
                          <button type="button" class="fr-btn fr-btn--sm" aria-label={`Réserver le poste ${v.desk.label}`} onClick={() => props.onBook(v)}>
                            Réserver
                          </button>
                        ) : (
                          '—'
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        </div>
      </div>
    </div>
  );
}
