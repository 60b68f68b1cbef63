import { POLICIES, type Policy } from './policies.js';

/**
 * The server compares policy names case-sensitively (streamis-api.md §8) and treats a near miss
 * as `single` for starts yet restarts it like a two-cluster job (§7.6), so a typo is an error and
 * deserves a suggestion. Case and separators are forgiven first (`Double`, `manager-slave`),
 * then small typos (`singel`, `managerSalve`).
 */

/** The policy `text` most likely meant, or undefined when nothing is close (or it is exact). */
export function didYouMeanPolicy(text: string): Policy | undefined {
  if ((POLICIES as readonly string[]).includes(text)) return undefined;
  const wanted = squash(text);
  if (wanted === '') return undefined;
  const loose = POLICIES.find((p) => squash(p) === wanted);
  if (loose) return loose;

  let best: Policy | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const policy of POLICIES) {
    const distance = editDistance(wanted, squash(policy));
    if (distance < bestDistance) {
      best = policy;
      bestDistance = distance;
    }
  }
  // Two edits for short names, three for the long ones: close enough to be a typo, far enough
  // that `triple` does not become `single`.
  const allowed = wanted.length >= 10 ? 3 : 2;
  return bestDistance <= allowed ? best : undefined;
}

/** Lower case without spaces, dashes or underscores. */
function squash(text: string): string {
  return text.toLowerCase().replace(/[\s_.-]+/g, '');
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number): number => d[i]?.[j] ?? 0;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, at(i - 2, j - 2) + 1);
      (d[i] as number[])[j] = value;
    }
  }
  return at(rows - 1, cols - 1);
}
