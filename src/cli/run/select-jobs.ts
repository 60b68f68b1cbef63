import type { CommandContext, CommandResult } from '../command.js';
import type { Session } from '../../launch/session.js';
import type { JobTask } from '../../streamis/index.js';
import type { SelectionCriteria } from '../../selection/criteria.js';
import { readListings } from '../../selection/read-listings.js';
import { mergeListings, selectionProblem, type ClusterRows, type SelectedJob } from '../../selection/select.js';
import { printSelection } from '../print/selection.js';

/**
 * A `--project` selection as the job commands and audit run it (docs/concepts.md "Selecting
 * jobs"): the listings of every cluster of the session, merged; an empty selection or one
 * `--expect` does not allow stops here, before anything is written (exit 2).
 */

export interface Selection {
  /** The narrowed job/list rows, per cluster and project. */
  listings: Array<ClusterRows<JobTask>>;
  selected: SelectedJob[];
}

export interface SelectionRules {
  expect: number | undefined;
  concurrency: number;
  /** Audit's plain --project: a project without jobs is warned about, not refused. */
  allowEmpty?: boolean;
}

export async function readSelection(session: Session, criteria: SelectionCriteria, o: SelectionRules): Promise<Selection> {
  const clients = session.clusters.map((c) => ({ cluster: c.name, client: session.client(c.name) }));
  const listings = await readListings(clients, criteria, o.concurrency);
  const selected = mergeListings(listings);
  const problem = o.allowEmpty === true && selected.length === 0 ? undefined : selectionProblem(selected, criteria, session.clusters.map((c) => c.name), o.expect);
  if (problem) throw problem;
  return { listings, selected };
}

/** `--dry-run`: the selection shown, nothing else done. */
export function dryRunResult(ctx: CommandContext, selected: readonly SelectedJob[]): CommandResult {
  printSelection(ctx.out, selected);
  return { document: { ok: true, dryRun: true, jobs: selected.map((j) => ({ project: j.project, job: j.job, labels: j.labels, clusters: j.clusters })) } };
}
