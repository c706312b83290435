/**
 * Limits every JSON body the agent reads (admin API and peer API): a body past them is refused
 * with a 4xx before anything walks it. Nest's ValidationPipe and class-transformer recurse once
 * per level, so a 20 KB body nested 10,000 levels deep overflowed the stack (a 500 on every route).
 */
export const MAX_JSON_BODY_BYTES = 256 * 1024;
export const MAX_JSON_BODY_LABEL = '256 KB';
/** Far above what any request of ours needs (a cluster config nests about 8 levels). */
export const MAX_JSON_DEPTH = 64;

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * True when the JSON text opens more than `max` objects or arrays inside one another.
 * A byte scan (strings skipped), so it costs nothing on a well-formed body and never recurses.
 */
export function jsonNestsDeeperThan(text: Uint8Array | string, max: number = MAX_JSON_DEPTH): boolean {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (inString) {
      if (b === BACKSLASH) i++;
      else if (b === QUOTE) inString = false;
    } else if (b === QUOTE) {
      inString = true;
    } else if (b === OPEN_BRACE || b === OPEN_BRACKET) {
      if (++depth > max) return true;
    } else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) {
      depth--;
    }
  }
  return false;
}

export const TOO_DEEP_MESSAGE = `the request body nests objects or arrays more than ${MAX_JSON_DEPTH} levels deep`;
