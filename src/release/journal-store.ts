import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { setImmediate } from 'node:timers/promises';
import path from 'node:path';
import { StmsError, UsageError } from '../errors.js';
import { writeJsonAtomic } from '../util/atomic-write.js';
import { isReleaseId, newestFirst, recordOutcome, ReleaseJournalSchema, type OutcomeUpdate, type ReleaseJournal } from './journal-model.js';

/**
 * The journal on disk: `<stateDir>/releases/<releaseId>.json`, rewritten atomically after every
 * cluster's outcome so a crash or Ctrl-C leaves the last complete state, never half a file.
 */

export function journalsDir(stateDir: string): string {
  return path.join(stateDir, 'releases');
}

export function journalPath(stateDir: string, releaseId: string): string {
  return path.join(journalsDir(stateDir), `${releaseId}.json`);
}

/**
 * The state folder cannot be written (a file named .stms, no permission, a full disk): said with
 * the folder and the system's reason, as LOCAL_STATE (exit 9), never as a bug of stms.
 */
export function stateWriteError(stateDir: string, error: unknown, what: string): StmsError {
  const code = (error as NodeJS.ErrnoException).code;
  return new StmsError('LOCAL_STATE', `cannot write ${what} in ${stateDir}: ${code ?? (error as Error).message}`, {
    hint: 'stms keeps release journals in .stms/ beside the config file (or in the current folder without one): make it a writable folder.',
    cause: error,
  });
}

export async function writeJournal(stateDir: string, journal: ReleaseJournal): Promise<string> {
  const file = journalPath(stateDir, journal.releaseId);
  await writeJsonAtomic(file, journal);
  return file;
}

/**
 * The journal of `--resume ID`. A bad id or no journal of that id is a usage error (exit 2); a
 * journal that cannot be read or is damaged is LOCAL_STATE (exit 9).
 */
export async function readJournal(stateDir: string, releaseId: string): Promise<ReleaseJournal> {
  if (!isReleaseId(releaseId)) {
    throw new UsageError(`--resume ${releaseId}: not a release id (they look like 20260121-103512-k3f9a2)`, { hint: 'See `stms history` for the releases recorded here.' });
  }
  const file = journalPath(stateDir, releaseId);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`no journal for release ${releaseId} in ${journalsDir(stateDir)}`, { hint: 'Run the resume from the folder of the config the release used; `stms history` lists the releases recorded here.' });
    throw new StmsError('LOCAL_STATE', `${file}: cannot be read: ${code ?? (error as Error).message}`);
  }
  return parseJournal(text, file);
}

export interface JournalListing {
  /** Newest first, by the time each was created (to the millisecond). */
  journals: ReleaseJournal[];
  /** Files that are not journals stms can read, with the reason. */
  unreadable: Array<{ file: string; reason: string }>;
}

/** A journal file's JSON, not yet checked against the journal's schema. */
export interface JournalFile {
  file: string;
  json: unknown;
}

export interface JournalScan {
  files: JournalFile[];
  /** Files that cannot be read or are not JSON. */
  unreadable: Array<{ file: string; reason: string }>;
}

/**
 * Files read between two turns of the event loop. Every release reads the whole folder (to prune
 * the package store), which grows by one file per release: thousands on a fleet. A small file read
 * synchronously costs ~15 µs where a read through the thread pool costs ~0.4 ms on these machines,
 * and uploads in flight go on between the batches.
 */
const FILES_PER_TURN = 128;

/** Every journal file of the state folder, read and parsed as JSON; none when the folder does not exist yet. */
export async function scanJournals(stateDir: string): Promise<JournalScan> {
  const dir = journalsDir(stateDir);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { files: [], unreadable: [] };
    throw new StmsError('LOCAL_STATE', `${dir}: cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const scan: JournalScan = { files: [], unreadable: [] };
  const ids = names.filter((n) => n.endsWith('.json') && isReleaseId(n.slice(0, -5))).sort();
  for (const [index, name] of ids.entries()) {
    if (index > 0 && index % FILES_PER_TURN === 0) await setImmediate();
    const file = path.join(dir, name);
    try {
      scan.files.push({ file, json: parseJson(readFileSync(file, 'utf8'), file) });
    } catch (error) {
      scan.unreadable.push({ file, reason: (error as Error).message });
    }
  }
  return scan;
}

/**
 * The journals of a scan, checked against the journal's schema; `wanted` picks the files worth
 * checking by their JSON (the others are left out, neither listed nor unreadable).
 */
export function journalsOf(scan: JournalScan, wanted: (json: unknown) => boolean = () => true): JournalListing {
  const listing: JournalListing = { journals: [], unreadable: [...scan.unreadable] };
  for (const { file, json } of scan.files) {
    if (!wanted(json)) continue;
    try {
      listing.journals.push(checkJournal(json, file));
    } catch (error) {
      listing.unreadable.push({ file, reason: (error as Error).message });
    }
  }
  listing.journals.sort(newestFirst);
  // In the folder's order, whatever made them unreadable.
  listing.unreadable.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return listing;
}

/** Every journal of the state folder; none when the folder does not exist yet. */
export async function listJournals(stateDir: string): Promise<JournalListing> {
  return journalsOf(await scanJournals(stateDir));
}

function parseJournal(text: string, file: string): ReleaseJournal {
  return checkJournal(parseJson(text, file), file);
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new StmsError('LOCAL_STATE', `${file}: not a release journal (not JSON: ${(error as Error).message})`);
  }
}

function checkJournal(raw: unknown, file: string): ReleaseJournal {
  const parsed = ReleaseJournalSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new StmsError('LOCAL_STATE', `${file}: not a release journal (${first ? `${first.path.join('.') || '(root)'}: ${first.message}` : 'unexpected shape'})`);
  }
  return parsed.data;
}

/**
 * Serialises the journal updates of clusters that finish at the same time: each update applies
 * to the latest state and is written before the next one starts.
 */
export class JournalWriter {
  private state: ReleaseJournal;
  private queue: Promise<void> = Promise.resolve();
  readonly file: string;

  constructor(
    private readonly stateDir: string,
    journal: ReleaseJournal,
    private readonly now: () => Date,
  ) {
    this.state = journal;
    this.file = journalPath(stateDir, journal.releaseId);
  }

  get current(): ReleaseJournal {
    return this.state;
  }

  /** Writes the journal as it is (the first write, before any upload). */
  async flush(): Promise<void> {
    await this.enqueue(() => undefined);
  }

  async record(cluster: string, update: OutcomeUpdate): Promise<void> {
    await this.enqueue(() => {
      this.state = recordOutcome(this.state, cluster, update, this.now());
    });
  }

  private enqueue(change: () => void): Promise<void> {
    const next = this.queue.then(async () => {
      change();
      await writeJournal(this.stateDir, this.state);
    });
    // A failed write is reported to its caller; later updates still run.
    this.queue = next.catch(() => undefined);
    return next;
  }
}
