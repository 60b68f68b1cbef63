/**
 * How the server reads meta.json (docs/streamis-contract.md §6.2, `ReaderUtils.readJson`): lines joined
 * without separators, then a default Jackson ObjectMapper into `MetaJsonInfo`: strict JSON,
 * unknown top-level keys rejected, string fields accept scalars but not arrays or objects.
 * Failures are returned as the root-cause text the upload answers with.
 */

export interface MetaJsonInfo {
  workspaceName: string | null;
  projectName: string | null;
  jobName: string | null;
  jobType: string | null;
  comment: string | null;
  tags: string | null;
  description: string | null;
  jobContent: Record<string, unknown> | null;
  jobConfig: Record<string, unknown> | null;
  /** Compact JSON of jobContent, as the version row stores it. */
  metaInfo: string;
}

export type MetaParse = { ok: true; meta: MetaJsonInfo } | { ok: false; rootCause: string };

const META_CLASS = 'com.webank.wedatasphere.streamis.jobmanager.manager.entity.MetaJsonInfo';
const STRING_FIELDS = ['workspaceName', 'projectName', 'jobName', 'jobType', 'comment', 'tags', 'description', 'metaInfo'] as const;
const MAP_FIELDS = ['jobContent', 'jobConfig'] as const;
const KNOWN = [...STRING_FIELDS, ...MAP_FIELDS];

export function parseMetaJson(text: string): MetaParse {
  // BufferedReader.readLine drops \n, \r and \r\n; the lines are concatenated as they are.
  const joined = text.split(/\r\n|\r|\n/).join('');
  if (joined.trim() === '') {
    return fail(`MismatchedInputException: No content to map due to end-of-input\n at [Source: (String)""; line: 1, column: 0]`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(joined);
  } catch (error) {
    return fail(`JsonParseException: ${(error as Error).message}`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return fail(`MismatchedInputException: Cannot deserialize value of type \`${META_CLASS}\` from ${tokenName(raw)} value`);
  }
  const meta: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (!(KNOWN as readonly string[]).includes(key)) {
      return fail(
        `UnrecognizedPropertyException: Unrecognized field "${key}" (class ${META_CLASS}), not marked as ignorable (${KNOWN.length} known properties: ${KNOWN.map((k) => `"${k}"`).join(', ')}])` +
          ` (through reference chain: ${META_CLASS}["${key}"])`,
      );
    }
    if ((STRING_FIELDS as readonly string[]).includes(key)) {
      if (value !== null && typeof value === 'object') {
        return fail(`MismatchedInputException: Cannot deserialize value of type \`java.lang.String\` from ${tokenName(value)} value (through reference chain: ${META_CLASS}["${key}"])`);
      }
      meta[key] = value === null ? null : String(value);
    } else {
      if (value !== null && (typeof value !== 'object' || Array.isArray(value))) {
        return fail(
          `MismatchedInputException: Cannot deserialize value of type \`java.util.LinkedHashMap<java.lang.String,java.lang.Object>\` from ${tokenName(value)} value (through reference chain: ${META_CLASS}["${key}"])`,
        );
      }
      meta[key] = value;
    }
  }
  const jobContent = (meta.jobContent as Record<string, unknown> | null | undefined) ?? null;
  return {
    ok: true,
    meta: {
      workspaceName: str(meta.workspaceName),
      projectName: str(meta.projectName),
      jobName: str(meta.jobName),
      jobType: str(meta.jobType),
      comment: str(meta.comment),
      tags: str(meta.tags),
      description: str(meta.description),
      jobContent,
      jobConfig: (meta.jobConfig as Record<string, unknown> | null | undefined) ?? null,
      // readJson overwrites metaInfo with the compact jobContent, raw tabs and newlines removed.
      metaInfo: JSON.stringify(jobContent).replace(/[\t\n\r]/g, ''),
    },
  };
}

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function fail(rootCause: string): MetaParse {
  return { ok: false, rootCause };
}

function tokenName(value: unknown): string {
  if (Array.isArray(value)) return 'Array';
  if (value === null) return 'Null';
  if (typeof value === 'object') return 'Object';
  if (typeof value === 'string') return 'String';
  if (typeof value === 'number') return Number.isInteger(value) ? 'Integer' : 'Floating-point';
  return 'Boolean';
}

/** StringUtils.isBlank */
export function isBlank(value: string | null | undefined): boolean {
  return value === null || value === undefined || value.trim() === '';
}
