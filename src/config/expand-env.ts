/**
 * `${NAME}` (and `${NAME:-fallback}`) references in config strings are replaced from the
 * environment, so CI can keep tokens out of files. An unset variable expands to '' (a missing
 * token is reported by the command that needs it, naming the variable to set).
 */
const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

export function expandEnv(value: unknown, env: NodeJS.ProcessEnv): unknown {
  if (typeof value === 'string') {
    return value.replace(REFERENCE, (_match, name: string, fallback: string | undefined) => env[name] || fallback || '');
  }
  if (Array.isArray(value)) return value.map((item) => expandEnv(item, env));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, expandEnv(item, env)]));
  }
  return value;
}
