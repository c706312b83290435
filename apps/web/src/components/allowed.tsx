import type { ReactNode } from 'react';
import { roleAllows, useRole, type Role } from '../api/use-identity-queries';

/** Shows its children only to `role` and above: the dashboard hides what the API would refuse. */
export function Allowed({ role, children }: { role: Role; children: ReactNode }) {
  return roleAllows(useRole(), role) ? <>{children}</> : null;
}
