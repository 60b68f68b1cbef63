import type { Policy } from '../ha/policies.js';

/**
 * A streaming app as the CMDB registers it before release (subsystem, owner, HA architecture,
 * clusters). `haPolicy` is kept as the CMDB spells it: comparing it with the package is the point.
 */
export interface CmdbRecord {
  projectName: string;
  jobName: string;
  haPolicy: Policy | string;
  /** Optional: when registered, the release targets must be exactly these. */
  clusters?: string[];
  subsystem?: string;
  owner?: string;
}

/** The file backend (the stub, default) and the HTTP backend implement this. */
export interface CmdbBackend {
  /** What the CMDB answers for one app; undefined when it is not registered. */
  lookup(projectName: string, jobName: string): Promise<CmdbRecord | undefined>;
  /** Every registered app (the audit walks them when no --project is given). */
  list(): Promise<CmdbRecord[]>;
  /** Where the answers come from, for messages: a file path or a URL. */
  readonly describe: string;
  /** Lets go of its connections (the HTTP backend). */
  close?(): Promise<void>;
}
