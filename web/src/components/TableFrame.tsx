// SPDX-License-Identifier: EUPL-1.2
// A DSFR table's frame (fr-table and its wrappers) whose scrolling part, on a narrow screen,
// is a named region reachable with the keyboard (axe-core: scrollable-region-focusable).
import type { ComponentChildren } from 'preact';

export function TableFrame({ label, extraClass = '', children }: { label: string; extraClass?: string; children: ComponentChildren }) {
  return (
    <div class={`fr-table ${extraClass}`.trim()}>
      <div class="fr-table__wrapper">
        <div class="fr-table__container" tabIndex={0} role="region" aria-label={label}>
          <div class="fr-table__content">{children}</div>
        </div>
      </div>
    </div>
  );
}
