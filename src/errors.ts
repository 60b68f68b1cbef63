/**
 * The one error model of stms. Every failure class maps to one exit code of PRODUCT.md, and
 * the message lives in the error itself so that the CLI layer only has to print it.
 */

export const EXIT = {
  OK: 0,
  INTERNAL: 1,
  USAGE: 2,
  PACKAGE: 3,
  POLICY: 4,
  REMOTE: 5,
  CONSISTENCY: 6,
  LAUNCH: 7,
  BATCH: 8,
  INTERRUPTED: 130,
  /** SIGTERM: the same recorded stop as Ctrl-C, reported as the shell reports a terminated process. */
  TERMINATED: 143,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The `error.code` of a `--json` document names the failure class. */
export type ErrorCode =
  | 'INTERNAL'
  | 'USAGE'
  | 'CONFIG'
  | 'AUTH'
  | 'PACKAGE_INVALID'
  | 'HA_POLICY'
  | 'CMDB'
  | 'REMOTE'
  | 'CONSISTENCY'
  | 'LAUNCH'
  | 'BATCH'
  | 'INTERRUPTED';

const EXIT_OF: Record<ErrorCode, ExitCode> = {
  INTERNAL: EXIT.INTERNAL,
  USAGE: EXIT.USAGE,
  CONFIG: EXIT.USAGE,
  AUTH: EXIT.USAGE,
  PACKAGE_INVALID: EXIT.PACKAGE,
  HA_POLICY: EXIT.POLICY,
  CMDB: EXIT.POLICY,
  REMOTE: EXIT.REMOTE,
  CONSISTENCY: EXIT.CONSISTENCY,
  LAUNCH: EXIT.LAUNCH,
  BATCH: EXIT.BATCH,
  INTERRUPTED: EXIT.INTERRUPTED,
};

export function exitCodeOf(code: ErrorCode): ExitCode {
  return EXIT_OF[code];
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

  get exitCode(): ExitCode {
    return exitCodeOf(this.code);
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

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
