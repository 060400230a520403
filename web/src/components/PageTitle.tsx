// SPDX-License-Identifier: EUPL-1.2
// A page's h1, and the document title that goes with it (« Ma semaine — Escale »).
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';

export function PageTitle({ title, children }: { title: string; children?: ComponentChildren }) {
  useEffect(() => {
    document.title = `${title} — Escale`;
  }, [title]);
  return <h1 class="fr-h2">{children ?? title}</h1>;
}
