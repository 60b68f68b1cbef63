import type { ClusterConfig, Config } from '../config/load.js';
import { UsageError } from '../errors.js';
import { closest } from '../util/did-you-mean.js';

/**
 * The clusters a package is checked for: those `--clusters` names, else every cluster of the
 * config, else none (no config: only what needs no cluster is checked).
 */
export function resolveTargets(config: Config | undefined, clustersFlag: string | undefined, flagName = '--clusters'): ClusterConfig[] {
  const names = clustersFlag === undefined ? undefined : splitList(clustersFlag);
  if (!config) {
    if (names !== undefined) {
      throw new UsageError(`${flagName} needs a config that declares the clusters, and none was found`, {
        hint: 'Pass -c/--config, or run from a folder with stms.config.yaml (`stms init` writes one).',
      });
    }
    return [];
  }
  if (names === undefined) return Object.values(config.clusters);
  if (names.length === 0) throw new UsageError(`${flagName} names no cluster`, { hint: `Known clusters: ${knownClusters(config)}.` });
  const unknown = names.filter((n) => !Object.hasOwn(config.clusters, n));
  if (unknown.length > 0) {
    const guesses = unknown.flatMap((name) => {
      const guess = closest(name, Object.keys(config.clusters));
      return guess === undefined ? [] : [`${guess} for ${name}`];
    });
    const guessText = guesses.length > 0 ? `Did you mean ${guesses.join(', ')}? ` : '';
    throw new UsageError(`unknown cluster${unknown.length === 1 ? '' : 's'} ${unknown.join(', ')} in ${flagName}`, {
      hint: `${guessText}Known clusters${config.file ? ` in ${config.file}` : ''}: ${knownClusters(config)}.`,
    });
  }
  return [...new Set(names)].map((n) => config.clusters[n] as ClusterConfig);
}

function splitList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function knownClusters(config: Config): string {
  const names = Object.keys(config.clusters);
  return names.length > 0 ? names.join(', ') : '(none)';
}
