import { useEffect } from 'react';
import { useSessionToken } from './api/session-store';
import { useAuthStateQuery } from './api/use-auth';
import { useNodeStatusQuery } from './api/use-node-queries';
import { errorText } from './api/error-text';
import { ErrorBanner } from './components/error-banner';
import { useI18n } from './i18n/i18n';
import { AppLayout } from './layout/app-layout';
import { FirstRunPage } from './pages/first-run-page';
import { LoginPage } from './pages/login-page';
import { OverviewPage } from './pages/overview-page';

/** Keeps the address bar on the screen shown (/setup, /login, /). */
function useCanonicalPath(path: string): void {
  useEffect(() => {
    if (window.location.pathname !== path) window.history.replaceState(null, '', path);
  }, [path]);
}

function Authenticated() {
  const status = useNodeStatusQuery();
  return (
    <AppLayout nodeName={status.data?.nodeName}>
      <OverviewPage />
    </AppLayout>
  );
}

export function App() {
  const { m } = useI18n();
  const authState = useAuthStateQuery();
  const token = useSessionToken();
  const screen = authState.data?.setupRequired ? '/setup' : token ? '/' : '/login';
  useCanonicalPath(authState.data ? screen : window.location.pathname);

  if (authState.isError) return <ErrorBanner message={errorText(authState.error, m)} />;
  if (!authState.data) return <p className="splash">{m.loading}</p>;
  if (authState.data.setupRequired) return <FirstRunPage setupCodeRequired={authState.data.setupCodeRequired} />;
  if (!token) return <LoginPage />;
  return <Authenticated />;
}
