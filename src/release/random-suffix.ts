import { randomBytes } from 'node:crypto';

/** The random end of a release or batch id: 6 of [a-z0-9]. */
export function randomSuffix(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(6)].map((b) => alphabet[b % alphabet.length]).join('');
}
