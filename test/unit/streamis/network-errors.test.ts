import { describe, expect, it } from 'vitest';
import { CONNECT_TIMEOUT, classifyNetworkError, errorCode } from '../../../src/streamis/network-errors.js';

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
    ['socket timeout', coded('ETIMEDOUT'), 'timeout', true, /no answer/],
    ['connect timeout', coded(CONNECT_TIMEOUT), 'timeout', false, /could not connect/],
    ['no answer before the socket closed', coded('ECONNRESET', 'socket hang up'), 'reset', true, /closed before the answer arrived \(ECONNRESET\)/],
    ['answer cut short', coded('ECONNRESET', 'aborted'), 'reset', true, /closed before the answer/],
    ['broken pipe while sending', coded('EPIPE'), 'reset', true, /EPIPE/],
    ['tls wrong version (an https url on a plain port)', coded('ERR_SSL_WRONG_VERSION_NUMBER'), 'tls', false, /"ca" file/],
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
  it('finds the code of the cause when the error has none', () => {
    expect(errorCode(Object.assign(new Error('x'), { cause: coded('ECONNRESET') }))).toBe('ECONNRESET');
  });
  it('is undefined for non-objects and code-less errors', () => {
    expect(errorCode(undefined)).toBeUndefined();
    expect(errorCode(new Error('x'))).toBeUndefined();
  });
});
