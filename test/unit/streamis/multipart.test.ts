import { describe, expect, it } from 'vitest';
import { asciiJson, multipartFrame, zipFileNameProblem } from '../../../src/streamis/multipart.js';

describe('zipFileNameProblem', () => {
  it.each([
    ['pkg.zip', undefined],
    ['p1_j1-v2.0.zip', undefined],
    ['A.b-C_9.zip', undefined],
    ['with space.zip', /letters, digits/],
    ['作业.zip', /letters, digits/],
    ['a/b.zip', /letters, digits/],
    ['pkg.ZIP', /must end in "\.zip"/],
    ['pkg.tar', /must end in "\.zip"/],
    ['pkg', /must end in "\.zip"/],
    ['a.zip.zip', /must not contain "\.zip"/],
    ['', /letters, digits/],
  ])('%s', (name, problem) => {
    const found = zipFileNameProblem(name);
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toMatch(problem);
  });
});

describe('multipartFrame', () => {
  const frame = multipartFrame([['source', '{"a":1}']], 'file', 'pkg.zip', 5, 'XyZ');

  it('frames the fields first, then the file part header', () => {
    expect(frame.preamble.toString('utf8')).toBe(
      '--XyZ\r\nContent-Disposition: form-data; name="source"\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n{"a":1}\r\n' +
        '--XyZ\r\nContent-Disposition: form-data; name="file"; filename="pkg.zip"\r\nContent-Type: application/zip\r\n\r\n',
    );
    expect(frame.epilogue([]).toString('utf8')).toBe('\r\n--XyZ--\r\n');
    expect(frame.contentType).toBe('multipart/form-data; boundary=XyZ');
  });

  it('computes the exact body length', () => {
    const body = Buffer.concat([frame.preamble, Buffer.from('12345'), frame.epilogue([])]);
    expect(frame.contentLength).toBe(body.length);
  });

  it('counts multi-byte field characters in bytes', () => {
    const f = multipartFrame([['m', '首次']], 'file', 'a.zip', 0, 'b');
    expect(f.contentLength).toBe(f.preamble.length + f.epilogue([]).length);
    expect(f.preamble.toString('utf8')).toContain('首次');
  });

  it('puts late fields after the file part, their announced lengths in the body length', () => {
    const late = multipartFrame([], 'file', 'pkg.zip', 3, 'XyZ', [['source', 7]]);
    const tail = late.epilogue(['{"m":1}']);
    expect(tail.toString('utf8')).toBe('\r\n--XyZ\r\nContent-Disposition: form-data; name="source"\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n{"m":1}\r\n--XyZ--\r\n');
    expect(late.contentLength).toBe(Buffer.concat([late.preamble, Buffer.from('abc'), tail]).length);
  });

  it('refuses a late value of another length than announced', () => {
    const late = multipartFrame([], 'file', 'pkg.zip', 3, 'XyZ', [['source', 7]]);
    expect(() => late.epilogue(['{"m":10}'])).toThrow(/8 bytes, not the 7 announced/);
  });

  it('refuses a field holding the boundary and a bad boundary', () => {
    expect(() => multipartFrame([['x', 'a--XyZb']], 'file', 'a.zip', 0, 'XyZ')).toThrow(/contains the boundary/);
    expect(() => multipartFrame([], 'file', 'a.zip', 0, 'bad boundary!')).toThrow(/invalid multipart boundary/);
  });
});

describe('asciiJson', () => {
  it.each([
    ['{"m":"首次上传"}', '{"m":"\\u9996\\u6b21\\u4e0a\\u4f20"}'],
    ['{"a":"x","b":true}', '{"a":"x","b":true}'],
    ['{"e":"😀"}', '{"e":"\\ud83d\\ude00"}'],
    ['not json é', 'not json é'],
  ])('%s', (input, output) => {
    expect(asciiJson(input)).toBe(output);
  });
  it('keeps the meaning of the JSON', () => {
    const text = JSON.stringify({ m: '首次上传 / first', n: 1, s: 'a\\é"' });
    expect(JSON.parse(asciiJson(text))).toEqual(JSON.parse(text));
    expect(asciiJson(text)).toMatch(/^[\x00-\x7f]*$/);
  });
});
