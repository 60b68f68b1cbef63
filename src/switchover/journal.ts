import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { stateWriteError } from '../release/journal-store.js';
import { writeJsonAtomic } from '../util/atomic-write.js';

/**
 * The journal of a switchover (`.stms/switchovers/<runId>.json`): who moved which jobs from where
 * to where, why (an unplanned one's reason), whether it ran outside a change window, and per job
 * each step as it happens (the savepoint taken on the old manager before anything starts on the
 * new one), so an interrupted run still says what it did. Never holds a token.
 */

export interface SwitchoverJournalHead {
  runId: string;
  createdAt: string;
  from: string;
  to: string;
  unplanned: boolean;
  reason?: string;
  outsideWindow?: string;
  /** The change or incident ticket (`--change`, STMS_CHANGE_ID). */
  changeId?: string;
}

export class SwitchoverJournal {
  readonly file: string;
  private readonly jobs: Record<string, Record<string, unknown>> = {};
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly stateDir: string,
    private readonly head: SwitchoverJournalHead,
  ) {
    this.file = path.join(stateDir, 'switchovers', `${head.runId}.json`);
  }

  /** Merges what happened to a job and writes the journal (writes are serialized). */
  async record(job: string, change: Record<string, unknown>): Promise<void> {
    this.jobs[job] = { ...this.jobs[job], ...change, at: new Date().toISOString() };
    const snapshot = { ...this.head, jobs: structuredClone(this.jobs) };
    this.writing = this.writing.then(async () => {
      try {
        await mkdir(path.dirname(this.file), { recursive: true });
        await writeJsonAtomic(this.file, snapshot);
      } catch (error) {
        throw stateWriteError(this.stateDir, error, 'the switchover journal');
      }
    });
    await this.writing;
  }
}
