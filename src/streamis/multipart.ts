/**
 * multipart/form-data framing for `job/upload` (docs/streamis-contract.md §5.1, §6.1). The body is
 * preamble + file bytes + epilogue so the file can be streamed from disk with an exact
 * Content-Length, never held in memory. Pure: bytes and lengths only; the I/O is in upload-body.ts.
 */

/** The server's rule for the uploaded zip's name (`IoUtils.validateFileName`, `ZipHelper.isZip`). */
export const ZIP_FILE_NAME = /^[a-zA-Z0-9._-]+$/;

/** Why the server would refuse this zip file name, or undefined when it is acceptable. */
export function zipFileNameProblem(name: string): string | undefined {
  if (!ZIP_FILE_NAME.test(name) || name.includes('../')) {
    return `the zip file name "${name}" may only contain letters, digits, '.', '_' and '-' (the server's rule ^[a-zA-Z0-9._-]+$)`;
  }
  if (!name.endsWith('.zip')) return `the zip file name "${name}" must end in ".zip" (lower case)`;
  // The server derives its extraction folder by deleting every ".zip" in the path.
  if (name.slice(0, -4).includes('.zip')) return `the zip file name "${name}" must not contain ".zip" before its end`;
  return undefined;
}

export interface MultipartFrame {
  contentType: string;
  preamble: Buffer;
  /** What follows the file: the late fields' parts (their values known only now) and the end. */
  epilogue(lateValues: readonly string[]): Buffer;
  /** Exact body length for a file of `fileSize` bytes. */
  contentLength: number;
}

/**
 * Text fields, the file part, then the late fields: values known only once the file was sent (the
 * md5 of the bytes sent), whose byte lengths are given up front so the Content-Length is exact.
 * Spring, like the sandbox, reads every part of the body before the controller looks at any
 * (docs/streamis-contract.md §5.1), so the order of the parts does not matter to the server.
 * Field values are sent as UTF-8 and labelled so.
 */
export function multipartFrame(
  fields: ReadonlyArray<readonly [string, string]>,
  fileField: string,
  fileName: string,
  fileSize: number,
  boundary: string,
  late: ReadonlyArray<readonly [string, number]> = [],
): MultipartFrame {
  if (!/^[A-Za-z0-9'()+_,./:=?-]{1,70}$/.test(boundary)) throw new Error(`invalid multipart boundary: ${boundary}`);
  const field = (name: string, value: string) => {
    if (value.includes(`--${boundary}`)) throw new Error(`multipart field ${name} contains the boundary`);
    return `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n${value}\r\n`;
  };
  const parts = fields.map(([name, value]) => field(name, value));
  parts.push(`--${boundary}\r\nContent-Disposition: form-data; name="${fileField}"; filename="${fileName}"\r\nContent-Type: application/zip\r\n\r\n`);
  const preamble = Buffer.from(parts.join(''), 'utf8');
  const end = `--${boundary}--\r\n`;
  const lateBytes = late.reduce((sum, [name, bytes]) => sum + Buffer.byteLength(field(name, ''), 'utf8') + bytes, 0);
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    preamble,
    epilogue(values) {
      if (values.length !== late.length) throw new Error(`${late.length} late fields, ${values.length} values`);
      const text = `\r\n${late.map(([name, bytes], i) => {
        const value = values[i] as string;
        if (Buffer.byteLength(value, 'utf8') !== bytes) throw new Error(`late field ${name} is ${Buffer.byteLength(value, 'utf8')} bytes, not the ${bytes} announced`);
        return field(name, value);
      }).join('')}${end}`;
      return Buffer.from(text, 'utf8');
    },
    contentLength: preamble.length + fileSize + 2 + lateBytes + Buffer.byteLength(end),
  };
}

/**
 * A JSON text with every non-ASCII character written as a \u escape, so the `source` field means
 * the same whatever charset the servlet container assumes for form fields. Only JSON text is
 * rewritten (outside strings JSON is ASCII, so escaping cannot change its meaning); anything else
 * is returned unchanged for the server to judge.
 */
export function asciiJson(text: string): string {
  try {
    JSON.parse(text);
  } catch {
    return text;
  }
  return text.replace(/[\u0080-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
