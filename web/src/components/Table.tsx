// SPDX-License-Identifier: EUPL-1.2
// A DSFR table (fr-table) with its caption. The caption is read by screen readers and, unless
// `showCaption`, hidden on screen (the section's heading says the same). A table wider than
// the screen scrolls inside a region reachable by the keyboard and named by the caption
// (`fits`: a table laid out to the page's width, which never scrolls, has no such stop).
import type { ComponentChildren } from 'preact';

export function Table(props: { caption: string; showCaption?: boolean; fits?: boolean; class?: string; children: ComponentChildren }) {
  return (
    <div class={`fr-table${props.showCaption ? '' : ' fr-table--no-caption'}${props.class ? ' ' + props.class : ''}`}>
      <div class="fr-table__wrapper">
        <div class="fr-table__container" tabIndex={props.fits ? undefined : 0} role={props.fits ? undefined : 'region'}
          aria-label={props.fits ? undefined : props.caption}>
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
