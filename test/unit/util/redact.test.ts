import { describe, expect, it } from 'vitest';
import { MIN_REDACTABLE_LENGTH, Redactor, redactorFor, secretForms } from '../../../src/util/redact.js';

describe('Redactor', () => {
  it('replaces every occurrence and ignores empty secrets', () => {
    expect(redactorFor(['abcdef', '', undefined]).redact('token abcdef is bad: abcdef')).toBe('token *** is bad: ***');
  });

  it.each([
    ['raw', '  sp ace-1  ', 'echo:   sp ace-1  .'],
    ['trimmed, as HTTP delivers a header value', '  sp ace-1  ', 'echo: sp ace-1.'],
    ['JSON-escaped (a quote)', 'q"uote-1', `echo: ${JSON.stringify('q"uote-1')}`],
    ['JSON-escaped (a backslash)', 'back\\slash', `{"m":${JSON.stringify('echo back\\slash')}}`],
    ['escaped twice (a message inside a JSON string, inside the --json document)', 'q"uote-1', JSON.stringify({ d: JSON.stringify({ m: 'q"uote-1' }) })],
    ['URL-encoded', 'to ken/é=1', `?t=${encodeURIComponent('to ken/é=1')}`],
    ['form-encoded', 'to ken 22', '?t=to+ken+22'],
    ['non-ASCII', 'tökén-ß', 'echo tökén-ß'],
  ])('%s', (_what, secret, text) => {
    const out = redactorFor([secret]).redact(text);
    expect(out).toContain('***');
    for (const form of secretForms(secret)) expect(out).not.toContain(form);
    expect(out).not.toContain(secret.trim());
  });

  it('cuts the token out of the gateway refusal whatever its length', () => {
    const refusal = 'Token Authentication Failed, token: t，tokenUser: hadoop, reason: errCode: 15201';
    expect(new Redactor().redact(refusal)).toBe('Token Authentication Failed, token: ***，tokenUser: hadoop, reason: errCode: 15201');
    expect(new Redactor().redact(JSON.stringify({ m: refusal.replace(' t，', ' a"b\\c，') }))).not.toMatch(/a\\"b/);
  });

  it('warns once per owner of a secret too short to redact reliably, without showing it; a one-letter one is not replaced', () => {
    const warned: string[] = [];
    const redactor = new Redactor({ onWeakSecret: (owner) => warned.push(owner) });
    redactor.add('t', 'cluster GZ_UAT');
    redactor.add('t', 'cluster GZ_UAT');
    redactor.add('x'.repeat(MIN_REDACTABLE_LENGTH - 1), 'cluster TJ_UAT');
    redactor.add('long-enough-token', 'cluster SH_DR');
    expect(warned).toEqual(['cluster GZ_UAT', 'cluster TJ_UAT']);
    expect(redactor.redact('status: running')).toBe('status: running');
    // Four or five characters are still replaced, as they always were.
    expect(redactor.redact('x'.repeat(MIN_REDACTABLE_LENGTH - 1))).toBe('***');
  });

  it('redacts every string of a value, leaving the rest', () => {
    expect(redactorFor(['secret-1']).redactDeep({ a: ['x secret-1', 2], b: { c: 'secret-1' }, d: null })).toEqual({ a: ['x ***', 2], b: { c: '***' }, d: null });
  });
});
