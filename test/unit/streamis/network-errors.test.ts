import { describe, expect, it } from 'vitest';
import { classifyNetworkError, errorCode } from '../../../src/streamis/network-errors.js';

const URL = 'http://127.0.0.1:9001';
const coded = (code: string, message = code) => Object.assign(new Error(message), { code });
const named = (name: string) => Object.assign(new Error(name), { name });

describe('classifyNetworkError', () => {
  const cases: Array<[string, unknown, string, boolean, RegExp]> = [
    ['refused', coded('ECONNREFUSED'), 'refused', false, /is the gateway up at http:\/\/127\.0\.0\.1:9001\?/],
    ['refused inside an AggregateError', Object.assign(new AggregateError([coded('ECONNREFUSED')], 'x'), {}), 'refused', false, /connection refused/],
    ['refused as a cause', Object.assign(new TypeError('fetch failed'), { cause: coded('ECONNREFUSED') }), 'refused', false, /connection refused/],
    ['host unreachable', coded('EHOSTUNREACH'), 'unreachable', false, /network route/],
    ['dns', coded('ENOTFOUND'), 'dns', false, /cannot resolve/],
    ['dns again', coded('EAI_AGAIN'), 'dns', false, /DNS/],
    ['tls self-signed', coded('DEPTH_ZERO_SELF_SIGNED_CERT'), 'tls', false, /"ca" file/],
    ['tls by message', new Error('unable to verify the first certificate'), 'tls', false, /TLS handshake/],
    ['AbortSignal.timeout', named('TimeoutError'), 'timeout', true, /within 30s/],
    ['undici headers timeout', coded('UND_ERR_HEADERS_TIMEOUT'), 'timeout', true, /no answer/],
    ['connect timeout', coded('UND_ERR_CONNECT_TIMEOUT'), 'timeout', false, /could not connect/],
    ['socket closed by the other side', coded('UND_ERR_SOCKET', 'other side closed'), 'reset', true, /closed before the answer/],
    ['reset', coded('ECONNRESET'), 'reset', true, /ECONNRESET/],
    ['hang up without code', new Error('socket hang up'), 'reset', true, /closed/],
    ['caller abort', named('AbortError'), 'aborted', true, /interrupted/],
    ['anything else', new Error('weird'), 'other', true, /failed: weird/],
    ['a thrown string', 'boom', 'other', true, /boom/],
  ];
  it.each(cases)('%s', (_name, error, kind, reached, message) => {
    const failure = classifyNetworkError(error, URL, 30_000);
    expect(failure.kind).toBe(kind);
    expect(failure.mayHaveReachedServer).toBe(reached);
    expect(failure.message).toMatch(message);
    // Retrying cannot fix a certificate or a host name that does not exist, nor a user's abort.
    const permanent = kind === 'tls' || kind === 'aborted' || failure.code === 'ENOTFOUND';
    expect(failure.retryable).toBe(!permanent);
  });
});

describe('errorCode', () => {
  it('ignores undici generic codes and finds the cause', () => {
    expect(errorCode(Object.assign(new Error('x'), { code: 'UND_ERR', cause: coded('ECONNRESET') }))).toBe('ECONNRESET');
  });
  it('is undefined for non-objects and code-less errors', () => {
    expect(errorCode(undefined)).toBeUndefined();
    expect(errorCode(new Error('x'))).toBeUndefined();
  });
});
