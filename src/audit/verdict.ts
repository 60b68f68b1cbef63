import { mostSevere, type ErrorCode } from '../errors.js';
import type { Finding, FindingKind } from './types.js';

/**
 * The code of an audit: a CMDB finding is CMDB (exit 4), every other finding CONSISTENCY (exit
 * 6). Findings of both kinds end with the more severe by the one order of src/errors.ts
 * (SEVERITY), CMDB; each finding of the `--json` document carries its own code. Pure.
 */

export function findingCode(kind: FindingKind): ErrorCode {
  return kind.startsWith('cmdb-') ? 'CMDB' : 'CONSISTENCY';
}

export function auditCode(findings: readonly Finding[]): ErrorCode | undefined {
  return mostSevere(findings.map((f) => findingCode(f.kind)));
}
