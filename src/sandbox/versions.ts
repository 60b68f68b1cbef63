/**
 * Version strings as DefaultStreamJobService makes them (docs/streamis-contract.md §4.2): v00001, then
 * strip the `v`, add one, pad to five digits. v99999 rolls to v100000, which then sorts wrongly
 * because the server orders versions as strings; the sandbox keeps that quirk.
 */
export const FIRST_VERSION = 'v00001';

export function rollVersion(version: string): string {
  const next = Number.parseInt(version.slice(1), 10) + 1;
  if (!Number.isFinite(next)) throw new Error(`NumberFormatException: For input string: "${version.slice(1)}"`);
  return `v${String(next).padStart(5, '0')}`;
}

/** The greatest version string (the server's `ORDER BY version DESC`), or undefined. */
export function greatestVersion(versions: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const v of versions) if (best === undefined || v > best) best = v;
  return best;
}

/** The version an upload creates, given the versions the job has (none: a new job). */
export function nextUploadVersion(existing: readonly string[]): string {
  const greatest = greatestVersion(existing);
  return greatest === undefined ? FIRST_VERSION : rollVersion(greatest);
}
