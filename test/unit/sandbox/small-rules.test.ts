import { describe, expect, test } from 'vitest';
import { confirmToken } from '../../../src/sandbox/confirm-token.js';
import { advice, error, gatewayFailure, generic, httpStatusOf, notLoggedIn, ok, springError, thrown } from '../../../src/sandbox/envelope.js';
import { FaultQueue } from '../../../src/sandbox/fault-queue.js';
import { greatestVersion, nextUploadVersion, rollVersion } from '../../../src/sandbox/versions.js';
import { extractionMissesMetaJson, fileNameProblem, isUploadedRootEntry, isZipName, rootEntryNameOk } from '../../../src/sandbox/zip-names.js';

describe('versions (§4.2)', () => {
  test.each([
    ['v00001', 'v00002'],
    ['v00009', 'v00010'],
    ['v00099', 'v00100'],
    ['v99999', 'v100000'],
  ])('%s rolls to %s', (from, to) => expect(rollVersion(from)).toBe(to));

  test('the first version of a job is v00001; the next rolls from the greatest string', () => {
    expect(nextUploadVersion([])).toBe('v00001');
    expect(nextUploadVersion(['v00001', 'v00003', 'v00002'])).toBe('v00004');
    // v100000 sorts below v99999 as a string, so the server rolls from v99999 again.
    expect(greatestVersion(['v99999', 'v100000'])).toBe('v99999');
  });
});

describe('envelope (§2)', () => {
  test.each([
    [0, 200],
    [1, 400],
    [-1, 401],
    [2, 412],
    [3, 403],
    [4, 206],
  ])('status %d is HTTP %d', (status, http) => expect(httpStatusOf(status)).toBe(http));

  const server = { ip: '127.0.0.1', port: 9001 };
  test('shapes', () => {
    expect(ok('/m', { jobId: 1 })).toEqual({ httpStatus: 200, body: { method: '/m', status: 0, message: 'OK', data: { jobId: 1 } } });
    expect(error('/m', 'no')).toEqual({ httpStatus: 400, body: { method: '/m', status: 1, message: 'no', data: {} } });
    expect(advice('/m', 'x').httpStatus).toBe(200);
    expect((advice('/m', 'x').body as any).message).toBe('failed to validate request parameter, detail:x');
    expect(notLoggedIn('/m', 'login').httpStatus).toBe(401);
    expect((thrown('/m', 30301, 'jobId cannot be empty!', server).body as any).message).toBe('error code(错误码): 30301, error message(错误信息): jobId cannot be empty!.');
    expect((thrown('/m', 30301, 'x', server).body as any).data.errorMsg.errCode).toBe(30301);
    expect((generic('/m', 'NumberFormatException', 'For input string: "a"').body as any).message).toBe('operation failed(操作失败)s！the reason(原因)：NumberFormatException: For input string: "a"');
    const spring = springError('/p', 400, 'missing');
    expect(spring.body).toMatchObject({ status: 400, error: 'Bad Request', path: '/p' });
    expect(spring.body).not.toHaveProperty('data');
    expect(gatewayFailure(502)).toMatchObject({ httpStatus: 502, contentType: 'text/html' });
    expect(gatewayFailure(502).text).toContain('502 Bad Gateway');
  });
});

describe('fault queue', () => {
  test('serves a fault for its count, then the next armed one, per path', () => {
    const q = new FaultQueue();
    q.arm({ path: 'job/upload', kind: 'error', count: 2 });
    q.arm({ path: '/job/upload/', kind: 'drop' });
    q.arm({ path: 'job/execute', kind: 'delay', delayMs: 5 });
    expect(q.take(['job/list'])).toBeUndefined();
    expect(q.take(['job/upload'])).toEqual({ kind: 'error', status: 503, delayMs: 1000 });
    expect(q.take(['job/upload'])?.kind).toBe('error');
    expect(q.take(['job/upload'])?.kind).toBe('drop');
    expect(q.take(['job/upload'])).toBeUndefined();
    expect(q.take(['job/snapshot/3', 'job/execute'])).toEqual({ kind: 'delay', status: 503, delayMs: 5 });
  });

  test.each([
    [{ path: 'a', kind: 'error', count: 0 }, 'count'],
    [{ path: 'a', kind: 'explode' }, 'kind'],
    [{ path: 'a', kind: 'error', status: 42 }, 'status'],
  ] as const)('refuses %j', (spec, word) => {
    expect(() => new FaultQueue().arm(spec as never)).toThrow(word);
  });
});

describe('file names (§6.1, §6.8)', () => {
  test.each([
    ['job.zip', true],
    ['job.ZIP', false],
    ['job.tar.gz', false],
    ['job', 'no-dot'],
  ])('isZip(%s) = %s', (name, expected) => expect(isZipName(name)).toBe(expected));

  test.each([
    ['job-1.0_a.zip', undefined],
    ['作业.zip', 'Invalid characters in file name: 作业.zip'],
    ['a b.zip', 'Invalid characters in file name: a b.zip'],
    ['../x.zip', 'File name cannot contain directory traversal ("../")'],
  ])('validateFileName(%s)', (name, expected) => expect(fileNameProblem(name)).toBe(expected));

  test.each([
    ['a.zip.zip', true],
    ['a.zip', false],
    ['zipper.zip', false],
  ])('extraction of %s misses meta.json: %s', (name, expected) => expect(extractionMissesMetaJson(name)).toBe(expected));

  test.each([
    ['app-1.0.jar', true],
    ['run.sql', true],
    ['my file.sql', false],
    ['数据.sql', false],
    ['weird.ext with space', true],
    ['.hidden', false],
    ['README', true],
  ])('root entry %j passes the name check: %s', (name, expected) => expect(rootEntryNameOk(name)).toBe(expected));

  test('meta.json and nested zips are not uploaded to BML', () => {
    expect(isUploadedRootEntry('meta.json')).toBe(false);
    expect(isUploadedRootEntry('old.zip')).toBe(false);
    expect(isUploadedRootEntry('app.jar')).toBe(true);
  });
});

describe('confirmToken (§7.2)', () => {
  const check = (source: string | undefined) => confirmToken(source, 'aomp', 'streamis0.3.8');
  test.each([
    [undefined, { ok: false }],
    ['', { ok: false }],
    ['not json', { ok: false }],
    ['{"source":"aomp","token":"streamis0.3.8"}', { ok: true }],
    ['{"source":"aomp","token":"wrong"}', { ok: false }],
    ['{"source":"aomp"}', { ok: false }],
    ['{"source":"AOMP","token":"streamis0.3.8"}', { ok: false }],
    ['{"token":"streamis0.3.8"}', { ok: false }],
    ['{"source":"aomp","token":123}', { ok: false }],
  ] as Array<[string | undefined, unknown]>)('%j -> %j', (source, expected) => expect(check(source)).toEqual(expected));

  test('a token sent as a number compares as Java prints a double', () => {
    expect(confirmToken('{"source":"aomp","token":123}', 'aomp', '123.0')).toEqual({ ok: true });
  });

  test.each(['[1]', '"aomp"', 'null', '{"source":null}'])('%s fails the request outside the controller try', (source) => {
    expect(check(source)).toHaveProperty('throws');
  });
});
