// SPDX-License-Identifier: EUPL-1.2
// A DSFR table (fr-table) with its caption. The caption is read by screen readers and, unless
// `showCaption`, hidden on screen (the section's heading says the same). A table wider than
// the screen scrolls inside a region reachable by the keyboard and named by the caption.
import type { ComponentChildren } from 'preact';

export function Table(props: { caption: string; showCaption?: boolean; class?: string; children: ComponentChildren }) {
  return (
    <div class={`fr-table${props.showCaption ? '' : ' fr-table--no-caption'}${props.class ? ' ' + props.class : ''}`}>
      <div class="fr-table__wrapper">
        <div class="fr-table__container" tabIndex={0} role="region" aria-label={props.caption}>
          <div class="fr-table__content">
            <table>
              <caption>{props.caption}</caption>
              {props.children}
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}
