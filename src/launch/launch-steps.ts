import type { InspectData } from '../streamis/index.js';
import { failureOf } from './failure.js';
import type { JobFailure } from './types.js';

/**
 * The cluster calls of launch steps 4 and 5, each over several clusters at once. None throws for
 * one cluster's failure: every cluster's outcome is kept, so a job that started on one cluster
 * and not the other says exactly what runs where.
 */

export interface InspectSummary {
  /** The version a start would run (the latest uploaded). */
  version: string | null;
  /** The version of the latest run, null when the job never ran. */
  lastVersion: string | null;
  snapshot: string | null;
  /** The server's HA verdict (`highavailable` of inspect), null when it gave none. */
  highAvailable: boolean | null;
  highAvailableMessage: string | null;
}

export type StepResult<T> = { cluster: string; ok: true; value: T } | { cluster: string; ok: false; failure: JobFailure };

/** Runs `step` on every cluster at once and keeps each outcome. */
export async function onEach<T>(clusters: readonly string[], step: (cluster: string) => Promise<T>): Promise<Array<StepResult<T>>> {
  return Promise.all(
    clusters.map(async (cluster): Promise<StepResult<T>> => {
      try {
        return { cluster, ok: true, value: await step(cluster) };
      } catch (error) {
        return { cluster, ok: false, failure: failureOf(error, 'start') };
      }
    }),
  );
}

export function summarizeInspect(data: InspectData): InspectSummary {
  return {
    version: data.version?.now?.version ?? null,
    lastVersion: data.version?.last?.version ?? null,
    snapshot: data.snapshot?.path ?? null,
    highAvailable: data.highavailable ? data.highavailable.highAvailable : null,
    highAvailableMessage: data.highavailable?.msg ?? null,
  };
}

/** One progress line of what inspect reported. */
export function describeInspect(s: InspectSummary): string {
  const last = s.lastVersion ? `last run ${s.lastVersion}` : 'never ran';
  const ha = s.highAvailable === null ? 'no HA verdict' : s.highAvailable ? 'HA check passed' : `HA check failed: ${s.highAvailableMessage ?? ''}`;
  return `inspect: starts ${s.version ?? '?'} (${last}), snapshot ${s.snapshot ?? 'none'}, ${ha}`;
}
