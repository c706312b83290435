import type { ReactElement } from 'react';
import type { Role } from '../api/use-identity-queries';
import type { Messages } from '../i18n/messages.fr';
import { AccountPage } from '../pages/account-page';
import { EventsPage } from '../pages/events-page';
import { FencingPage } from '../pages/fencing-page';
import { IncidentsPage } from '../pages/incidents-page';
import { InvitationsPage } from '../pages/invitations-page';
import { MeshPage } from '../pages/mesh-page';
import { NotificationsPage } from '../pages/notifications-page';
import { OverviewPage } from '../pages/overview-page';
import { ResourcesPage } from '../pages/resources-page';
import { UsersPage } from '../pages/users-page';

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
  { path: '/mesh', navLabel: 'mesh', element: () => <MeshPage /> },
  { path: '/invitations', navLabel: 'invitations', element: () => <InvitationsPage /> },
  { path: '/resources', navLabel: 'resources', element: () => <ResourcesPage /> },
  { path: '/fencing', navLabel: 'fencing', element: () => <FencingPage /> },
  { path: '/events', navLabel: 'events', element: () => <EventsPage /> },
  { path: '/incidents', navLabel: 'incidents', element: () => <IncidentsPage /> },
  { path: '/notifications', navLabel: 'notifications', element: () => <NotificationsPage /> },
  { path: '/users', navLabel: 'users', element: () => <UsersPage />, minRole: 'admin' },
  { path: '/account', navLabel: 'account', element: () => <AccountPage /> },
];

/** The route of `path`, or undefined for an unknown address (the app then shows the overview). */
export function findRoute(path: string): AppRoute | undefined {
  const normalised = path.length > 1 ? path.replace(/\/+$/, '') : path;
  return ROUTES.find((route) => route.path === normalised);
}
