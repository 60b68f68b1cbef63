import type { Duplicate } from './duplicates.js';
import type { UploadTurns } from './upload-turns.js';
import type { ClusterConfig, Config } from '../config/load.js';
import type { ErrorCode } from '../errors.js';
import type { VarsFile } from '../meta/vars-file.js';
import type { Policy } from '../ha/policies.js';
import type { Problem } from '../meta/problem.js';
import type { Redactor } from '../util/redact.js';
import type { ReleaseJournal } from './journal-model.js';
import type { ChangeRecord } from '../change/control.js';

/**
 * The release engine's vocabulary: what the CLI hands in, the progress it is told about, and what
 * it gets back. Expected outcomes are values (a refusal, a per-cluster outcome), not exceptions;
 * only the unexpected (a bug, an unreadable CMDB) is thrown.
 */

/** Per cluster, what a release did there (docs/concepts.md: uploaded | unchanged | failed | skipped | interrupted). */
export type ReleaseOutcome = 'uploaded' | 'unchanged' | 'failed' | 'skipped' | 'interrupted';

export interface ClusterResult {
  cluster: string;
  outcome: ReleaseOutcome;
  jobId?: number;
  version?: string;
  /** md5 of the zip rendered for this cluster (journal only). */
  renderedMd5?: string;
  /** Why it failed or was interrupted, redacted. */
  error?: string;
  /** The code of the failure (AUTH for a rejected token, REMOTE ...); not journaled. */
  errorCode?: ErrorCode;
  /** A short remark for people: "landed before the answer was lost", "same md5 and deploy user". */
  note?: string;
  /** Copies of this package that landed during the release besides its own version. */
  duplicates?: Duplicate[];
}

/** What the checks before any write (stages 1-3) refuse with; exit 3 or 4. */
export interface Refusal {
  code: 'PACKAGE_INVALID' | 'HA_POLICY' | 'CMDB';
  message: string;
  hint?: string;
  /** For PACKAGE_INVALID: every problem of the package. */
  problems?: Problem[];
  /** For HA_POLICY / CMDB: one line per reason. */
  reasons?: string[];
  policy?: Policy;
  project?: string;
  job?: string;
}

/** The inputs shared by release and plan. */
export interface CheckInput {
  packagePath: string;
  config: Config;
  targets: ClusterConfig[];
  vars: VarsFile | undefined;
  varsFile: string | undefined;
  signal: AbortSignal;
  /** `-v` trace of HTTP calls (the clusters, the HTTP CMDB). */
  trace?: ((line: string) => void) | undefined;
  /** The run's secrets, kept out of traces and messages. */
  secrets?: Redactor | undefined;
}

export interface ReleaseRequest extends CheckInput {
  deployUser: string;
  force: boolean;
  /** `--resume ID`: the journal to finish; its targets must be `targets`. */
  resume?: ReleaseJournal;
  /** The run's secrets, kept out of the journal (error texts are redacted before they are recorded). */
  secrets: Redactor;
  now?: () => Date;
  /** The source record's pkgName when the file's own name is not it (a package from the store). */
  packageName?: string;
  /** `rollback`: the release id this release rolls back (in the source record and the journal). */
  rollbackOf?: string;
  /** The change ticket and window override (source record, journal). */
  change?: ChangeRecord | undefined;
  /** Suffix of a new release id (4-16 of [a-z0-9]); random by default. */
  randomSuffix?: () => string;
  /** Many packages in one run: uploads of one file name to one cluster take turns. */
  uploadTurns?: UploadTurns;
}

/** Progress of one cluster, for the progress line. */
export type ClusterProgress =
  | { phase: 'checking' }
  | { phase: 'uploading'; sent: number; total: number }
  | { phase: 'retrying'; retry: number; retries: number; delayMs: number; reason: string }
  /** `elapsedMs` of `limitMs`: how long it has looked, and for how long it will (the settle window). */
  | { phase: 'verifying'; reason: string; elapsedMs: number; limitMs: number };

export interface ReleaseStart {
  releaseId: string;
  md5: string;
  policy: Policy;
  project: string;
  job: string;
  packageName: string;
  targets: string[];
  journalPath: string;
  resumed: boolean;
  warnings: Problem[];
}

/** Callbacks of the engine (like taze's CheckEventCallbacks); the CLI attaches output to them. */
export interface ReleaseEvents {
  /** The package is being hashed (a zip is read whole once, its entries checked): `read` of `total` bytes. */
  onHashing?(read: number, total: number): void;
  /** Stages 1-4 passed; uploads start. */
  onStart?(start: ReleaseStart): void;
  onProgress?(cluster: string, progress: ClusterProgress): void;
  /** One cluster's outcome is final (and already in the journal). */
  onClusterDone?(result: ClusterResult): void;
}

export interface ReleaseReport extends Omit<ReleaseStart, 'warnings'> {
  clusters: Record<string, ClusterResult>;
  /** Clusters that have the package now (uploaded, unchanged, skipped). */
  done: string[];
  notDone: string[];
  interrupted: boolean;
  /** The package's file in the package store. */
  storedPackage: string;
}

export type ReleaseResult = { kind: 'refused'; refusal: Refusal; warnings: Problem[] } | { kind: 'released'; report: ReleaseReport };
