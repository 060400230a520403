// SPDX-License-Identifier: EUPL-1.2
// Messages shown where something happened: an error (fr-alert--error, announced as an
// alert) or a confirmation (fr-alert--success, announced politely as a status).
import type { ComponentChildren } from 'preact';

export function ErrorAlert({ title, children, id }: { title?: string; children: ComponentChildren; id?: string }) {
  return (
    <div class="fr-alert fr-alert--error fr-alert--sm fr-mb-3w" role="alert" id={id} tabIndex={-1}>
      {title && <p class="fr-alert__title">{title}</p>}
      <p>{children}</p>
    </div>
  );
}

export function Notice({ message, kind = 'success' }: { message: string | null; kind?: 'success' | 'info' }) {
  // The live region stays in the page so that screen readers hear each new message.
  return (
    <div role="status" aria-live="polite" class="escale-status">
      {message && (
        <div class={`fr-alert fr-alert--${kind} fr-alert--sm fr-mb-3w`}>
          <p>{message}</p>
        </div>
      )}
    </div>
  );
}
