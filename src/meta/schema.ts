import { z } from 'zod';
import { POLICIES } from '../ha/policies.js';
import { GROUP, KEY } from './keys.js';

/**
 * The zod schemas of meta.json (docs/streamis-contract.md §6.2-§6.6). One factory, two modes:
 * - `check`: what a rendered meta.json must be; used to validate jobContent per job type;
 * - `template`: the same, but a variable `"[@NAME]"` may stand wherever a non-string value
 *   goes, so editors accept templates. `stms schema` prints this one as JSON Schema.
 */
export type SchemaMode = 'check' | 'template';

export const VariableRef = z
  .string()
  .regex(/^\[@[A-Za-z0-9_.-]+\]$/)
  .meta({ description: 'A variable, replaced per cluster by its value from the vars file (clusters > idc > global).' });

function orVariable<T extends z.ZodType>(mode: SchemaMode, schema: T) {
  return mode === 'template' ? z.union([schema, VariableRef]) : schema;
}

const NonBlank = z.string().regex(/\S/, 'must not be blank');
/** Jackson binds JSON scalars to a Java String; arrays and objects fail the upload. */
const Scalar = z.union([z.string(), z.number(), z.boolean()]);
const FileNames = z.array(z.string());

export function flinkJarContentSchema(mode: SchemaMode) {
  return z
    .looseObject({
      'main.class.jar': NonBlank.meta({ description: 'The main jar: a file of the package or a project resource file.' }),
      'main.class': NonBlank.meta({ description: 'The entry class.' }),
      args: orVariable(mode, z.array(z.string())).optional().meta({ description: 'Program arguments (level 3: usually one variable).' }),
      'hdfs.jars': orVariable(mode, z.array(z.string())).optional().meta({ description: 'HDFS paths passed as flink.user.lib.path.' }),
      'dependency.jars': orVariable(mode, FileNames).optional().meta({ description: 'Jar files shipped with the app.' }),
      resources: orVariable(mode, FileNames).optional().meta({ description: 'Resource files shipped with the app.' }),
    })
    .meta({ title: 'jobContent of flink.jar / spark.jar' });
}

/** All flink.sql values are strings, which admit "[@NAME]" already: one schema for both modes. */
export function flinkSqlContentSchema() {
  return z.discriminatedUnion('type', [
    z.looseObject({ type: z.literal('sql'), sql: NonBlank.meta({ description: 'The SQL, inline.' }) }),
    z.looseObject({ type: z.literal('file'), file: NonBlank.meta({ description: 'A .sql file of the package or a project resource file.' }) }),
    z.looseObject({ type: z.literal('bml'), resourceId: NonBlank, version: NonBlank }),
  ]);
}

/** The single flink.sql branch for one `type`, for precise errors. */
export function flinkSqlContentSchemaFor(type: 'sql' | 'file' | 'bml') {
  const options = flinkSqlContentSchema().options;
  return options.find((o) => o.shape.type.value === type) ?? options[0];
}

const ConfigValue = z.union([z.string(), z.number(), z.boolean()]).meta({ description: 'Stored as a string by the server.' });
const Switch = z.enum(['ON', 'OFF']);

function jobConfigSchema() {
  // A string already admits "[@NAME]", so config values need no variable alternative.
  const value = ConfigValue;
  return z
    .looseObject({
      [GROUP.produce]: z
        .looseObject({
          [KEY.policy]: z.enum(POLICIES).optional().meta({ description: 'HA policy, spelled exactly; absent means single.' }),
          [KEY.alertUsers]: NonBlank.meta({ description: 'Comma-separated alert recipients; not only hduser.' }),
          [KEY.product]: z.string().regex(/^[A-Za-z0-9_]+$/).optional(),
          'wds.linkis.flink.checkpoint.switch': Switch.optional(),
          'wds.linkis.flink.app.fail-restart.switch': Switch.optional(),
          'wds.linkis.flink.app.start-auto-restore.switch': Switch.optional(),
          [KEY.manageMode]: z.enum(['detach', 'attach']).optional(),
        })
        .catchall(value)
        .meta({ description: 'Production switches (level 1). Required by the server.' }),
      [GROUP.resource]: z.record(z.string(), value).optional().meta({ description: 'Resources (level 1, the YARN queue level 3).' }),
      [GROUP.custom]: z.record(z.string(), value).optional().meta({ description: 'Flink parameters, passed through.' }),
      [GROUP.authority]: z.record(z.string(), value).optional(),
    })
    .meta({ description: 'Groups other than these four are dropped by the server.' });
}

function commonFields() {
  return {
    projectName: Scalar.meta({ description: 'Level 1. Letters, digits, _ and . only; at most 100 characters.' }),
    jobName: Scalar.meta({ description: 'Level 1. Letters, digits, _ and . only; at most 200 characters.' }),
    tags: Scalar.nullable().optional().meta({ description: 'Comma-separated labels, a string (not an array).' }),
    description: Scalar.nullable().optional(),
    comment: Scalar.nullable().optional(),
    workspaceName: Scalar.nullable().optional().meta({ description: 'Ignored by the server.' }),
    metaInfo: z.unknown().optional().meta({ description: 'Overwritten by the server.' }),
    jobConfig: jobConfigSchema(),
  };
}

/** The whole meta.json, one branch per job type. */
export function metaJsonSchema(mode: SchemaMode) {
  return z
    .discriminatedUnion('jobType', [
      z.strictObject({ ...commonFields(), jobType: z.literal('flink.sql'), jobContent: flinkSqlContentSchema() }),
      z.strictObject({ ...commonFields(), jobType: z.literal('flink.jar'), jobContent: flinkJarContentSchema(mode) }),
      z.strictObject({ ...commonFields(), jobType: z.literal('spark.jar'), jobContent: flinkJarContentSchema(mode) }),
    ])
    .meta({ title: 'Streamis meta.json', description: 'The job description at the root of a Streamis material package.' });
}
