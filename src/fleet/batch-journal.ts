import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { StmsError } from '../errors.js';
import { writeJsonAtomic } from '../util/atomic-write.js';
import { stateWriteError } from '../release/journal-store.js';

/**
 * The journal of a run of many packages (`.stms/batches/<batchId>.json`): which packages the
 * batch holds, for which targets, and the release id each job got once it began. Each job's
 * own release journal says what its clusters have; `--resume BATCH_ID` reads this file to
 * finish every job (resuming the ones that began, running the others). Never holds a token.
 */

const BatchJournalSchema = z.looseObject({
  batchId: z.string().min(1),
  createdAt: z.string(),
  command: z.enum(['release', 'upgrade']),
  targets: z.array(z.string()),
  vars: z.string().optional(),
  deployUser: z.string(),
  packages: z.array(z.object({ path: z.string(), project: z.string(), job: z.string(), releaseId: z.string().optional() })),
});
export type BatchJournal = z.infer<typeof BatchJournalSchema>;

export function batchesDir(stateDir: string): string {
  return path.join(stateDir, 'batches');
}

export function batchPath(stateDir: string, batchId: string): string {
  return path.join(batchesDir(stateDir), `${batchId}.json`);
}

/** The batch of that id, or undefined when no batch has it (it may be a release id). */
export async function readBatchJournal(stateDir: string, batchId: string): Promise<BatchJournal | undefined> {
  const file = batchPath(stateDir, batchId);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new StmsError('LOCAL_STATE', `${file}: cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new StmsError('LOCAL_STATE', `${file}: not a batch journal (not JSON: ${(error as Error).message})`);
  }
  const parsed = BatchJournalSchema.safeParse(raw);
  if (!parsed.success) throw new StmsError('LOCAL_STATE', `${file}: not a batch journal (${parsed.error.issues[0]?.message ?? 'unexpected shape'})`);
  return parsed.data;
}

/** Writes the batch journal, one update after the other (jobs begin at the same time). */
export class BatchJournalWriter {
  private queue: Promise<void> = Promise.resolve();
  readonly file: string;

  constructor(
    private readonly stateDir: string,
    private state: BatchJournal,
  ) {
    this.file = batchPath(stateDir, state.batchId);
  }

  get current(): BatchJournal {
    return this.state;
  }

  flush(): Promise<void> {
    return this.enqueue(() => undefined);
  }

  /** The job of the package at `packagePath` began as release `releaseId`. */
  began(packagePath: string, releaseId: string): Promise<void> {
    return this.enqueue(() => {
      this.state = { ...this.state, packages: this.state.packages.map((p) => (p.path === packagePath ? { ...p, releaseId } : p)) };
    });
  }

  private enqueue(change: () => void): Promise<void> {
    const next = this.queue.then(async () => {
      change();
      await writeJsonAtomic(this.file, this.state).catch((error: unknown) => {
        throw stateWriteError(this.stateDir, error, `the journal of batch ${this.state.batchId}`);
      });
    });
    this.queue = next.catch(() => undefined);
    return next;
  }
}
