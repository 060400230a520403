// SPDX-License-Identifier: EUPL-1.2
// The web app's entry: its styles, its routes (one page component per address; a page
// that needs a session sends visitors to the login first), and the start-up (session,
// router). Pages live in pages/, one file each; add a line to `routes` for a new one and,
// if it belongs in the main navigation, one in components/Layout.tsx.
import './styles.css';
import { render } from 'preact';
import { useEffect } from 'preact/hooks';
import type { FunctionComponent } from 'preact';
import { setUnauthenticatedHandler } from './api';
import { Page } from './components/Layout';
import { AccessibilityPage } from './pages/Accessibility';
import { CheckInPage } from './pages/CheckIn';
import { LegalPage } from './pages/Legal';
import { LoginPage } from './pages/Login';
import { NotFoundPage } from './pages/NotFound';
import { PersonalDataPage } from './pages/PersonalData';
import { PlanPage, prefetchPlan } from './pages/Plan';
import { SpacesPage } from './pages/Spaces';
import { WeekPage } from './pages/Week';
// presence planning
import { PresencePage } from './pages/Presence';
// Mon service, administration pages, notification bell (issue 11, webadmin)
// (their code is loaded when first shown: components/LazyPage)
import { lazyPage } from './components/LazyPage';
import { startNotifications } from './notifications';
import { canManageService } from './session';
const AdministrationPage = lazyPage(() => import('./pages/Administration').then((m) => m.AdministrationPage));
const ServicePage = lazyPage(() => import('./pages/Service').then((m) => m.ServicePage));
const ReferentialPage = lazyPage(() => import('./pages/admin/ReferentialPage').then((m) => m.ReferentialPage));
const PlanEditorPage = lazyPage(() => import('./pages/admin/PlanEditor').then((m) => m.PlanEditorPage));
const LockerHoldersPage = lazyPage(() => import('./pages/admin/LockerHolders').then((m) => m.LockerHoldersPage));
const ApiTokensPage = lazyPage(() => import('./pages/admin/ApiTokens').then((m) => m.ApiTokensPage));
const AuditLogPage = lazyPage(() => import('./pages/admin/AuditLog').then((m) => m.AuditLogPage));
const ResidentPage = lazyPage(() => import('./pages/Resident').then((m) => m.ResidentPage));
const WaitlistPage = lazyPage(() => import('./pages/Waitlist').then((m) => m.WaitlistPage));
// Scénarios (issue 12), dashboards (issue 13, item 7), surveys and remontées (items 5, 6): loaded
// when first shown, like the pages above
const ScenariosPage = lazyPage(() => import('./pages/Scenarios').then((m) => m.ScenariosPage));
const DashboardsPage = lazyPage(() => import('./pages/Dashboards').then((m) => m.DashboardsPage));
const SurveysPage = lazyPage(() => import('./pages/Surveys').then((m) => m.SurveysPage));
const RemonteesPage = lazyPage(() => import('./pages/Remontees').then((m) => m.RemonteesPage));
import { currentPath, currentQuery, navigate, startRouter } from './router';
import { afterLogin, canAdminister, canBook, canReadStatistics, home, loadSession, session } from './session';
import type { SessionInfo } from './types';

interface RouteEntry {
  page: FunctionComponent;
  needsLogin: boolean;
  allowed?: (s: SessionInfo) => boolean;
}

const routes: Record<string, RouteEntry> = {
  '/connexion': { page: LoginPage, needsLogin: false },
  '/semaine': { page: WeekPage, needsLogin: true, allowed: canBook },
  '/plan': { page: PlanPage, needsLogin: true },
  '/donnees-personnelles': { page: PersonalDataPage, needsLogin: false },
  '/mes-donnees': { page: PersonalDataPage, needsLogin: false },
  '/accessibilite': { page: AccessibilityPage, needsLogin: false },
  '/mentions-legales': { page: LegalPage, needsLogin: false },
  // presence planning
  '/presence': { page: PresencePage, needsLogin: true },
  // administration (issue 11)
  '/administration': { page: AdministrationPage, needsLogin: true, allowed: canAdminister },
  '/espaces': { page: SpacesPage, needsLogin: true, allowed: canBook },
  '/attente': { page: WaitlistPage, needsLogin: true, allowed: canBook },  // desk waitlist (issue 10, item 5)
  // planning engine (issue 12)
  '/scenarios': { page: ScenariosPage, needsLogin: true, allowed: canAdminister },
  // dashboards (issue 13, item 7)
  '/tableaux-de-bord': { page: DashboardsPage, needsLogin: true, allowed: canReadStatistics },
  // surveys and remontées (issue 13, items 5 and 6)
  '/enquetes': { page: SurveysPage, needsLogin: true },
  '/remontees': { page: RemonteesPage, needsLogin: true },
  // Mon service and the administration pages (issue 11, webadmin)
  '/mon-service': { page: ServicePage, needsLogin: true, allowed: canManageService },
  '/personne': { page: ResidentPage, needsLogin: true, allowed: canManageService },
  '/administration/referentiel': { page: ReferentialPage, needsLogin: true, allowed: canAdminister },
  '/administration/plan': { page: PlanEditorPage, needsLogin: true, allowed: canAdminister },
  '/administration/casiers': { page: LockerHoldersPage, needsLogin: true, allowed: canAdminister },
  '/administration/jetons': { page: ApiTokensPage, needsLogin: true, allowed: canAdminister },
  '/administration/journal': { page: AuditLogPage, needsLogin: true, allowed: canAdminister },
};

// Addresses with a part of their own: the desk of a QR code (/p/<desk id>).
const checkInRoute: RouteEntry = { page: CheckInPage, needsLogin: true };
const routeOf = (path: string): RouteEntry | undefined => routes[path] ?? (path.startsWith('/p/') ? checkInRoute : undefined);

function App() {
  const path = currentPath.value;
  const s = session.value;
  const entry = routeOf(path);
  const redirect =
    s === undefined
      ? null
      : path === '/'
        ? home(s)
        : entry?.needsLogin && !s
          ? `/connexion?suite=${encodeURIComponent(path + location.search)}`
          : path === '/connexion' && s && !currentQuery.value.get('deconnecte')
            ? afterLogin(s, currentQuery.value.get('suite'))
            : entry?.allowed && s && !entry.allowed(s)
              ? home(s)
              : null;

  useEffect(() => {
    if (redirect) navigate(redirect, { replace: true });
  }, [redirect]);

  // Each new page: the focus goes to its content, so that screen readers start there.
  useEffect(() => {
    if (s !== undefined) document.getElementById('contenu')?.focus({ preventScroll: true });
  }, [path, s === undefined]);

  if (s === undefined || redirect) {
    return (
      <Page>
        <p aria-busy="true">Chargement…</p>
      </Page>
    );
  }
  const Current = entry?.page ?? NotFoundPage;
  return (
    <Page>
      <Current />
    </Page>
  );
}

setUnauthenticatedHandler(() => {
  session.value = null;
});
// The session first (every page waits for it), then what the address will need.
loadSession().catch(() => {
  session.value = null;
});
if (location.pathname === '/plan') prefetchPlan(new URLSearchParams(location.search));
startRouter();
startNotifications();  // notification bell (issue 11, webadmin)
render(<App />, document.getElementById('app')!);
