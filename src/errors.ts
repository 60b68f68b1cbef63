/**
 * The one error model of stms, and its one exit-code table. Commands, batches and engines say
 * what went wrong with an `ErrorCode` (or none: ok); only the CLI entry turns a code into an
 * exit status, through `exitStatusOf`. The README's exit-code table and the `stms --help`
 * epilogue are written from this table (a unit test holds the README to it).
 *
 * Decided cases:
 * - a job on none of the given clusters is CONSISTENCY (6) in every command;
 * - a cluster that rejects the token (Linkis login) is AUTH (2) in every command;
 * - several failures at once (the clusters of one job, the findings of an audit, the failed
 *   clusters of a release) end with the code that comes first in `SEVERITY`: an audit with CMDB
 *   and consistency findings exits 4.
 */

/** Every code: its exit status and what it means, in the words the README and --help use. */
export const ERROR_CODES = {
  INTERNAL: { exit: 1, meaning: 'internal error (a bug: please report it)' },
  USAGE: { exit: 2, meaning: 'usage error' },
  CONFIG: { exit: 2, meaning: 'config error' },
  AUTH: { exit: 2, meaning: 'a cluster rejected the token (Linkis login)' },
  PACKAGE_INVALID: { exit: 3, meaning: 'package or meta.json invalid' },
  HA_POLICY: { exit: 4, meaning: 'HA policy check failed' },
  CMDB: { exit: 4, meaning: 'CMDB check failed (also an audit\'s CMDB finding)' },
  REMOTE: { exit: 5, meaning: 'cluster unreachable or server error (a partial release: see `--resume`)' },
  CONSISTENCY: { exit: 6, meaning: 'consistency check failed (materials differ or are missing; a job on none of the given clusters)' },
  LAUNCH: { exit: 7, meaning: 'launch failed, or not running in time' },
  BATCH: { exit: 8, meaning: 'some jobs of a batch failed' },
  LOCAL_STATE: { exit: 9, meaning: 'local state unusable: a journal or package store that cannot be read or written, a held lock' },
  PLAN_STALE: { exit: 10, meaning: '`release --plan` / `upgrade --plan`: the plan is stale (a cluster, package, vars file or the config changed since it was made); nothing was written' },
  PLAN_CHANGES: { exit: 11, meaning: '`plan --exit-code`: something would change (0: nothing would)' },
  INTERRUPTED: { exit: 130, meaning: 'interrupted (Ctrl-C); what happened is recorded' },
  TERMINATED: { exit: 143, meaning: 'terminated (SIGTERM): stopped and recorded as Ctrl-C stops' },
} as const satisfies Record<string, { exit: number; meaning: string }>;

/** The `error.code` of a `--json` document names the failure class. */
export type ErrorCode = keyof typeof ERROR_CODES;

export type ExitStatus = 0 | (typeof ERROR_CODES)[ErrorCode]['exit'];

/** The exit status of a result: 0 without a code. The CLI entry exits with it; printers only show it. */
export function exitStatusOf(code: ErrorCode | undefined): ExitStatus {
  return code === undefined ? 0 : ERROR_CODES[code].exit;
}

/**
 * The order in which one of several failures decides: the one a person must act on first.
 * Ctrl-C, then our own bugs and local state, then what the person typed or configured, then the
 * checks before any write (policy, CMDB), then what the clusters hold and said.
 */
export const SEVERITY: readonly ErrorCode[] = [
  'INTERRUPTED',
  'TERMINATED',
  'INTERNAL',
  'LOCAL_STATE',
  'CONFIG',
  'USAGE',
  'AUTH',
  'HA_POLICY',
  'CMDB',
  'CONSISTENCY',
  'REMOTE',
  'LAUNCH',
  'PACKAGE_INVALID',
  'PLAN_STALE',
  'BATCH',
  'PLAN_CHANGES',
];

/** The code of several failures: the first of them in SEVERITY; undefined for none. */
export function mostSevere(codes: Iterable<ErrorCode>): ErrorCode | undefined {
  let worst: ErrorCode | undefined;
  for (const code of codes) if (worst === undefined || SEVERITY.indexOf(code) < SEVERITY.indexOf(worst)) worst = code;
  return worst;
}

/** One row per exit status, codes sharing a status together: what the README and --help show. */
export interface ExitRow {
  exit: number;
  codes: ErrorCode[];
  meaning: string;
}

export function exitTable(): ExitRow[] {
  const rows: ExitRow[] = [{ exit: 0, codes: [], meaning: 'ok' }];
  for (const [code, entry] of Object.entries(ERROR_CODES) as Array<[ErrorCode, (typeof ERROR_CODES)[ErrorCode]]>) {
    const row = rows.find((r) => r.exit === entry.exit);
    if (row) {
      row.codes.push(code);
      row.meaning = `${row.meaning}; ${entry.meaning}`;
    } else {
      rows.push({ exit: entry.exit, codes: [code], meaning: entry.meaning });
    }
  }
  return rows.sort((a, b) => a.exit - b.exit);
}

/** The rule for several failures at once, in words (README and --help). */
export function severityText(): string {
  return `Several failures at once (the clusters of one job, an audit's findings, a release's clusters): the first code in the order ${SEVERITY.join(', ')}.`;
}

export interface StmsErrorOptions {
  /** Machine-readable context for `--json` (`error.details`). Never put a token here. */
  details?: unknown;
  /** One line that tells the user what to do about it. */
  hint?: string;
  cause?: unknown;
}

/** An expected failure: the user (or a cluster) can fix it; no stack trace is shown. */
export class StmsError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, options: StmsErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'StmsError';
    this.code = code;
    this.details = options.details;
    this.hint = options.hint;
  }
}

/** Wrong flags or arguments: the CLI prints the message and points at `--help`. */
export class UsageError extends StmsError {
  constructor(message: string, options: StmsErrorOptions = {}) {
    super('USAGE', message, options);
    this.name = 'UsageError';
  }
}

/** A config file that cannot be used: names the file and the path of the bad field. */
export class ConfigError extends StmsError {
  constructor(message: string, options: StmsErrorOptions = {}) {
    super('CONFIG', message, options);
    this.name = 'ConfigError';
  }
}

/**
 * A cluster that is unreachable or answered with an error. Carries the endpoint and cluster so a
 * person can tell which of several servers said what.
 */
export class RemoteError extends StmsError {
  readonly cluster: string | undefined;
  readonly endpoint: string;
  /** The Linkis envelope status (0 ok, 1 error, -1 login, ...) or undefined for transport errors. */
  readonly status: number | undefined;
  readonly httpStatus: number | undefined;
  /** True when the request may or may not have been carried out (timeout, dropped connection). */
  readonly outcomeUnknown: boolean;

  constructor(
    message: string,
    info: {
      cluster?: string;
      endpoint: string;
      status?: number;
      httpStatus?: number;
      outcomeUnknown?: boolean;
      code?: ErrorCode;
    } & StmsErrorOptions,
  ) {
    super(info.code ?? 'REMOTE', message, info);
    this.name = 'RemoteError';
    this.cluster = info.cluster;
    this.endpoint = info.endpoint;
    this.status = info.status;
    this.httpStatus = info.httpStatus;
    this.outcomeUnknown = info.outcomeUnknown ?? false;
  }
}

/** Ctrl-C or SIGTERM: work in flight was stopped and recorded. */
export class InterruptedError extends StmsError {
  constructor(message = 'interrupted', options: StmsErrorOptions = {}) {
    super('INTERRUPTED', message, options);
    this.name = 'InterruptedError';
  }
}

export function isStmsError(error: unknown): error is StmsError {
  return error instanceof StmsError;
}

/** The code an error stands for: its own for a StmsError, INTERNAL (a bug) for anything else. */
export function errorCodeOf(error: unknown): ErrorCode {
  return error instanceof StmsError ? error.code : 'INTERNAL';
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
