// SPDX-License-Identifier: EUPL-1.2
// The frame of every page, as the DSFR draws it: skip links, header (Marianne block, the
// service name, the user's tools, the main navigation limited to what the role may use),
// the page's content, and the footer with the mandatory links.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { currentPath, navigate } from '../router';
import { canAdminister, canBook, canManageService, canReadStatistics, forgetSession, logout, session } from '../session';
import { NotificationAnnouncer, NotificationBell } from './NotificationBell';  // notification bell (issue 11, webadmin)

interface NavEntry {
  href: string;
  label: string;
  visible: () => boolean;
}

// One line per page of the main navigation; later pages add theirs here.
const navigation: NavEntry[] = [
  { href: '/semaine', label: 'Ma semaine', visible: () => canBook(session.value) },
  { href: '/plan', label: 'Plan', visible: () => !!session.value },
  // collective spaces and administration (issue 11)
  { href: '/espaces', label: 'Espaces', visible: () => canBook(session.value) },
  { href: '/presence', label: 'Présence', visible: () => !!session.value },  // presence planning (issue 10, item 6)
  { href: '/administration', label: 'Administration', visible: () => canAdminister(session.value) },
  // planning engine (issue 12)
  { href: '/scenarios', label: 'Scénarios', visible: () => canAdminister(session.value) },
  // dashboards (issue 13, item 7)
  { href: '/tableaux-de-bord', label: 'Tableaux de bord', visible: () => canReadStatistics(session.value) },
  // surveys and remontées (issue 13, items 5 and 6)
  { href: '/enquetes', label: 'Enquêtes', visible: () => !!session.value },
  { href: '/remontees', label: 'Remontées', visible: () => !!session.value },
  // Mon service (issue 11, webadmin)
  { href: '/mon-service', label: 'Mon service', visible: () => canManageService(session.value) },
];

// Pages that belong to an entry without sitting under its address: a person's page (reached
// from Mon service, and from the residents list) is part of Mon service.
const sectionOf: Record<string, string> = { '/personne': '/mon-service', '/attente': '/plan' };

// The entry of the page shown ('page'), or of the section it belongs to ('true': the
// administration's sub-pages under /administration/…, and the pages of sectionOf).
export function currentOf(href: string, path: string): 'page' | 'true' | undefined {
  if (path === href) return 'page';
  return path.startsWith(href + '/') || sectionOf[path] === href ? 'true' : undefined;
}

function UserTools({ idSuffix }: { idSuffix: string }) {
  const s = session.value;
  if (!s) {
    return (
      <ul class="fr-btns-group">
        <li>
          <a class="fr-btn fr-icon-account-circle-line" href="/connexion">Se connecter</a>
        </li>
      </ul>
    );
  }
  const onLogout = async () => {
    let next: string | undefined;
    try {
      next = await logout();
    } catch {
      // The session is forgotten here whatever the server said.
    }
    if (next) {
      forgetSession();
      window.location.assign(next);
    } else {
      navigate('/connexion?deconnecte=1');
      forgetSession();
    }
  };
  return (
    <ul class="fr-btns-group">
      {/* notification bell (issue 11, webadmin) */}
      <li>
        <NotificationBell idSuffix={idSuffix} />
      </li>
      <li>
        <a class="fr-btn fr-icon-account-circle-line" href="/mes-donnees" id={`user-${idSuffix}`}>
          {s.resident.display_name}
        </a>
      </li>
      <li>
        <button type="button" class="fr-btn fr-icon-logout-box-r-line" onClick={onLogout}>
          Se déconnecter
        </button>
      </li>
    </ul>
  );
}

export function Header() {
  const [menuOpen, setMenuOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  const path = currentPath.value;

  // The phone menu is a dialog: the focus goes in when it opens, Escape closes it, Tab stays
  // inside, and the focus returns to the Menu button when it closes.
  useEffect(() => {
    if (menuOpen) {
      // The DSFR fades the dialog in: it takes the focus once it is visible.
      let frames = 0;
      const focusClose = () => {
        closeButton.current?.focus();
        if (document.activeElement !== closeButton.current && frames++ < 60) requestAnimationFrame(focusClose);
      };
      focusClose();
      const onKey = (e: KeyboardEvent) => {
        if (e.key === 'Escape') setMenuOpen(false);
        if (e.key !== 'Tab') return;
        const items = Array.from(document.querySelectorAll<HTMLElement>('#menu-principal a, #menu-principal button'));
        const first = items[0];
        const last = items[items.length - 1];
        if (e.shiftKey && document.activeElement === first) {
          e.preventDefault();
          last.focus();
        } else if (!e.shiftKey && document.activeElement === last) {
          e.preventDefault();
          first.focus();
        }
      };
      document.addEventListener('keydown', onKey);
      wasOpen.current = true;
      return () => document.removeEventListener('keydown', onKey);
    }
    if (wasOpen.current) {
      wasOpen.current = false;
      menuButton.current?.focus();
    }
  }, [menuOpen]);
  const entries = navigation.filter((e) => e.visible());
  return (
    <header role="banner" class="fr-header">
      <div class="fr-header__body">
        <div class="fr-container">
          <div class="fr-header__body-row">
            <div class="fr-header__brand fr-enlarge-link">
              <div class="fr-header__brand-top">
                <div class="fr-header__logo">
                  <p class="fr-logo">
                    République
                    <br />
                    Française
                  </p>
                </div>
                <div class="fr-header__navbar">
                  <button
                    type="button"
                    class="fr-btn--menu fr-btn"
                    aria-controls="menu-principal"
                    aria-expanded={menuOpen}
                    id="bouton-menu"
                    ref={menuButton}
                    title="Menu"
                    onClick={() => setMenuOpen(true)}
                  >
                    Menu
                  </button>
                </div>
              </div>
              <div class="fr-header__service">
                <a href="/" title="Accueil — Escale">
                  <p class="fr-header__service-title">Escale</p>
                </a>
                <p class="fr-header__service-tagline">Réserver son poste de travail</p>
              </div>
            </div>
            <div class="fr-header__tools">
              <div class="fr-header__tools-links">
                <UserTools idSuffix="haut" />
              </div>
            </div>
          </div>
        </div>
      </div>
      <div
        class={'fr-header__menu fr-modal' + (menuOpen ? ' fr-modal--opened' : '')}
        id="menu-principal"
        role={menuOpen ? 'dialog' : undefined}
        aria-modal={menuOpen ? 'true' : undefined}
        aria-label={menuOpen ? 'Menu' : undefined}
        onClick={(e) => (e.target as Element).closest('a') && setMenuOpen(false)}
      >
        <div class="fr-container">
          <button type="button" class="fr-btn--close fr-btn" aria-controls="menu-principal" title="Fermer" ref={closeButton} onClick={() => setMenuOpen(false)}>
            Fermer
          </button>
          <div class="fr-header__menu-links">
            <UserTools idSuffix="menu" />
          </div>
          {entries.length > 0 && (
            <nav class="fr-nav" id="navigation" role="navigation" aria-label="Menu principal">
              <ul class="fr-nav__list">
                {entries.map((e) => (
                  <li class="fr-nav__item" key={e.href}>
                    <a class="fr-nav__link" href={e.href} aria-current={currentOf(e.href, path)}>
                      {e.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
        </div>
      </div>
    </header>
  );
}

export function Footer() {
  return (
    <footer class="fr-footer" role="contentinfo" id="pied-de-page">
      <div class="fr-container">
        <div class="fr-footer__body">
          <div class="fr-footer__brand fr-enlarge-link">
            <a href="/" title="Retour à l'accueil d'Escale">
              <p class="fr-logo">
                République
                <br />
                Française
              </p>
            </a>
          </div>
          <div class="fr-footer__content">
            <p class="fr-footer__content-desc">
              Escale, le flex office des services de l'État : réserver un poste de travail à la demi-journée,
              près de son service. Logiciel libre sous licence EUPL-1.2.
            </p>
          </div>
        </div>
        <div class="fr-footer__bottom">
          <ul class="fr-footer__bottom-list">
            <li class="fr-footer__bottom-item">
              <a class="fr-footer__bottom-link" href="/accessibilite">
                Accessibilité : partiellement conforme
              </a>
            </li>
            <li class="fr-footer__bottom-item">
              <a class="fr-footer__bottom-link" href="/mentions-legales">
                Mentions légales
              </a>
            </li>
            <li class="fr-footer__bottom-item">
              <a class="fr-footer__bottom-link" href="/donnees-personnelles">
                Données personnelles
              </a>
            </li>
          </ul>
          <div class="fr-footer__bottom-copy">
            <p>Sauf mention contraire, les contenus de ce site sont sous licence EUPL-1.2.</p>
          </div>
        </div>
      </div>
    </footer>
  );
}

export function SkipLinks() {
  const hasNav = navigation.some((e) => e.visible());
  return (
    <div class="fr-skiplinks">
      <nav class="fr-container" role="navigation" aria-label="Accès rapide">
        <ul class="fr-skiplinks__list">
          <li>
            <a class="fr-link" href="#contenu">
              Contenu
            </a>
          </li>
          {hasNav && (
            <li>
              <a class="fr-link" href="#navigation">
                Menu
              </a>
            </li>
          )}
          <li>
            <a class="fr-link" href="#pied-de-page">
              Pied de page
            </a>
          </li>
        </ul>
      </nav>
    </div>
  );
}

export function Page({ children }: { children: ComponentChildren }) {
  return (
    <>
      <SkipLinks />
      <Header />
      <NotificationAnnouncer />
      <main id="contenu" tabIndex={-1} class="fr-container fr-pt-4w fr-pb-8w">
        {children}
      </main>
      <Footer />
    </>
  );
}
