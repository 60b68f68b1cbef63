import { StmsError } from '../errors.js';

/**
 * A package that exists but cannot be read (permissions, a folder where a zip was expected, an
 * I/O error): PACKAGE_INVALID (exit 3), naming the system's code when there is one. The one
 * wording for every reader of a package: inspection and the md5 thread.
 */
export function unreadablePackage(name: string, error: unknown): StmsError {
  const code = (error as { code?: string }).code ?? (error as Error).message;
  return new StmsError('PACKAGE_INVALID', `${name} cannot be read: ${code}`, { hint: 'Check the path and its permissions.' });
}
