import type { Config } from '../config/load.js';
import { InterruptedError, errorMessage, isStmsError, type ErrorCode } from '../errors.js';
import { openCmdb } from './open.js';

/**
 * Whether the config's CMDB answers, the cheapest way it can: the file backend reads its file,
 * the HTTP backend makes one GET (the list of apps). For `stms doctor`.
 */
export interface CmdbReachability {
  configured: boolean;
  /** The file or URL. */
  source: string | null;
  reachable: boolean | null;
  /** Registered apps, when it answered. */
  apps: number | null;
  problems: string[];
  /** Why it fails; undefined: it answered. */
  code: ErrorCode | undefined;
}

export async function checkCmdb(config: Config, signal?: AbortSignal): Promise<CmdbReachability> {
  if (!config.cmdb) return { configured: false, source: null, reachable: null, apps: null, problems: [], code: undefined };
  const source = config.cmdb.kind === 'file' ? config.cmdb.file : config.cmdb.url;
  try {
    const apps = await openCmdb(config, signal ? { signal } : {}).list();
    return { configured: true, source, reachable: true, apps: apps.length, problems: [], code: undefined };
  } catch (error) {
    if (error instanceof InterruptedError) throw error;
    const problem = isStmsError(error) && error.hint ? `${error.message} (${error.hint})` : errorMessage(error);
    return { configured: true, source, reachable: false, apps: null, problems: [problem], code: isStmsError(error) ? error.code : 'REMOTE' };
  }
}
