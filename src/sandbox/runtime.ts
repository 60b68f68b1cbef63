import type { ServerIdentity } from './envelope.js';
import type { StoredJob } from './state.js';
import type { ClusterStore } from './state.js';
import type { TaskRunner } from './tasks.js';
import type { UploadFolders } from './upload-folders.js';
import type { SandboxSwitches } from './types.js';

/** What every endpoint of one cluster works with. Switches and the manager flag change at run time. */
export interface ClusterRuntime {
  name: string;
  store: ClusterStore;
  switches: SandboxSwitches;
  whetherManager: boolean;
  server: ServerIdentity;
  tokenUser: string;
  deniedProjects: ReadonlySet<string>;
  tasks: TaskRunner;
  /** How long an upload works in its temp folder after receipt. */
  uploadWorkMs: number;
  /** The uploads' temp folders in use (same-named ones destroy each other). */
  uploadFolders: UploadFolders;
}

/**
 * `hasEditPrivilege` / `hasAccessPrivilege` (docs/streamis-contract.md §5.0): false for a blank project and,
 * in the sandbox, for the projects configured as denied; every other project exists.
 */
export function hasProjectPrivilege(rt: ClusterRuntime, projectName: string | null | undefined): boolean {
  return projectName !== null && projectName !== undefined && projectName.trim() !== '' && !rt.deniedProjects.has(projectName);
}

/** `hasPermission`: the job's creator, or a user listed in wds.linkis.flink.authority.visible. */
export function isOwner(job: StoredJob, user: string): boolean {
  if (job.createBy === user) return true;
  const visible = job.config['wds.linkis.flink.authority']?.['wds.linkis.flink.authority.visible'] ?? '';
  return visible.split(',').map((u) => u.trim()).includes(user);
}

/** own-or-edit / own-or-access of §5 (the sandbox does not tell EDIT from ACCESS). */
export function canOperate(rt: ClusterRuntime, job: StoredJob, user: string): boolean {
  return isOwner(job, user) || hasProjectPrivilege(rt, job.projectName);
}
