import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Role } from '@sfha/ha';
import { ApiErrorBody } from '../errors/api-error-body';

export const ACCESS_RULE_KEY = 'sfha:access-rule';
/** The roles an OpenAPI operation admits (the route × role test reads it). */
export const ROLES_EXTENSION = 'x-sfha-roles';

/** What a handler declares: open to anyone, or the roles that may call it. A handler with none is refused. */
export type AccessRule = { public: true } | { roles: readonly Role[] };

/**
 * The roles that may call this handler (session or API token). Required on every handler
 * that is not {@link Public}: the global guard refuses one without a rule, so a new route
 * cannot be open by omission.
 */
export const Roles = (...roles: [Role, ...Role[]]) =>
  applyDecorators(
    SetMetadata(ACCESS_RULE_KEY, { roles } satisfies AccessRule),
    ApiExtension(ROLES_EXTENSION, roles),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ type: ApiErrorBody, description: 'no valid session or API token' }),
    ApiForbiddenResponse({ type: ApiErrorBody, description: `allowed to: ${roles.join(', ')}` }),
  );

/** Reading the cluster: every role. */
export const AnyRole = () => Roles('viewer', 'operator', 'admin');
/** Day-to-day operations (move, standby, maintenance, fence, invitations). */
export const OperatorOrAdmin = () => Roles('operator', 'admin');
/** Users, settings, resources, fence devices, the mesh. */
export const AdminOnly = () => Roles('admin');
