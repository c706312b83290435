import { lazy, type ComponentType, type ReactElement } from 'react';
import type { Role } from '../api/use-identity-queries';
import type { Messages } from '../i18n/messages.fr';
import { OverviewPage } from '../pages/overview-page';

/**
 * A page loaded when first shown: the first screen (the overview) parses only its own code,
 * a third less JavaScript before it is usable.
 */
function page<M>(load: () => Promise<M>, name: keyof M): () => ReactElement {
  const Page = lazy(() => load().then((module) => ({ default: module[name] as ComponentType })));
  return () => <Page />;
}

/** One page of the signed-in dashboard: its URL, its label in the navigation, what it shows. */
export interface AppRoute {
  path: string;
  navLabel: keyof Messages['nav'];
  element: () => ReactElement;
  /** Shown in the navigation only to this role and above (the API refuses the others anyway). */
  minRole?: Role;
}

/** Shown for `/` and for an unknown address. */
export const HOME_ROUTE: AppRoute = { path: '/', navLabel: 'overview', element: () => <OverviewPage /> };

// Add a page here (path, nav label key under `nav` in messages.{fr,en}.ts, element); the nav follows this order.
export const ROUTES: readonly AppRoute[] = [
  HOME_ROUTE,
  { path: '/mesh', navLabel: 'mesh', element: page(() => import('../pages/mesh-page'), 'MeshPage') },
  { path: '/invitations', navLabel: 'invitations', element: page(() => import('../pages/invitations-page'), 'InvitationsPage') },
  { path: '/resources', navLabel: 'resources', element: page(() => import('../pages/resources-page'), 'ResourcesPage') },
  { path: '/fencing', navLabel: 'fencing', element: page(() => import('../pages/fencing-page'), 'FencingPage') },
  { path: '/events', navLabel: 'events', element: page(() => import('../pages/events-page'), 'EventsPage') },
  { path: '/incidents', navLabel: 'incidents', element: page(() => import('../pages/incidents-page'), 'IncidentsPage') },
  { path: '/notifications', navLabel: 'notifications', element: page(() => import('../pages/notifications-page'), 'NotificationsPage') },
  { path: '/users', navLabel: 'users', element: page(() => import('../pages/users-page'), 'UsersPage'), minRole: 'admin' },
  { path: '/account', navLabel: 'account', element: page(() => import('../pages/account-page'), 'AccountPage') },
];

/** The route of `path`, or undefined for an unknown address (the app then shows the overview). */
export function findRoute(path: string): AppRoute | undefined {
  const normalised = path.length > 1 ? path.replace(/\/+$/, '') : path;
  return ROUTES.find((route) => route.path === normalised);
}
