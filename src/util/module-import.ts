/**
 * import() of a module named at run time: a JavaScript config file. The CLI bundle runs as a
 * script through `vm` (for V8's code cache, bin/bundle-loader.js), where Node 20 allows import()
 * only behind an experimental flag; the loader, an ES module, lends its own import() instead.
 * Everywhere else (tests, tsc's unbundled build) this module's own import() serves.
 */
type Importer = (specifier: string) => Promise<unknown>;

let importer: Importer = (specifier) => import(specifier);

export function lendImporter(lent: Importer): void {
  importer = lent;
}

export function importModule(specifier: string): Promise<unknown> {
  return importer(specifier);
}
