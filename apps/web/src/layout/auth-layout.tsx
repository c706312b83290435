import type { ReactNode } from 'react';
import { LanguageSwitch } from '../components/language-switch';
import { useI18n } from '../i18n/i18n';

/** The centred card of the first-run and login pages. */
export function AuthLayout({ title, children }: { title: string; children: ReactNode }) {
  const { m } = useI18n();
  return (
    <main className="auth-page">
      <div className="auth-card">
        <header className="auth-header">
          <p className="brand">{m.appName}</p>
          <p className="tagline">{m.tagline}</p>
        </header>
        <h1>{title}</h1>
        {children}
        <footer className="auth-footer">
          <LanguageSwitch />
        </footer>
      </div>
    </main>
  );
}
