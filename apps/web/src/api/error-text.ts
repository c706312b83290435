import { ApiError } from '@sfha/contracts';
import { fill } from '../i18n/i18n';
import type { Messages } from '../i18n/messages.fr';

/** The admin-facing text of an API failure, translated when the code is known. */
export function errorText(error: unknown, m: Messages): string {
  if (error instanceof ApiError) {
    const known = (m.errors as Record<string, string>)[error.code];
    // Some texts quote the agent's own message (which field, which state): {message}.
    if (known) return fill(known, { message: error.message });
    return fill(m.errors.UNKNOWN, { message: error.message });
  }
  return fill(m.errors.UNKNOWN, { message: error instanceof Error ? error.message : String(error) });
}
