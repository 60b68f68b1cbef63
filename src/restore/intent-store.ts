import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeJsonAtomic } from '../util/atomic-write.js';
import { stateWriteError } from '../release/journal-store.js';

/**
 * The journal of configuration edits in flight: before stms writes a savepoint path (or the
 * auto-restore switch) into a job's configuration for one start, it records what it is about to
 * change here, and removes the record once the change is undone. A run that was interrupted
 * between the two leaves the record, and the next run on that job undoes the change first.
 * One file per cluster and job: `<stateDir>/restore/<cluster>/<jobId>.json`.
 */

const EditSchema = z.object({ group: z.literal('wds.linkis.flink.produce'), key: z.string(), old: z.string().nullable(), new: z.string() });

export const IntentSchema = z.object({
  cluster: z.string(),
  jobId: z.number().int(),
  project: z.string(),
  job: z.string(),
  edits: z.array(EditSchema),
  /** ISO time the intent was recorded. */
  at: z.string(),
});
export type RestoreIntent = z.infer<typeof IntentSchema>;

function dirOf(stateDir: string, cluster: string): string {
  return path.join(stateDir, 'restore', encodeURIComponent(cluster));
}

export function intentFile(stateDir: string, cluster: string, jobId: number): string {
  return path.join(dirOf(stateDir, cluster), `${jobId}.json`);
}

export async function recordIntent(stateDir: string, intent: RestoreIntent): Promise<void> {
  await writeJsonAtomic(intentFile(stateDir, intent.cluster, intent.jobId), intent).catch((error: unknown) => {
    throw stateWriteError(stateDir, error, `the configuration-edit journal of ${intent.project}/${intent.job} on ${intent.cluster}`);
  });
}

export async function clearIntent(stateDir: string, cluster: string, jobId: number): Promise<void> {
  await rm(intentFile(stateDir, cluster, jobId), { force: true });
}

/** The intent left for that job on that cluster, if any. An unreadable file counts as none. */
export async function readIntent(stateDir: string, cluster: string, jobId: number): Promise<RestoreIntent | undefined> {
  let text: string;
  try {
    text = await readFile(intentFile(stateDir, cluster, jobId), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed = IntentSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
