import { ok, type Reply } from '../envelope.js';
import type { SandboxRequest } from '../http/request.js';
import { hasProjectPrivilege, type ClusterRuntime } from '../runtime.js';

/**
 * GET streamis/project/projectPrivilege/hasEditPrivilege (docs/streamis-contract.md §5.0, §5.21): the project
 * service's answer `data.editPrivilege`; false for a blank or unknown project (in the sandbox: the
 * denied ones), never an error.
 */
export async function hasEditPrivilege(rt: ClusterRuntime, req: SandboxRequest): Promise<Reply> {
  return ok(req.fullPath, { editPrivilege: hasProjectPrivilege(rt, req.string('projectName')) }, 'success');
}
