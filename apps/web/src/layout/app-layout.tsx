import type { ReactNode } from 'react';
import { useLogout } from '../api/use-auth';
import { roleAllows, useRole } from '../api/use-identity-queries';
import { LanguageSwitch } from '../components/language-switch';
import { useI18n } from '../i18n/i18n';
import { Link } from '../router/link';
import { ROUTES } from '../router/routes';

export function AppLayout({ nodeName, currentPath, children }: { nodeName: string | undefined; currentPath: string; children: ReactNode }) {
  const { m } = useI18n();
  const logout = useLogout();
  const role = useRole();
  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">{m.appName}</span>
        {nodeName && <span className="node-badge">{nodeName}</span>}
        <div className="topbar-actions">
          <LanguageSwitch />
          <button type="button" className="button-secondary" onClick={logout}>
            {m.nav.logout}
          </button>
        </div>
      </header>
      <div className="app-body">
        <nav className="sidebar" aria-label={m.nav.label}>
          {ROUTES.filter((route) => !route.minRole || roleAllows(role, route.minRole)).map((route) => (
            <Link key={route.path} to={route.path} aria-current={route.path === currentPath ? 'page' : undefined}>
              {m.nav[route.navLabel]}
            </Link>
          ))}
        </nav>
        <main className="content">{children}</main>
      </div>
    </div>
  );
}
