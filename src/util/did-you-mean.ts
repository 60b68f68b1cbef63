/**
 * The one "did you mean": the candidate a mistyped text most likely meant (`jobname` -> `jobName`,
 * `flink.Jar` -> `flink.jar`, `singel` -> `single`), or undefined when none is close or the text is
 * exact. Texts are compared after `normalise` (lower case by default; HA policies also forgive
 * separators): an equal normalised form wins, then the smallest edit distance within a few edits.
 */
export interface ClosestOptions {
  normalise?: (text: string) => string;
}

const lowerCase = (text: string): string => text.toLowerCase();

export function closest<T extends string>(text: string, candidates: readonly T[], options: ClosestOptions = {}): T | undefined {
  if ((candidates as readonly string[]).includes(text)) return undefined;
  const normalise = options.normalise ?? lowerCase;
  const wanted = normalise(text);
  if (wanted.trim() === '') return undefined;
  const same = candidates.find((c) => normalise(c) === wanted);
  if (same !== undefined) return same;
  let best: T | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const distance = editDistance(wanted, normalise(candidate));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  // Close enough to be a typo, far enough that `triple` does not become `single`.
  const allowed = wanted.length >= 10 ? 3 : wanted.length >= 4 ? 2 : 1;
  return bestDistance <= allowed ? best : undefined;
}

/** ` Did you mean "x"?` or nothing, to end a message with. */
export function didYouMean(text: string, candidates: readonly string[], options: ClosestOptions = {}): string {
  const guess = closest(text, candidates, options);
  return guess === undefined ? '' : ` Did you mean "${guess}"?`;
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
