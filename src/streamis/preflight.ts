import type { ClusterConfig, Config } from '../config/load.js';
import { InterruptedError, RemoteError, StmsError, errorMessage, isStmsError, mostSevere, type ErrorCode } from '../errors.js';
import { createStreamisClient, type StreamisClient, type StreamisClientOptions } from './client.js';

/**
 * The check before any write: every target cluster answers, accepts its token and, when the
 * config names the server's own cluster name (`haName`), getHAMsg says that name. One
 * authenticated read per cluster (getHAMsg), all clusters in parallel; with a project, its EDIT
 * privilege too. A release, launch, stop or upgrade that would fail on one cluster after writing
 * to another is refused before it writes anywhere. `stms doctor` shows the same result as a table.
 */

/** Past this, the server's clock and ours disagree enough to mislead (createTime, verdict times). */
export const CLOCK_SKEW_WARN_MS = 60_000;

export interface PreflightTarget {
  cluster: ClusterConfig;
  client: StreamisClient;
}

export interface PreflightOptions {
  /** Also ask for EDIT privilege on this project. */
  project?: string | undefined;
}

export interface ClusterPreflight {
  cluster: string;
  reachable: boolean;
  /** null when the gateway could not be asked. */
  tokenAccepted: boolean | null;
  clusterName: string | null;
  haName: string | null;
  /** null when the config gives no haName or the name could not be read. */
  nameMatches: boolean | null;
  whetherManager: boolean | null;
  /** null without a project, or when it could not be asked. */
  editPrivilege: boolean | null;
  /** Server clock minus ours, from the answer's `Date` header (second resolution). */
  clockSkewMs: number | null;
  /** What fails the check, one sentence each, tokens never included. */
  problems: string[];
  /** What does not fail it (clock skew). */
  warnings: string[];
  /** Why it fails: AUTH (token, privilege), CONFIG (no token, another cluster's name), REMOTE (unreachable); undefined: it passes. */
  code: ErrorCode | undefined;
}

export interface PreflightResult {
  ok: boolean;
  clusters: Record<string, ClusterPreflight>;
  /** The failure that decides, by the one severity order; undefined: every cluster passes. */
  code: ErrorCode | undefined;
}

export async function preflight(targets: readonly PreflightTarget[], options: PreflightOptions = {}): Promise<PreflightResult> {
  const checks = await Promise.all(targets.map((t) => checkCluster(t, options)));
  return summarizePreflight(checks);
}

/** Builds one client per cluster, runs the preflight, closes them. A cluster without a token fails it (exit 2). */
export async function preflightClusters(clusters: readonly ClusterConfig[], config: Pick<Config, 'timeouts' | 'retries' | 'file'>, options: PreflightOptions & Pick<StreamisClientOptions, 'trace' | 'signal'> = {}): Promise<PreflightResult> {
  const targets: PreflightTarget[] = [];
  const unusable: ClusterPreflight[] = [];
  for (const cluster of clusters) {
    try {
      targets.push({ cluster, client: createStreamisClient(cluster, { timeouts: config.timeouts, retries: config.retries, trace: options.trace, signal: options.signal, configFile: config.file }) });
    } catch (error) {
      if (!isStmsError(error)) throw error;
      unusable.push({ ...blank(cluster), tokenAccepted: false, problems: [error.message], code: error.code });
    }
  }
  try {
    const checked = await Promise.all(targets.map((t) => checkCluster(t, options)));
    const byName = new Map([...checked, ...unusable].map((c) => [c.cluster, c]));
    return summarizePreflight(clusters.map((c) => byName.get(c.name) as ClusterPreflight));
  } finally {
    await Promise.all(targets.map((t) => t.client.close().catch(() => undefined)));
  }
}

/**
 * The refusal of a command whose preflight failed, or undefined when it passed: AUTH (exit 2)
 * for a rejected token, a wrong cluster name or no privilege, REMOTE (exit 5) when a gateway
 * cannot be reached. Names every failing cluster.
 */
export function preflightRefusal(result: PreflightResult, what: string): StmsError | undefined {
  if (result.ok) return undefined;
  const failing = Object.values(result.clusters).filter((c) => c.problems.length > 0);
  const reasons = failing.flatMap((c) => c.problems);
  const message = `${what} refused before any write: ${reasons.join('; ')}`;
  const details = { preflight: Object.fromEntries(failing.map((c) => [c.cluster, preflightJson(c)])) };
  return new StmsError(result.code ?? 'REMOTE', message, {
    details,
    hint: 'Run `stms doctor` to see every cluster, fix the config or the cluster, then run the command again.',
  });
}

/** One cluster's line of `--json` (doctor) and of a refusal's details. */
export function preflightJson(c: ClusterPreflight): Record<string, unknown> {
  return {
    reachable: c.reachable,
    tokenAccepted: c.tokenAccepted,
    clusterName: c.clusterName,
    haName: c.haName,
    nameMatches: c.nameMatches,
    whetherManager: c.whetherManager,
    editPrivilege: c.editPrivilege,
    clockSkewMs: c.clockSkewMs,
    problems: c.problems,
    warnings: c.warnings,
  };
}

function summarizePreflight(checks: readonly ClusterPreflight[]): PreflightResult {
  const code = mostSevere(checks.map((c) => c.code).filter((c): c is ErrorCode => c !== undefined));
  return { ok: code === undefined, clusters: Object.fromEntries(checks.map((c) => [c.cluster, c])), code };
}

function blank(cluster: ClusterConfig): ClusterPreflight {
  return {
    cluster: cluster.name,
    reachable: false,
    tokenAccepted: null,
    clusterName: null,
    haName: cluster.haName ?? null,
    nameMatches: null,
    whetherManager: null,
    editPrivilege: null,
    clockSkewMs: null,
    problems: [],
    warnings: [],
    code: undefined,
  };
}

async function checkCluster({ cluster, client }: PreflightTarget, options: PreflightOptions): Promise<ClusterPreflight> {
  const c = blank(cluster);
  try {
    const ha = await client.haMessage();
    c.reachable = true;
    c.tokenAccepted = true;
    c.clusterName = ha.clusterName;
    c.whetherManager = ha.whetherManager;
    if (cluster.haName !== undefined) {
      c.nameMatches = ha.clusterName === cluster.haName;
      if (!c.nameMatches) {
        fail(c, 'CONFIG', `${cluster.name}: the server says it is cluster ${ha.clusterName}, the config's haName is ${cluster.haName}: the url may point at another cluster's gateway (or set haName to the server's wds.streamis.highavailable.cluster.name)`);
      }
    }
    if (options.project !== undefined) {
      c.editPrivilege = await client.hasEditPrivilege(options.project);
      if (!c.editPrivilege) fail(c, 'AUTH', `${cluster.name}: Token-User ${cluster.tokenUser} has no edit privilege on project ${options.project} (an unknown project answers the same)`);
    }
  } catch (error) {
    if (error instanceof InterruptedError) throw error;
    classifyFailure(c, cluster, error);
  }
  const clock = client.serverClock();
  if (clock) {
    c.clockSkewMs = Math.round(clock.serverMs - clock.localMs);
    if (Math.abs(c.clockSkewMs) > CLOCK_SKEW_WARN_MS) {
      c.warnings.push(
        `${cluster.name}: the server's clock is ${Math.round(c.clockSkewMs / 1000)} s ${c.clockSkewMs > 0 ? 'ahead of' : 'behind'} this machine's: the createTime of source records and the times of checks and verdicts are this machine's, the server's own times are not`,
      );
    }
  }
  return c;
}

function classifyFailure(c: ClusterPreflight, cluster: ClusterConfig, error: unknown): void {
  if (!(error instanceof RemoteError)) {
    fail(c, 'REMOTE', `${cluster.name}: ${errorMessage(error)}`);
    return;
  }
  const answered = error.status !== undefined || error.httpStatus !== undefined;
  c.reachable = answered;
  if (error.status === -1 || error.httpStatus === 401) {
    c.tokenAccepted = false;
    fail(c, 'AUTH', error.message + (error.hint ? ` (${error.hint})` : ''));
    return;
  }
  fail(c, 'REMOTE', answered ? error.message : `${error.message}: the gateway ${cluster.url} cannot be reached`);
}

function fail(c: ClusterPreflight, code: ErrorCode, problem: string): void {
  c.problems.push(problem);
  c.code = mostSevere([code, ...(c.code ? [c.code] : [])]);
}
