import type { Config } from '../config/load.js';
import { ConfigError } from '../errors.js';
import { fileCmdb } from './file-backend.js';
import { httpCmdb } from './http-backend.js';
import type { Redactor } from '../util/redact.js';
import type { CmdbBackend } from './types.js';

export interface OpenCmdbOptions {
  signal?: AbortSignal | undefined;
  /** `-v`: the HTTP CMDB's requests and answers, its token redacted. */
  trace?: ((line: string) => void) | undefined;
  /** The run's secrets. */
  secrets?: Redactor | undefined;
}

/** The CMDB the config names; one is required for release and audit. */
export function openCmdb(config: Config, options: OpenCmdbOptions = {}): CmdbBackend {
  const cmdb = config.cmdb;
  if (!cmdb) {
    throw new ConfigError(`${config.file ?? 'the config'} has no cmdb section`, {
      hint: 'Add `cmdb: { file: ./cmdb.json }` (the stub) or `cmdb: { url: http://… }` to the config.',
    });
  }
  if (cmdb.kind === 'file') return fileCmdb(cmdb.file);
  return httpCmdb(cmdb.url, { tokenCode: cmdb.tokenCode, timeoutMs: config.timeouts.requestMs, retries: config.retries, ...options });
}
