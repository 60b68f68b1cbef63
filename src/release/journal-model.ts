import { z } from 'zod';
import { POLICIES, type Policy } from '../ha/policies.js';
import type { ChangeRecord } from '../change/control.js';

/**
 * The release journal (`.stms/releases/<releaseId>.json`): which clusters have the package, so a
 * partial release is recorded, not lost, and `release --resume ID` finishes the rest (docs/concepts.md
 * "Behaviour"). This file is the model and its pure transitions; writing it atomically is the
 * store's job. It never holds a token: error texts must be redacted before they are recorded.
 */

export const CLUSTER_OUTCOMES = ['pending', 'uploaded', 'unchanged', 'failed', 'skipped', 'interrupted'] as const;
export type ClusterOutcome = (typeof CLUSTER_OUTCOMES)[number];

/** Outcomes that mean the cluster has this package: a resume leaves them alone. */
const DONE: ReadonlySet<ClusterOutcome> = new Set<ClusterOutcome>(['uploaded', 'unchanged', 'skipped']);

const ClusterEntrySchema = z.object({
  outcome: z.enum(CLUSTER_OUTCOMES),
  jobId: z.number().int().optional(),
  version: z.string().optional(),
  /** md5 of the zip rendered for this cluster (its variables resolved). */
  renderedMd5: z.string().optional(),
  /** ISO time of the last change. */
  at: z.string().optional(),
  /** Why it failed, already redacted. */
  error: z.string().optional(),
  /** Copies of the package that landed during the release besides its own version. */
  duplicates: z.array(z.object({ version: z.string(), same: z.enum(['releaseId', 'md5', 'unknown']), releaseId: z.string().optional(), deployUser: z.string().optional() })).optional(),
});
export type ClusterEntry = z.infer<typeof ClusterEntrySchema>;

/** Checks a journal read from disk; unknown keys are kept for newer versions of stms. */
export const ReleaseJournalSchema = z.looseObject({
  releaseId: z.string().min(1),
  createdAt: z.string(),
  package: z.object({ path: z.string(), md5: z.string(), name: z.string() }),
  policy: z.enum(POLICIES),
  project: z.string(),
  job: z.string(),
  targets: z.array(z.string()),
  /** The source record's deployUser; a resume sends the same (absent in journals of stms before it). */
  deployUser: z.string().optional(),
  /** Set by `rollback`: the release whose package this one sent again. */
  rollbackOf: z.string().optional(),
  /** The change ticket (`--change`); absent in journals of stms before it and in releases without one. */
  changeId: z.string().optional(),
  /** `--override-window --reason`: why it ran outside its change window. */
  overrideReason: z.string().optional(),
  /** The window or freeze it ran in by that override, and when the next window opened. */
  outsideWindow: z.string().optional(),
  clusters: z.record(z.string(), ClusterEntrySchema),
});
export type ReleaseJournal = z.infer<typeof ReleaseJournalSchema>;

/**
 * A sortable release id: `yyyyMMdd-HHmmss-<random>` in UTC, so ids sort by time across machines
 * and time zones. `random` (4-16 of [a-z0-9]) comes from the caller, keeping this pure.
 */
export function newReleaseId(now: Date, random: string): string {
  if (!/^[a-z0-9]{4,16}$/.test(random)) throw new RangeError(`release id suffix must be 4-16 of [a-z0-9], got "${random}"`);
  const iso = now.toISOString(); // 2026-11-21T10:35:12.345Z
  return `${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}-${random}`;
}

/**
 * Newest first, to the millisecond of `createdAt`: ids of the same second differ only by their
 * random suffix, which says nothing about which came first.
 */
export function newestFirst(a: ReleaseJournal, b: ReleaseJournal): number {
  const byTime = timeOf(b) - timeOf(a);
  return byTime !== 0 ? byTime : b.releaseId < a.releaseId ? -1 : b.releaseId > a.releaseId ? 1 : 0;
}

function timeOf(journal: ReleaseJournal): number {
  const ms = Date.parse(journal.createdAt);
  return Number.isNaN(ms) ? 0 : ms;
}

/** True for ids newReleaseId makes: checks `--resume ID` before it becomes a file name. */
export function isReleaseId(text: string): boolean {
  return /^\d{8}-\d{6}-[a-z0-9]{4,16}$/.test(text);
}

export interface NewJournal {
  releaseId: string;
  createdAt: Date;
  package: { path: string; md5: string; name: string };
  policy: Policy;
  project: string;
  job: string;
  targets: readonly string[];
  deployUser: string;
  rollbackOf?: string;
  change?: ChangeRecord | undefined;
}

/** A journal with every target pending. */
export function newJournal(input: NewJournal): ReleaseJournal {
  return {
    releaseId: input.releaseId,
    createdAt: input.createdAt.toISOString(),
    package: { ...input.package },
    policy: input.policy,
    project: input.project,
    job: input.job,
    targets: [...input.targets],
    deployUser: input.deployUser,
    ...(input.rollbackOf ? { rollbackOf: input.rollbackOf } : {}),
    ...input.change,
    clusters: Object.fromEntries(input.targets.map((t) => [t, { outcome: 'pending' as const }])),
  };
}

export type OutcomeUpdate = Omit<ClusterEntry, 'at'>;

/**
 * A new journal where `cluster` has `update` at time `at`. Fields not given are kept from
 * before (a retry that fails keeps the jobId learned earlier), except `error`, which is
 * dropped once the outcome is no longer a failure.
 */
export function recordOutcome(journal: ReleaseJournal, cluster: string, update: OutcomeUpdate, at: Date): ReleaseJournal {
  if (!journal.targets.includes(cluster)) throw new RangeError(`${cluster} is not a target of release ${journal.releaseId} (${journal.targets.join(', ')})`);
  const merged: ClusterEntry = { ...journal.clusters[cluster], ...update, at: at.toISOString() };
  if (update.outcome !== 'failed' && update.outcome !== 'interrupted' && update.error === undefined) delete merged.error;
  return { ...journal, clusters: { ...journal.clusters, [cluster]: merged } };
}

/** Targets a `--resume` still has to release, in target order. */
export function clustersToResume(journal: ReleaseJournal): string[] {
  return journal.targets.filter((t) => !DONE.has(journal.clusters[t]?.outcome ?? 'pending'));
}

export interface JournalSummary {
  done: string[];
  notDone: string[];
  /** True when every target has the package. */
  complete: boolean;
}

export function summarize(journal: ReleaseJournal): JournalSummary {
  const notDone = clustersToResume(journal);
  const done = journal.targets.filter((t) => !notDone.includes(t));
  return { done, notDone, complete: notDone.length === 0 };
}
