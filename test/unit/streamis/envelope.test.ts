import { describe, expect, it } from 'vitest';
import { classifyResponse, excerpt, humanMessage, parseEnvelope } from '../../../src/streamis/envelope.js';

const env = (status: unknown, message = 'm', data: unknown = {}) => JSON.stringify({ method: '/api/x', status, message, data });
const spring = (status: number, error: string, message: string) => JSON.stringify({ timestamp: '2025-01-01T00:00:00.000+00:00', status, error, message, path: '/api/rest_j/v1/x' });

describe('classifyResponse', () => {
  const cases: Array<[string, number, string, ReturnType<typeof classifyResponse>['kind'], number | undefined]> = [
    ['status 0 on HTTP 200 is success', 200, env(0, 'OK', { jobId: 3 }), 'ok', 0],
    ['status 1 on HTTP 200 (Linkis ≤ 1.3.0) is an error', 200, env(1, 'bad'), 'error', 1],
    ['status 1 on HTTP 400 (Linkis 1.7.0) is an error', 400, env(1, 'bad'), 'error', 1],
    ['status 2 validation is an error', 412, env(2), 'error', 2],
    ['status 3 permission is an error', 403, env(3), 'error', 3],
    ['status 4 warning is not success', 206, env(4), 'error', 4],
    ['status -1 is a login problem', 401, env(-1, 'You are not logged in'), 'auth', -1],
    ['status -1 on HTTP 200 is still a login problem', 200, env(-1), 'auth', -1],
    ['HTTP 401 with a non-envelope body is a login problem', 401, '<html>401</html>', 'auth', undefined],
    ['status as a numeric string is read', 200, env('0'), 'ok', 0],
    ['HTML from a proxy is not an envelope', 502, '<html><body>Bad Gateway</body></html>', 'not-envelope', undefined],
    ['an empty body is not an envelope', 500, '', 'not-envelope', undefined],
    ['a Spring error JSON is not an envelope', 400, JSON.stringify({ timestamp: 1, status: 'x', error: 'Bad Request' }), 'not-envelope', undefined],
    ['a Spring error JSON with its integer HTTP status is not an envelope either', 400, spring(400, 'Bad Request', "Required request part 'file' is not present"), 'not-envelope', undefined],
    ['a Spring 404 is not an envelope', 404, spring(404, 'Not Found', 'No handler found'), 'not-envelope', undefined],
    ['a Spring 500 is not an envelope', 500, spring(500, 'Internal Server Error', 'Maximum upload size exceeded'), 'not-envelope', undefined],
    ['a Spring 401 is a login problem', 401, spring(401, 'Unauthorized', ''), 'auth', undefined],
    ['a JSON array is not an envelope', 200, '[1,2]', 'not-envelope', undefined],
    ['a fractional status is not an envelope', 200, env(0.5), 'not-envelope', undefined],
  ];
  it.each(cases)('%s', (_name, http, body, kind, status) => {
    const verdict = classifyResponse(http, body);
    expect(verdict.kind).toBe(kind);
    if (verdict.kind === 'ok') expect(status).toBe(0);
    if (verdict.kind === 'error' || verdict.kind === 'auth') expect(verdict.status).toBe(status);
  });

  it('passes the data of a success through', () => {
    const verdict = classifyResponse(200, env(0, 'OK', { jobId: 42, extra: [1] }));
    expect(verdict).toEqual({ kind: 'ok', message: 'OK', data: { jobId: 42, extra: [1] } });
  });

  it('turns a missing or non-object data into {}', () => {
    expect(parseEnvelope(JSON.stringify({ status: 0, message: 'OK' }))?.data).toEqual({});
    expect(parseEnvelope(JSON.stringify({ status: 0, message: 'OK', data: 'x' }))?.data).toEqual({});
    expect(parseEnvelope(JSON.stringify({ status: 1, message: null }))?.message).toBe('');
  });

  it("shows Spring's message (or its error) instead of the whole JSON", () => {
    expect(classifyResponse(400, spring(400, 'Bad Request', "Required request part 'file' is not present"))).toEqual({ kind: 'not-envelope', excerpt: "Required request part 'file' is not present" });
    expect(classifyResponse(415, spring(415, 'Unsupported Media Type', ''))).toEqual({ kind: 'not-envelope', excerpt: 'Unsupported Media Type' });
    // A Linkis message that happens to carry an `error` key stays a message.
    expect(classifyResponse(400, JSON.stringify({ method: null, status: 1, message: 'bad', data: {}, error: 'x', path: '/p' })).kind).toBe('error');
  });

  it('keeps the body excerpt of a non-envelope answer short and on one line', () => {
    const verdict = classifyResponse(502, `<html>\n${'x'.repeat(500)}</html>`);
    expect(verdict.kind).toBe('not-envelope');
    if (verdict.kind === 'not-envelope') {
      expect(verdict.excerpt).not.toContain('\n');
      expect(verdict.excerpt.length).toBeLessThanOrEqual(201);
      expect(verdict.excerpt.endsWith('…')).toBe(true);
    }
  });
});

describe('humanMessage', () => {
  const cases: Array<[string, string]> = [
    [
      'JobExecuteErrorException: errCode: -1 ,desc: Fail to execute StreamJob(Task), message output: boom ,ip: host-1 ,port: 9400 ,serviceKind: streamis-server',
      'Fail to execute StreamJob(Task), message output: boom',
    ],
    ['JobCreateErrorException: errCode: 30030 ,desc: jobName is needed. ,ip: h ,port: 1 ,serviceKind: s', 'jobName is needed.'],
    ['FileException: errCode: 30603 ,desc: meta.json', 'meta.json'],
    ['error code(错误码): 30301, error message(错误信息): jobId cannot be empty!.', 'jobId cannot be empty!'],
    ['not exists job 12', 'not exists job 12'],
    ['  The master and backup cluster materials forJob j1do not match, please check the material  ', 'The master and backup cluster materials forJob j1do not match, please check the material'],
    ['', ''],
  ];
  it.each(cases)('%s', (raw, human) => {
    expect(humanMessage(raw)).toBe(human);
  });
});

describe('excerpt', () => {
  it('leaves short text alone', () => expect(excerpt('a  b\nc')).toBe('a b c'));
  it('cuts long text', () => expect(excerpt('abcdef', 3)).toBe('abc…'));
});

describe('excerpt of an HTML page', () => {
  it.each([
    ['<html>\n<head><title>502 Bad Gateway</title></head>\n<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>', '502 Bad Gateway'],
    ['<!DOCTYPE html><html><body><h1>Service Unavailable</h1><p>try later</p><script>var x=1</script></body></html>', 'Service Unavailable try later'],
    ['plain text with <b>tags</b> stays as it is', 'plain text with <b>tags</b> stays as it is'],
  ])('%#: keeps what a person reads', (body, expected) => {
    expect(excerpt(body)).toBe(expected);
  });
});
