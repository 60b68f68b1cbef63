import { z } from 'zod';
import { CLUSTER_ROLES, POLICIES } from '../ha/policies.js';
import { ONE_TOKEN_SOURCE, TokenFields, atMostOneTokenSource } from './token-schema.js';
import { gatewayUrl } from './url-rules.js';
import { DURATION_PATTERN, parsePositiveDuration } from '../util/duration.js';
import { VarsFileSchema } from '../meta/vars-file.js';
import { ChangeWindowsSchema } from './change-windows-schema.js';

/**
 * The config file shape of docs/concepts.md. Scripts and CI steps depend on it: fields may be added,
 * never renamed. Strict objects, so a typo such as `tokencode` is reported rather than ignored.
 */

/** Seconds as a number, or a duration string such as `30s` / `10m`. */
const DURATION_TEXT = 'a duration such as 30s, 5m or 1h';
const Duration = z.union([
  z.number().positive(),
  z
    .string()
    .regex(DURATION_PATTERN, DURATION_TEXT)
    .refine((text) => parsePositiveDuration(text) !== undefined, DURATION_TEXT),
]);

/**
 * Where a cluster's Flink state can be read (docs/configuration.md "Standby state"): WebHDFS's REST
 * interface (LISTSTATUS and GETFILESTATUS only; `user` is the `user.name` of simple
 * authentication, a delegation token comes from STMS_HDFS_TOKEN_<CLUSTER>), or a kerberised
 * client such as `[hdfs, dfs]` run as an argument list, never through a shell.
 */
export const HdfsSchema = z.union(
  [
    z.strictObject({ webhdfs: gatewayUrl('the WebHDFS endpoint (the NameNode, e.g. http://nn:9870)'), user: z.string().min(1).optional() }),
    z.strictObject({ command: z.array(z.string().min(1)).min(1, 'an argument list such as [hdfs, dfs]') }),
  ],
  { error: 'either { webhdfs: <http(s) URL>, user: <optional user.name> } or { command: [hdfs, dfs] }' },
);

/** Where the jobs' state lives on their cluster and where the platform copies it on the other. `{schema}`: single, double or managerSlave. */
export const StandbySchema = z.strictObject({
  checkpointRoot: z.string().startsWith('/', 'an absolute HDFS path such as /flink/flink-checkpoints/{schema}'),
  copyRoot: z.string().startsWith('/', 'an absolute HDFS path such as /backup/flink-checkpoints/{schema}'),
  maxAge: Duration.optional(),
});

export const ClusterSchema = z
  .strictObject({
    url: gatewayUrl('the Linkis gateway'),
    tokenUser: z.string().min(1),
    ...TokenFields,
    idc: z.string().min(1),
    role: z.enum(CLUSTER_ROLES),
    /** Policies this cluster accepts; defaults by role (a DR cluster accepts only the …WithBak ones). */
    policies: z.array(z.enum(POLICIES)).optional(),
    /** PEM file of a custom CA for https gateways. */
    ca: z.string().optional(),
    /** The cluster's upload limit in MB (production 1024; the open-source server's default is 500). */
    maxUploadMB: z.number().positive().optional(),
    /** The server's own name for itself (wds.streamis.highavailable.cluster.name, getHAMsg clusterName): checked before any write. */
    haName: z.string().min(1).optional(),
    /** How stms reads the cluster's HDFS (standby, switchover). */
    hdfs: HdfsSchema.optional(),
  })
  .refine(atMostOneTokenSource, ONE_TOKEN_SOURCE);

export const CmdbSchema = z.union(
  [z.strictObject({ file: z.string().min(1) }), z.strictObject({ url: gatewayUrl('the CMDB'), ...TokenFields }).refine(atMostOneTokenSource, ONE_TOKEN_SOURCE)],
  { error: 'either { file: <path of the JSON file> } or { url: <http(s) URL>, tokenCode | tokenFile | tokenCommand: <optional> }' },
);

export const ConfigSchema = z.strictObject({
  deployUser: z.string().min(1).optional(),
  sourceName: z.string().min(1).optional(),
  sourceToken: z.string().min(1).optional(),
  vars: z.union([z.string().min(1), VarsFileSchema]).optional(),
  cmdb: CmdbSchema.optional(),
  clusters: z.record(z.string().regex(/^[A-Za-z0-9_.-]+$/, 'cluster names use letters, digits, _ . -'), ClusterSchema),
  pairs: z.array(z.tuple([z.string(), z.string()])).optional(),
  tiers: z
    .record(z.string().startsWith('/', 'a JSON Pointer starting with /, such as /jobConfig/wds.linkis.flink.custom/my.rate'), z.union([z.literal(1), z.literal(2), z.literal(3)], { error: 'a level: 1, 2 or 3' }))
    .optional(),
  projectResources: z.array(z.string().min(1)).optional(),
  /** Folder of the released packages kept for rollback (default `.stms/packages`); a shared disk for CI runners. */
  packageStore: z.string().min(1).optional(),
  history: z
    .strictObject({
      /** How many distinct packages of each job the store keeps (newest first). */
      keep: z.number().int().min(1).optional(),
    })
    .optional(),
  timeouts: z
    .strictObject({
      request: Duration.optional(),
      upload: Duration.optional(),
      execute: Duration.optional(),
      /** After an upload's answer was lost: how long to keep looking for the version before uploading again. */
      settle: Duration.optional(),
    })
    .optional(),
  retries: z
    .strictObject({
      attempts: z.number().int().min(0).max(10).optional(),
      baseDelay: Duration.optional(),
      maxDelay: Duration.optional(),
    })
    .optional(),
  /** `--change <id>` (or STMS_CHANGE_ID) becomes mandatory on every command that writes to clusters. */
  requireChange: z.boolean().optional(),
  /** When release, upgrade, rollback, launch and stop may run (docs/configuration.md "Change windows"). */
  changeWindows: ChangeWindowsSchema.optional(),
  /** How `--notify <url>` shapes its post (docs/configuration.md "Notifications"). */
  notify: z.strictObject({ format: z.enum(['plain', 'wecom', 'dingtalk']).optional() }).optional(),
  /** Flink state and its standby copy (standby, switchover). */
  standby: StandbySchema.optional(),
});
export type ConfigInput = z.infer<typeof ConfigSchema>;
