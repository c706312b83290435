import { randomBytes } from 'node:crypto';
import type { SettingsRepository } from '../database/settings.repository';
import type { SecretRegistry } from '../logging/secret-registry';

export const JWT_SIGNING_KEY = Symbol('JWT_SIGNING_KEY');

/** The node's HMAC key for admin JWTs: made once, kept in the (0600) database, masked in logs. */
export function loadJwtSigningKey(settings: SettingsRepository, secrets: SecretRegistry): string {
  const key = settings.getOrCreate('jwt_signing_key', () => randomBytes(48).toString('base64url'));
  secrets.add(key);
  return key;
}
