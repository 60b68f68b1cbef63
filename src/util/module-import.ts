/**
 * import() of a file given at run time (a user's JavaScript config). The bundled CLI runs as a
 * script from V8's code cache (src/cli/bundle-loader.ts), and on Node 20 such a script cannot
 * import(): its importer is lost with the cache. The loader, a real module, lends its own.
 */
const LENT = Symbol.for('stms.importModule');

type Importer = (url: string) => Promise<unknown>;

export function lendImporter(importer: Importer): void {
  Object.defineProperty(globalThis, LENT, { value: importer, configurable: true });
}

export async function importModule(url: string): Promise<unknown> {
  const lent = (globalThis as Record<symbol, Importer | undefined>)[LENT];
  return lent ? await lent(url) : await import(url);
}
