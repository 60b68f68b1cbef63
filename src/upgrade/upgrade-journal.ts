import { z } from 'zod';
import type { ReleaseJournal } from '../release/journal-model.js';
import { writeJournal } from '../release/journal-store.js';
import type { RolloutClusterState } from '../launch/rollout/rollout-plan.js';

/**
 * An upgrade keeps one journal: the release journal of its release id, with an `upgrade` section
 * holding each cluster's rollout step, so `stms upgrade … --resume ID` releases what is missing
 * and continues the rollout from the last step done. Never holds a token.
 */

const StateSchema = z.object({
  phase: z.enum(['pending', 'stopped', 'started', 'done']),
  action: z.enum(['restart', 'start']).optional(),
  savepoint: z.string().nullable().optional(),
  restoredFrom: z.string().nullable().optional(),
  versionBefore: z.string().nullable().optional(),
  versionAfter: z.string().nullable().optional(),
  stable: z.boolean().optional(),
  error: z.string().optional(),
});

const SectionSchema = z.object({ restore: z.string(), clusters: z.record(z.string(), StateSchema) });
export type UpgradeSection = z.infer<typeof SectionSchema>;

/** The rollout state a journal recorded; empty for a journal of a plain release. */
export function upgradeSection(journal: ReleaseJournal): UpgradeSection | undefined {
  const parsed = SectionSchema.safeParse((journal as Record<string, unknown>).upgrade);
  return parsed.success ? parsed.data : undefined;
}

/** Keeps the journal's rollout section on disk, one cluster step at a time. */
export class UpgradeJournal {
  constructor(
    private readonly stateDir: string,
    private journal: ReleaseJournal,
    restore: string,
  ) {
    const before = upgradeSection(journal);
    this.journal = { ...journal, upgrade: { restore, clusters: before?.clusters ?? {} } };
  }

  get section(): UpgradeSection {
    return (this.journal as Record<string, unknown>).upgrade as UpgradeSection;
  }

  async record(cluster: string, state: RolloutClusterState, redact: (text: string) => string): Promise<void> {
    const kept = state.error === undefined ? state : { ...state, error: redact(state.error) };
    const section = { ...this.section, clusters: { ...this.section.clusters, [cluster]: kept } };
    this.journal = { ...this.journal, upgrade: section };
    await writeJournal(this.stateDir, this.journal);
  }
}
