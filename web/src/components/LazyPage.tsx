// SPDX-License-Identifier: EUPL-1.2
// A page whose code is fetched only when it is first shown (esbuild splits it into its own
// chunk): the administration pages and Mon service stay out of every agent's first load.
import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ErrorAlert } from './Alert';

export function lazyPage(load: () => Promise<FunctionComponent>): FunctionComponent {
  let page: FunctionComponent | null = null;
  let loading: Promise<FunctionComponent> | null = null;
  return function LazyPage() {
    const [, setReady] = useState(false);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (page) return;
      loading ??= load().then((p) => (page = p));
      loading.then(
        () => setReady(true),
        () => {
          loading = null;
          setFailed(true);
        },
      );
    }, []);
    if (page) {
      const Page = page;
      return <Page />;
    }
    if (failed) return <ErrorAlert>La page n'a pas pu être chargée. Vérifiez votre connexion puis rechargez la page.</ErrorAlert>;
    return <p aria-busy="true">Chargement de la page…</p>;
  };
}
