import type { VarsFile } from './vars-file.js';
import type { Policy } from '../ha/policies.js';
import type { Problem } from './problem.js';

/** A JSON value as the server's Jackson parser produces it from meta.json. */
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/**
 * A parsed meta.json: a JSON object. Loose on purpose: the rules report what is wrong with it
 * instead of a type that could not hold a broken file.
 */
export type MetaJson = JsonObject;

/** A target cluster: its name picks `clusters.<name>` in the vars file, its idc `idc.<idc>`. */
export interface MetaTarget {
  name: string;
  idc: string;
}

export type Tier = 1 | 2 | 3;

export interface MetaCheckInput {
  /** Raw meta.json text (decoded as UTF-8 by the caller; a BOM is kept so it can be reported). */
  text: string;
  /** Name for problems, default `meta.json`. */
  file?: string;
  /** Variable values; undefined = syntax-only check of the variables (unless `resolveWithoutVars`). */
  vars?: VarsFile;
  /**
   * Resolve for the targets even without `vars`, so every variable is reported unresolved on
   * each of them: `validate` must fail a package that `release` would refuse. Without it, a
   * missing vars file is one warning (callers that render on their own, such as release).
   */
  resolveWithoutVars?: boolean;
  /** Where `vars` came from, for problem locations. */
  varsFile?: string;
  /** Target clusters; [] = syntax-only check of the variables. */
  targets: MetaTarget[];
  /** The config's `tiers` (JSON Pointer -> level), on top of the built-in table. */
  tiers?: Record<string, Tier>;
}

export interface ReferencedFile {
  /** The file name as meta.json names it (after variable resolution). */
  name: string;
  /** Where meta.json names it. */
  pointer: string;
}

export interface MetaCheckResult {
  problems: Problem[];
  /** The parsed, unresolved meta.json; undefined when it does not parse. */
  meta: MetaJson | undefined;
  /** Per target name, the meta.json that cluster receives; only targets that resolved cleanly. */
  resolved: Record<string, MetaJson>;
  /** The declared HA policy when spelled right (absent = `single`); undefined when misspelled. */
  policy: Policy | undefined;
  projectName?: string;
  jobName?: string;
  jobType?: string;
  /** Files meta.json names (sql file, main jar, dependency jars, resources). */
  referencedFiles: ReferencedFile[];
  /** Names of the variables meta.json uses, sorted. */
  variables: string[];
}
