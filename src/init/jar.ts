import { zipBytes } from '../package/stored-zip.js';

/**
 * The main jar `stms init --type flink.jar` puts in the package, so that the scaffold validates
 * and releases as it is: a real zip holding only META-INF/MANIFEST.MF. It is built here rather
 * than shipped as a binary in templates/ so that its Main-Class always matches meta.json's
 * `main.class`, and it is byte-for-byte the same on every run (fixed times, stored entries). It
 * has no classes: the user replaces it with the jar their build produces.
 */
export function placeholderJar(mainClass: string): Buffer {
  const manifest = ['Manifest-Version: 1.0', `Main-Class: ${mainClass}`, 'Created-By: stms init (placeholder: replace with your build)', '', ''].join('\r\n');
  return zipBytes([{ name: 'META-INF/MANIFEST.MF', data: Buffer.from(manifest, 'utf8') }]);
}
