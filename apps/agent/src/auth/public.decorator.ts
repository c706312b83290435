import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

export const IS_PUBLIC_KEY = 'sfha:public';
/** Marks the OpenAPI operations reachable without a token. */
export const PUBLIC_EXTENSION = 'x-sfha-public';

/**
 * Opens a route to unauthenticated callers. Every other route requires an admin JWT
 * (the guard is global), so each use of this is a deliberate, reviewable choice.
 */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC_KEY, true), ApiExtension(PUBLIC_EXTENSION, true));
