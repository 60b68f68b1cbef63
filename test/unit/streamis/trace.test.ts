import { describe, expect, it } from 'vitest';
import { formatHeaders, formatRequestTrace, formatResponseTrace } from '../../../src/streamis/trace.js';

describe('formatHeaders', () => {
  it('shows Token-User and hides Token-Code, whatever the case', () => {
    const text = formatHeaders({ 'Token-User': 'hadoop', 'token-code': 'SECRET-1234', Accept: 'application/json' });
    expect(text).toBe('Token-User: hadoop, token-code: ***');
    expect(text).not.toContain('SECRET');
  });
  it('skips undefined values', () => expect(formatHeaders({ 'Content-Type': undefined })).toBe(''));
});

describe('formatRequestTrace', () => {
  it.each([
    [{ retry: 0 }, '→ GZ GET /api/x?a=1 [Token-User: u, Token-Code: ***]'],
    [{ retry: 2 }, '→ GZ GET /api/x?a=1 [Token-User: u, Token-Code: ***] (retry 2)'],
    [{ retry: 0, bodyBytes: 10 }, '→ GZ GET /api/x?a=1 [Token-User: u, Token-Code: ***] (10 bytes)'],
  ])('%o', (extra, line) => {
    expect(formatRequestTrace({ cluster: 'GZ', method: 'GET', target: '/api/x?a=1', headers: { 'Token-User': 'u', 'Token-Code': 'tok-secret' }, ...extra })).toBe(line);
  });
});

describe('formatResponseTrace', () => {
  it.each([
    [{ httpStatus: 200, status: 0 }, '← GZ 200 PUT /p 12ms status=0'],
    [{ httpStatus: 400, status: 1, error: 'not exists job 9' }, '← GZ 400 PUT /p 12ms status=1: not exists job 9'],
    [{ httpStatus: 502, error: '<html>' }, '← GZ 502 PUT /p 12ms: <html>'],
    [{ error: 'connection refused' }, '✗ GZ PUT /p 12ms: connection refused'],
  ])('%o', (extra, line) => {
    expect(formatResponseTrace({ cluster: 'GZ', method: 'PUT', target: '/p', ms: 12.4, ...extra })).toBe(line);
  });
});
