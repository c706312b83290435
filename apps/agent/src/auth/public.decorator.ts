import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { ACCESS_RULE_KEY, type AccessRule } from './access-rule';

/** Marks the OpenAPI operations reachable without a token. */
export const PUBLIC_EXTENSION = 'x-sfha-public';

/**
 * Opens a route to unauthenticated callers. Every other route needs a {@link Roles} rule (the
 * global guard refuses a handler with neither), so each use of this is a deliberate, reviewable choice.
 */
export const Public = () => applyDecorators(SetMetadata(ACCESS_RULE_KEY, { public: true } satisfies AccessRule), ApiExtension(PUBLIC_EXTENSION, true));
