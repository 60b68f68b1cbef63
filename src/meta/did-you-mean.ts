import { editDistance } from '../ha/did-you-mean.js';

/**
 * The candidate `text` most likely meant (`jobname` -> `jobName`, `flink.Jar` -> `flink.jar`),
 * or undefined when none is close. Case is forgiven first, then small typos.
 */
export function closest(text: string, candidates: readonly string[]): string | undefined {
  if (candidates.includes(text)) return undefined;
  const lower = text.toLowerCase();
  const sameLetters = candidates.find((c) => c.toLowerCase() === lower);
  if (sameLetters) return sameLetters;
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const allowed = text.length >= 10 ? 3 : text.length >= 4 ? 2 : 1;
  return bestDistance <= allowed ? best : undefined;
}

/** ` Did you mean "x"?` or nothing. */
export function didYouMean(text: string, candidates: readonly string[]): string {
  const guess = closest(text, candidates);
  return guess === undefined ? '' : ` Did you mean "${guess}"?`;
}
