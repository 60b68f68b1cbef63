import type { Output } from '../output.js';
import type { UpgradeVerdict } from '../../upgrade/document.js';
import type { RolloutEvents } from '../../launch/rollout/rollout.js';

/**
 * The human side of `stms upgrade`: the release's own lines (print/release.ts), one progress line
 * per cluster while the rollout goes, then a table of what runs where, which savepoint each stop
 * took and what each start restored from; when it stopped part way, the commands that finish it
 * or go back.
 */

export function rolloutEvents(out: Output): RolloutEvents {
  return { progress: (cluster, text, done) => out.progress(`rollout ${cluster}`, text, { done: done === true }) };
}

export function printUpgrade(out: Output, verdict: UpgradeVerdict): void {
  out.endProgress();
  const clusters = (verdict.document.clusters ?? {}) as Record<string, Record<string, unknown>>;
  if (Object.keys(clusters).length === 0) return;
  const text = (v: unknown) => (v === null || v === undefined || v === '' ? '-' : String(v));
  out.line();
  out.table(
    ['cluster', 'release', 'before', 'after', 'savepoint', 'restored from', 'status', 'stable'],
    Object.entries(clusters).map(([name, c]) => {
      const release = c.release as { outcome: string; version: string | null } | null;
      return [name, release ? `${release.outcome}${release.version ? ` ${release.version}` : ''}` : '-', text(c.versionBefore), text(c.versionAfter), text(c.savepoint), text(c.restoredFrom), text(c.status), c.stable === true ? 'yes' : 'no'];
    }),
  );
  const error = verdict.document.error as { message: string } | undefined;
  if (error) out.error(error.message);
  if (verdict.next) {
    out.info(`finish:  ${verdict.next.finish}`);
    out.info(`go back: ${verdict.next.back}`);
  }
}
