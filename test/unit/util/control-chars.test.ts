import { describe, expect, it } from 'vitest';
import { escapeControl, escapeName } from '../../../src/util/control-chars.js';

describe('escapeControl', () => {
  const cases: Array<[string, string, string]> = [
    ['plain text', 'job.sql', 'job.sql'],
    ['ESC of a cursor move', 'a\x1b[2Jb', 'a\\x1b[2Jb'],
    ['OSC window title ended by BEL', '\x1b]0;pwned\x07x', '\\x1b]0;pwned\\x07x'],
    ['NUL', 'a\x00b', 'a\\x00b'],
    ['carriage return', 'ok\rfake', 'ok\\x0dfake'],
    ['C1 control', 'a\x9bb', 'a\\x9bb'],
    ['bidi override', 'abc\u202Egpj.exe', 'abc\\u202egpj.exe'],
    ['colour codes pass', '\x1b[31merror:\x1b[39m x', '\x1b[31merror:\x1b[39m x'],
    ['line breaks and tabs pass', 'a\n\tb', 'a\n\tb'],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => expect(escapeControl(input)).toBe(expected));
  }
});

describe('escapeName', () => {
  it('escapes line breaks and tabs too, so a name cannot fake a line', () => {
    expect(escapeName('a\nerror: b\tc')).toBe('a\\x0aerror: b\\x09c');
  });
});
