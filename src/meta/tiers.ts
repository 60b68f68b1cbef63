import { fromPointer, unescapeToken } from './pointer.js';
import { BUILT_IN_TIERS } from './tier-table.js';
import type { Tier } from './types.js';

/** Where a key's level comes from, so an error can say what to change. */
export type TierSource = { kind: 'config'; pattern: string } | { kind: 'built-in'; pattern: string } | { kind: 'default' };

export interface TierInfo {
  level: Tier;
  source: TierSource;
}

/** The level of a key: its own row, else the nearest listed ancestor's, else 1. */
export function tierOf(pointer: string, tiers: Record<string, Tier> = {}): TierInfo {
  const tokens = fromPointer(pointer);
  for (let n = tokens.length; n > 0; n--) {
    const found = explicitTier(tokens.slice(0, n), tiers);
    if (found) return found;
  }
  return { level: 1, source: { kind: 'default' } };
}

export function levelOf(pointer: string, tiers?: Record<string, Tier>): Tier {
  return tierOf(pointer, tiers).level;
}

/** The row for exactly this key: the config's before the built-in table, the most specific first. */
export function explicitTier(tokens: string[], tiers: Record<string, Tier>): TierInfo | undefined {
  const fromConfig = bestMatch(Object.keys(tiers), tokens);
  if (fromConfig !== undefined) return { level: tiers[fromConfig] as Tier, source: { kind: 'config', pattern: fromConfig } };
  const builtIn = bestMatch(BUILT_IN_TIERS.map((row) => row.pattern), tokens);
  const row = BUILT_IN_TIERS.find((r) => r.pattern === builtIn);
  return row ? { level: row.level, source: { kind: 'built-in', pattern: row.pattern } } : undefined;
}

function bestMatch(patterns: string[], tokens: string[]): string | undefined {
  let best: string | undefined;
  let bestScore = -1;
  for (const pattern of patterns) {
    const score = matchScore(pattern, tokens);
    if (score > bestScore) {
      best = pattern;
      bestScore = score;
    }
  }
  return best;
}

/** -1 when the pattern does not match; otherwise the number of literal characters matched. */
export function matchScore(pattern: string, tokens: string[]): number {
  if (!pattern.startsWith('/')) return -1;
  const parts = pattern.slice(1).split('/');
  if (parts.length !== tokens.length) return -1;
  let score = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    const token = tokens[i] as string;
    if (part.endsWith('*')) {
      const prefix = unescapeToken(part.slice(0, -1));
      if (!token.startsWith(prefix)) return -1;
      score += prefix.length;
    } else {
      if (unescapeToken(part) !== token) return -1;
      // An exact token outweighs any prefix of the same token.
      score += part.length + 1_000;
    }
  }
  return score;
}
