import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { cosmiconfig } from 'cosmiconfig';
import type { z } from 'zod';
import { ConfigError } from '../errors.js';
import { POLICIES, WITH_BAK_POLICIES, type ClusterRole, type Policy } from '../ha/policies.js';
import { parseDuration } from '../util/duration.js';
import { expandEnv } from './expand-env.js';
import { CONFIG_LOADERS, parseYamlFile } from './file-loaders.js';
import { formatIssues, issueMessage, issuePath, unsetNames, valueAt, type IssueContext } from './issue-text.js';
import { VarsFileSchema, type VarsFile } from '../meta/vars-file.js';
import { ConfigSchema, type ConfigInput } from './schema.js';
import type { ChangeWindows } from '../change/windows.js';
import { headerProblem, readTokenSource } from './token-sources.js';
import { withoutBom } from './text.js';

export { formatIssues } from './issue-text.js';

/**
 * Loads the config in stages: cosmiconfig finds it, `${ENV}` is expanded, zod parses it,
 * `STMS_*` variables override, defaults fill in, semantic checks run, relative paths resolve
 * against the file. Precedence: defaults < file < environment < flags (flags are applied by the
 * commands that have them).
 */

export interface ClusterConfig {
  name: string;
  url: string;
  tokenUser: string;
  /** '' when neither the file nor STMS_TOKEN_<CLUSTER> gives one; `requireToken` reports it. */
  tokenCode: string;
  /** `${NAME}` references of the written tokenCode that were not set, to name them when it is ''. */
  tokenUnset?: string[];
  idc: string;
  role: ClusterRole;
  policies: Policy[];
  /** Absolute path of a PEM CA file. */
  ca: string | undefined;
  maxUploadMB: number;
  /** What getHAMsg must answer as clusterName; undefined: not checked. */
  haName?: string | undefined;
  /** How its HDFS is read; undefined: not configured. */
  hdfs?: HdfsConfig | undefined;
}

/**
 * WebHDFS (`token`: a delegation token from STMS_HDFS_TOKEN_<CLUSTER>, a secret) or a client
 * command run as an argument list.
 */
export type HdfsConfig = { kind: 'webhdfs'; url: string; user: string | undefined; token: string | undefined } | { kind: 'command'; argv: string[] };

/** The `standby` section: roots with `{schema}` still in them, and the default --max-age. */
export interface StandbyConfig {
  checkpointRoot: string;
  copyRoot: string;
  maxAgeMs: number;
}

export type CmdbConfig = { kind: 'file'; file: string } | { kind: 'http'; url: string; tokenCode: string | undefined };

export interface Config {
  /** The file it came from; undefined when no config file was found. */
  file: string | undefined;
  /** Where relative paths resolve and `.stms/` lives. */
  dir: string;
  stateDir: string;
  /** Absolute folder of the package store: `packageStore` of the file, else `<stateDir>/packages`. */
  packageStore: string;
  /** How many distinct packages of each job the store keeps. */
  history: { keep: number };
  deployUser: string;
  sourceName: string;
  sourceToken: string;
  vars: VarsFile | undefined;
  /** The file `vars` was read from; undefined when the vars are inline in the config or absent. */
  varsFile: string | undefined;
  cmdb: CmdbConfig | undefined;
  clusters: Record<string, ClusterConfig>;
  pairs: Array<[string, string]>;
  tiers: Record<string, 1 | 2 | 3>;
  projectResources: string[];
  timeouts: { requestMs: number; uploadMs: number; executeMs: number; settleMs: number };
  retries: { attempts: number; baseDelayMs: number; maxDelayMs: number };
  /** Commands that write to clusters need a change id (`--change` or STMS_CHANGE_ID). */
  requireChange: boolean;
  /** When the window-bound commands may run; undefined: at any time. */
  changeWindows: ChangeWindows | undefined;
  /** The body `--notify` posts: the --json document (plain) or a text message for a chat robot. */
  notify: { format: NotifyFormat };
  /** Where jobs' state and its standby copy live; undefined: not configured. */
  standby: StandbyConfig | undefined;
}

export type NotifyFormat = 'plain' | 'wecom' | 'dingtalk';

export const DEFAULT_MAX_UPLOAD_MB = 1024;
export const DEFAULT_SOURCE_NAME = 'aomp';
export const DEFAULT_SOURCE_TOKEN = 'streamis0.3.8';
// settle: a gateway may give up (502/504) while Streamis is still storing a big upload; the
// version can appear a while later, and uploading again before then would make a second one.
const DEFAULT_TIMEOUTS = { requestMs: 30_000, uploadMs: 30 * 60_000, executeMs: 10 * 60_000, settleMs: 60_000 };
const DEFAULT_HISTORY_KEEP = 10;
const DEFAULT_RETRIES = { attempts: 3, baseDelayMs: 500, maxDelayMs: 10_000 };
const DEFAULT_STANDBY_MAX_AGE_MS = 15 * 60_000;

export interface LoadConfigOptions {
  cwd: string;
  /** `-c/--config`: this file, no search. */
  explicitPath?: string | undefined;
  /** Real environment, with job-list env files merged below it by the caller. */
  env: NodeJS.ProcessEnv;
}

/** The env variable that overrides a cluster's token: STMS_TOKEN_GZ_UAT for GZ_UAT. */
export function tokenEnvName(cluster: string): string {
  return `STMS_TOKEN_${cluster.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/** The env variable holding a cluster's WebHDFS delegation token: STMS_HDFS_TOKEN_GZ_UAT for GZ_UAT. */
export function hdfsTokenEnvName(cluster: string): string {
  return `STMS_HDFS_TOKEN_${cluster.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/** Finds and loads the config; undefined when there is none and none was asked for. */
export async function findConfig(options: LoadConfigOptions): Promise<Config | undefined> {
  const explorer = cosmiconfig('stms', {
    searchPlaces: [
      'package.json',
      'stms.config.json',
      'stms.config.yaml',
      'stms.config.yml',
      'stms.config.js',
      'stms.config.mjs',
      'stms.config.cjs',
      '.stmsrc',
      '.stmsrc.json',
      '.stmsrc.yaml',
      '.stmsrc.yml',
      '.stmsrc.js',
      '.stmsrc.mjs',
      '.stmsrc.cjs',
    ],
    // Search from cwd up to the home directory, as most CLIs do; never above it.
    searchStrategy: 'global',
    loaders: CONFIG_LOADERS,
  });
  let found: { config: unknown; filepath: string; isEmpty?: boolean } | null;
  try {
    if (options.explicitPath) {
      found = await explorer.load(path.resolve(options.cwd, options.explicitPath));
    } else {
      found = await explorer.search(options.cwd);
    }
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    // cosmiconfig names the file it was loading; an explicit path is known anyway.
    const where = (error as { filepath?: string }).filepath ?? (options.explicitPath ? path.resolve(options.cwd, options.explicitPath) : 'the config file');
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new ConfigError(`${where}: no such config file`, { hint: 'Check the -c/--config path.' });
    throw new ConfigError(`${where}: cannot be read: ${(error as Error).message}`, {
      hint: 'Fix the file syntax, or point -c/--config at another file.',
    });
  }
  if (!found) return undefined;
  return await resolveConfig(found.config ?? {}, found.filepath, options.env);
}

/** Validates a raw config object that came from `file`. Exported for tests. */
export async function resolveConfig(raw: unknown, file: string, env: NodeJS.ProcessEnv): Promise<Config> {
  const dir = path.dirname(file);
  const expanded = expandEnv(raw, env);
  const parsed = ConfigSchema.safeParse(expanded);
  if (!parsed.success) {
    const context = { schema: ConfigSchema, input: expanded, raw, env };
    throw new ConfigError(formatIssues(file, parsed.error.issues, context), { details: { file, issues: parsed.error.issues.map((issue) => simpleIssue(issue, context)) } });
  }
  const input: ConfigInput = parsed.data;
  const timeouts = {
    requestMs: durationMs(input.timeouts?.request) ?? DEFAULT_TIMEOUTS.requestMs,
    uploadMs: durationMs(input.timeouts?.upload) ?? DEFAULT_TIMEOUTS.uploadMs,
    executeMs: durationMs(input.timeouts?.execute) ?? DEFAULT_TIMEOUTS.executeMs,
    settleMs: durationMs(input.timeouts?.settle) ?? DEFAULT_TIMEOUTS.settleMs,
  };
  const token = async (field: string, envName: string, source: Parameters<typeof readTokenSource>[0]): Promise<string> => {
    const fromEnv = env[envName];
    const value = fromEnv || (await readTokenSource(source, { file, field, dir, timeoutMs: timeouts.requestMs })) || '';
    const problem = value === '' ? undefined : headerProblem(value);
    if (problem) {
      throw new ConfigError(`${fromEnv ? envName : `${file}: ${field}`}: the token ${problem}`, { hint: 'Check how the token was copied: a line break or a pasted character often slips in.' });
    }
    return value;
  };
  const tokens = await Promise.all(Object.entries(input.clusters).map(([name, c]) => token(`clusters.${name}`, tokenEnvName(name), c)));

  const clusters: Record<string, ClusterConfig> = {};
  for (const [index, [name, c]] of Object.entries(input.clusters).entries()) {
    const policies = c.policies ?? defaultPolicies(c.role);
    if (c.role === 'dr') {
      const wrong = policies.filter((p) => !WITH_BAK_POLICIES.includes(p));
      if (wrong.length > 0) {
        throw new ConfigError(`${file}: clusters.${name}.policies: a DR cluster accepts only ${WITH_BAK_POLICIES.join(', ')}, not ${wrong.join(', ')}`, {
          hint: `Remove ${wrong.join(', ')} from clusters.${name}.policies, or give the cluster another role.`,
        });
      }
    }
    clusters[name] = {
      name,
      url: c.url.replace(/\/+$/, ''),
      tokenUser: c.tokenUser,
      tokenCode: tokens[index] ?? '',
      tokenUnset: unsetNames(valueAt(raw, ['clusters', name, 'tokenCode']), env),
      idc: c.idc,
      role: c.role,
      policies,
      ca: c.ca ? path.resolve(dir, c.ca) : undefined,
      maxUploadMB: c.maxUploadMB ?? DEFAULT_MAX_UPLOAD_MB,
      ...(c.haName === undefined ? {} : { haName: c.haName }),
      ...(c.hdfs === undefined ? {} : { hdfs: hdfsConfig(c.hdfs, env[hdfsTokenEnvName(name)]) }),
    };
  }

  const pairs = input.pairs ?? [];
  pairs.forEach((pair, i) => {
    for (const [j, name] of pair.entries()) {
      const cluster = clusters[name];
      if (!cluster) throw new ConfigError(`${file}: pairs.${i}.${j}: unknown cluster ${name}`, { hint: `Declare ${name} under clusters, or fix the name.` });
      if (cluster.role === 'dr') throw new ConfigError(`${file}: pairs.${i}.${j}: ${name} is a DR cluster; a pair is two non-DR clusters that back each other up`);
    }
    if (pair[0] === pair[1]) throw new ConfigError(`${file}: pairs.${i}: a cluster cannot pair with itself (${pair[0]})`);
  });

  const varsFile = typeof input.vars === 'string' ? path.resolve(dir, input.vars) : undefined;
  const vars = varsFile ? await loadVarsFile(varsFile, { configFile: file, field: input.vars as string }) : (input.vars as VarsFile | undefined);

  let cmdb: CmdbConfig | undefined;
  if (input.cmdb && 'file' in input.cmdb) cmdb = { kind: 'file', file: path.resolve(dir, input.cmdb.file) };
  else if (input.cmdb) cmdb = { kind: 'http', url: input.cmdb.url.replace(/\/+$/, ''), tokenCode: (await token('cmdb', 'STMS_CMDB_TOKEN', input.cmdb)) || undefined };

  return {
    file,
    dir,
    stateDir: path.join(dir, '.stms'),
    packageStore: input.packageStore ? path.resolve(dir, input.packageStore) : path.join(dir, '.stms', 'packages'),
    history: { keep: input.history?.keep ?? DEFAULT_HISTORY_KEEP },
    deployUser: env.STMS_DEPLOY_USER || input.deployUser || osUser(),
    sourceName: env.STMS_SOURCE_NAME || input.sourceName || DEFAULT_SOURCE_NAME,
    sourceToken: env.STMS_SOURCE_TOKEN || input.sourceToken || DEFAULT_SOURCE_TOKEN,
    vars,
    varsFile,
    cmdb,
    clusters,
    pairs,
    tiers: input.tiers ?? {},
    projectResources: input.projectResources ?? [],
    timeouts,
    retries: {
      attempts: input.retries?.attempts ?? DEFAULT_RETRIES.attempts,
      baseDelayMs: durationMs(input.retries?.baseDelay) ?? DEFAULT_RETRIES.baseDelayMs,
      maxDelayMs: durationMs(input.retries?.maxDelay) ?? DEFAULT_RETRIES.maxDelayMs,
    },
    requireChange: input.requireChange ?? false,
    changeWindows: input.changeWindows,
    notify: { format: input.notify?.format ?? 'plain' },
    standby: input.standby && { checkpointRoot: input.standby.checkpointRoot, copyRoot: input.standby.copyRoot, maxAgeMs: durationMs(input.standby.maxAge) ?? DEFAULT_STANDBY_MAX_AGE_MS },
  };
}

function hdfsConfig(input: NonNullable<ConfigInput['clusters'][string]['hdfs']>, token: string | undefined): HdfsConfig {
  if ('command' in input) return { kind: 'command', argv: input.command };
  return { kind: 'webhdfs', url: input.webhdfs.replace(/\/+$/, ''), user: input.user, token: token === undefined || token === '' ? undefined : token };
}

/** The local state folder when there is no config: `.stms/` in the current directory. */
export function stateDirFor(config: Config | undefined, cwd: string): string {
  return config?.stateDir ?? path.join(cwd, '.stms');
}

/** Reads a vars file (YAML or JSON) and checks its shape. */
/** Who named a vars file: a flag (relative to the current directory) or the config's `vars` field. */
export type VarsFileOrigin = { flag: string } | { configFile: string | undefined; field: string };

export async function loadVarsFile(file: string, origin: VarsFileOrigin): Promise<VarsFile> {
  let text: string;
  try {
    text = withoutBom(await readFile(file, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(`${file}: cannot read the vars file: ${code ?? (error as Error).message}`, code === 'ENOENT' ? { hint: missingVarsHint(origin) } : {});
  }
  const raw = parseYamlFile(file, text, 'Fix the syntax of the vars file (YAML or JSON).');
  const parsed = VarsFileSchema.safeParse(raw ?? {});
  if (!parsed.success) throw new ConfigError(formatIssues(file, parsed.error.issues, { schema: VarsFileSchema, input: raw ?? {} }));
  return parsed.data;
}

function missingVarsHint(origin: VarsFileOrigin): string {
  if ('flag' in origin) return `${origin.flag} names it; a path there is relative to the current directory.`;
  const where = origin.configFile ? `${origin.configFile}` : 'the config';
  return `The field vars: ${origin.field} of ${where} names it; a path there is relative to the folder of the config file. Fix the path or create the file.`;
}

/** Fails with the env variable to set when a cluster has no token. */
export function requireToken(cluster: ClusterConfig, configFile: string | undefined): string {
  if (cluster.tokenCode) return cluster.tokenCode;
  const unset = cluster.tokenUnset ?? [];
  const why = unset.length > 0 ? `: its tokenCode is \${${unset.join('}, ${')}}, which ${unset.length === 1 ? 'is' : 'are'} not set in the environment` : '';
  throw new ConfigError(`cluster ${cluster.name} has no tokenCode${configFile ? ` in ${configFile}` : ''}${why}`, {
    hint: `Set ${tokenEnvName(cluster.name)} in the environment, or clusters.${cluster.name}.tokenCode in the config.`,
  });
}

function defaultPolicies(role: ClusterRole): Policy[] {
  return role === 'dr' ? [...WITH_BAK_POLICIES] : [...POLICIES];
}

function durationMs(value: number | string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') return Math.round(value * 1000);
  return parseDuration(value);
}

function osUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'unknown';
  }
}

function simpleIssue(issue: z.core.$ZodIssue, context: IssueContext): { path: string; message: string } {
  return { path: issuePath(issue.path), message: issueMessage(issue, context) };
}
