/**
 * A problem found in a package, its meta.json or its variables. Every problem says where
 * (file, JSON pointer, level, cluster) and how to fix it (hint). `code` is stable: tests and
 * scripts match on it.
 */
export type Severity = 'error' | 'warning';

export interface Problem {
  severity: Severity;
  code: string;
  message: string;
  hint?: string;
  /** Package-relative file name (`meta.json`, `job.sql`) or the vars/config file. */
  file?: string;
  /** RFC 6901 JSON Pointer inside `file`. */
  pointer?: string;
  /** The tier of the key at `pointer`, where it matters. */
  level?: 1 | 2 | 3;
  /** The target cluster the problem is about, where it is about one. */
  cluster?: string;
  /** 1-based position in `file` (malformed JSON). */
  line?: number;
  column?: number;
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}
