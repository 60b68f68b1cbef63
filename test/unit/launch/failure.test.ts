import { describe, expect, it } from 'vitest';
import { ConfigError, InterruptedError, RemoteError, type ErrorCode } from '../../../src/errors.js';
import { failureOf, isRefusal, worstFailure, type Phase } from '../../../src/launch/failure.js';

const refusal = new RemoteError('GZ_UAT job/execute: The StreamJob alarm recipient is not configured', { cluster: 'GZ_UAT', endpoint: 'job/execute', status: 1, httpStatus: 400 });
const oldLinkisRefusal = new RemoteError('GZ_UAT job/execute: refused', { cluster: 'GZ_UAT', endpoint: 'job/execute', status: 1, httpStatus: 200 });
const gateway503 = new RemoteError('GZ_UAT job/execute: HTTP 503', { cluster: 'GZ_UAT', endpoint: 'job/execute', httpStatus: 503 });
const envelope500 = new RemoteError('GZ_UAT job/stop: boom', { cluster: 'GZ_UAT', endpoint: 'job/stop', status: 1, httpStatus: 500 });
const unreachable = new RemoteError('GZ_UAT job/list: connection refused', { cluster: 'GZ_UAT', endpoint: 'job/list' });
// The client's authError: a rejected token is AUTH (exit 2) wherever it happens.
const login = new RemoteError('GZ_UAT job/list: login', { cluster: 'GZ_UAT', endpoint: 'job/list', status: -1, httpStatus: 401, code: 'AUTH' });

describe('failureOf', () => {
  const table: Array<[string, unknown, Phase, ErrorCode]> = [
    ['a refusal while starting', refusal, 'start', 'LAUNCH'],
    ['a refusal on Linkis <= 1.3.0 (HTTP 200)', oldLinkisRefusal, 'start', 'LAUNCH'],
    ['a refusal while reading', refusal, 'read', 'REMOTE'],
    ['a 503 while starting', gateway503, 'start', 'REMOTE'],
    ['an error envelope with HTTP 500 while starting', envelope500, 'start', 'REMOTE'],
    ['an unreachable cluster while starting', unreachable, 'start', 'REMOTE'],
    ['a failed login while starting', login, 'start', 'AUTH'],
    ['a failed login while reading', login, 'read', 'AUTH'],
    ['a refused stop', refusal, 'action', 'LAUNCH'],
    ['a stop answered 503', gateway503, 'action', 'REMOTE'],
    ['a stop answered by an error envelope with HTTP 500', envelope500, 'action', 'REMOTE'],
    ['a stop on an unreachable cluster', unreachable, 'action', 'REMOTE'],
    ['a stop with a failed login', login, 'action', 'AUTH'],
    ['Ctrl-C', new InterruptedError('GZ_UAT job/status: interrupted'), 'start', 'INTERRUPTED'],
    ['a config error', new ConfigError('no token'), 'read', 'CONFIG'],
    ['a bug', new TypeError('x is undefined'), 'read', 'INTERNAL'],
  ];
  it.each(table)('%s -> %s', (_what, error, phase, code) => {
    expect(failureOf(error, phase).code).toBe(code);
  });

  it('keeps the message and the details of a remote error, and calls a bug a bug', () => {
    expect(failureOf(refusal, 'start').message).toBe(refusal.message);
    expect(failureOf(new TypeError('x is undefined'), 'read').message).toBe('internal error (this is a bug in stms, please report it): x is undefined');
  });

  it('isRefusal only for answers of an up server', () => {
    expect([refusal, oldLinkisRefusal, gateway503, envelope500, unreachable, login].map(isRefusal)).toEqual([true, true, false, false, false, false]);
  });
});

describe('worstFailure', () => {
  it('puts Ctrl-C first, then our own errors, then policy, consistency, remote and launch', () => {
    const f = (code: ErrorCode) => ({ code, message: code });
    expect(worstFailure([f('LAUNCH'), f('REMOTE')])?.code).toBe('REMOTE');
    expect(worstFailure([f('LAUNCH'), f('INTERRUPTED'), f('REMOTE')])?.code).toBe('INTERRUPTED');
    expect(worstFailure([f('CONSISTENCY'), f('HA_POLICY')])?.code).toBe('HA_POLICY');
    expect(worstFailure([f('REMOTE'), f('AUTH')])?.code).toBe('AUTH');
    expect(worstFailure([])).toBeUndefined();
  });
});
