import { describe, expect, it } from 'vitest';
import { checkZipFileName, zipNameForDir } from '../../../src/package/zip-name.js';

describe('checkZipFileName', () => {
  it.each([
    ['my-job.zip', []],
    ['p1_j1.v2.zip', []],
    ['my-job.ZIP', ['does not end in .zip']],
    ['my-job', ['does not end in .zip']],
    ['my job.zip', ['characters the server refuses']],
    ['作业.zip', ['characters the server refuses']],
    ['a.zip.zip', ['holds ".zip" before its end']],
    ['a.zipper.zip', ['holds ".zip" before its end']],
  ])('%j', (name, expected) => {
    const messages = checkZipFileName(name).map((p) => p.message);
    expect(messages).toHaveLength(expected.length);
    expected.forEach((text, i) => expect(messages[i]).toContain(text));
    for (const p of checkZipFileName(name)) expect(p).toMatchObject({ severity: 'error', code: 'ZIP_FILE_NAME', file: name });
  });

  it('names a folder package after the folder', () => {
    expect(zipNameForDir('/tmp/x/my-job')).toBe('my-job.zip');
    expect(zipNameForDir('/tmp/x/my-job/')).toBe('my-job.zip');
  });
});
