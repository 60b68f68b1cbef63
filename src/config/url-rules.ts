import { z } from 'zod';

/**
 * The gateway and CMDB urls of the config. `http://user:secret@host` would send the password with
 * every request and print it with every message that names the url, so it is refused: tokens go in
 * `tokenCode`, `tokenFile` or `tokenCommand`, which are never printed.
 */
export function gatewayUrl(what: string) {
  return z.url({ protocol: /^https?$/, error: `an http:// or https:// URL of ${what}` }).refine((text) => !hasUserinfo(text), {
    error: 'holds a user name or password (user:password@): give the token in tokenCode, tokenFile or tokenCommand instead',
  });
}

export function hasUserinfo(text: string): boolean {
  try {
    const url = new URL(text);
    return url.username !== '' || url.password !== '';
  } catch {
    return false;
  }
}
