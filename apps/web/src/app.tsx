import { Suspense, useEffect } from 'react';
import { useSessionToken } from './api/session-store';
import { useAuthStateQuery } from './api/use-auth';
import { useEventStream } from './api/use-event-stream';
import { useNodeStatusQuery } from './api/use-node-queries';
import { errorText } from './api/error-text';
import { ErrorBanner } from './components/error-banner';
import { useI18n } from './i18n/i18n';
import { AppLayout } from './layout/app-layout';
import { ClusterSetupPage } from './pages/cluster-setup-page';
import { FirstRunPage } from './pages/first-run-page';
import { LoginPage } from './pages/login-page';
import { navigate, usePathname } from './router/location';
import { findRoute, HOME_ROUTE } from './router/routes';

/** The page asked for before the login screen, opened once signed in. */
let returnTo = '/';

/** Keeps the address bar on the signed-out screen shown (/setup, /login), remembering the page asked for. */
function useSignedOutPath(path: string | null): void {
  useEffect(() => {
    if (!path || window.location.pathname === path) return;
    if (findRoute(window.location.pathname)) returnTo = window.location.pathname;
    navigate(path, { replace: true });
  }, [path]);
}

function Authenticated() {
  const { m } = useI18n();
  const status = useNodeStatusQuery();
  useEventStream();
  const path = usePathname();
  const route = findRoute(path);
  useEffect(() => {
    if (!route) navigate(returnTo, { replace: true });
    returnTo = '/';
  }, [route]);
  const shown = route ?? HOME_ROUTE;
  // The first run's second step: until this node is in a cluster, there is nothing else to show.
  if (status.data && !status.data.clusterMember) return <ClusterSetupPage />;
  return (
    <AppLayout nodeName={status.data?.nodeName} currentPath={shown.path}>
      <Suspense fallback={<p className="muted">{m.loading}</p>}>{shown.element()}</Suspense>
    </AppLayout>
  );
}

export function App() {
  const { m } = useI18n();
  const authState = useAuthStateQuery();
  const token = useSessionToken();
  const signedOutPath = !authState.data ? null : authState.data.setupRequired ? '/setup' : token ? null : '/login';
  useSignedOutPath(signedOutPath);

  if (authState.isError) return <ErrorBanner message={errorText(authState.error, m)} />;
  if (!authState.data) return <p className="splash">{m.loading}</p>;
  if (authState.data.setupRequired) return <FirstRunPage setupCodeRequired={authState.data.setupCodeRequired} />;
  if (!token) return <LoginPage />;
  return <Authenticated />;
}
