import { describe, expect, it } from 'vitest';
import { parseEnvFile } from '../../../src/joblist/env-file.js';

const FILE = 'streamis-env.sh';

describe('parseEnvFile: values', () => {
  const table: Array<[string, string, string]> = [
    ['KEY=value', 'KEY', 'value'],
    ['export KEY=value', 'KEY', 'value'],
    ['  export   KEY=value  ', 'KEY', 'value'],
    ['KEY=', 'KEY', ''],
    ['KEY=value # a comment', 'KEY', 'value'],
    ['KEY=value\t# a comment', 'KEY', 'value'],
    ['KEY=a#b', 'KEY', 'a#b'],
    ['KEY=#b', 'KEY', '#b'],
    ['KEY= # only a comment', 'KEY', ''],
    ["KEY='single quoted # not a comment'", 'KEY', 'single quoted # not a comment'],
    ["KEY='a \\\" b'", 'KEY', 'a \\" b'],
    ["KEY='x' # c", 'KEY', 'x'],
    ['KEY="double quoted"', 'KEY', 'double quoted'],
    ['KEY="say \\"hi\\""', 'KEY', 'say "hi"'],
    ['KEY="back\\\\slash"', 'KEY', 'back\\slash'],
    ['KEY="keep \\n as is"', 'KEY', 'keep \\n as is'],
    ['KEY="\\$HOME"', 'KEY', '$HOME'],
    ['KEY="a # b" # c', 'KEY', 'a # b'],
    ['KEY=""', 'KEY', ''],
    ['_under_1=v', '_under_1', 'v'],
    ['STREAMIS_URL=http://127.0.0.1:9001/api', 'STREAMIS_URL', 'http://127.0.0.1:9001/api'],
    ['LIST=a,b,c', 'LIST', 'a,b,c'],
  ];
  it.each(table)('%s', (line, key, value) => {
    expect(parseEnvFile(line, FILE)).toEqual({ vars: { [key]: value }, warnings: [] });
  });

  it('reads a whole file: later assignments win, blank lines and comments are skipped', () => {
    const text = '#!/bin/bash\r\n# cluster addresses\r\nexport A=1\r\n\r\nB="two"\r\nA=3\r\n';
    expect(parseEnvFile(text, FILE)).toEqual({ vars: { A: '3', B: 'two' }, warnings: [] });
  });
});

describe('parseEnvFile: never executed, warned and ignored', () => {
  const ignored: Array<[string, string]> = [
    ['source ./user-env.sh', '"source…" is not a KEY=VALUE line, ignored (env files are read, never executed)'],
    ['. ./user-env.sh', '".…" is not a KEY=VALUE line, ignored (env files are read, never executed)'],
    ['rm -rf /tmp/x', '"rm…" is not a KEY=VALUE line, ignored (env files are read, never executed)'],
    ['f() { echo hi; }', '"f()…" is not a KEY=VALUE line, ignored (env files are read, never executed)'],
    ['KEY = value', '"KEY…" is not a KEY=VALUE line, ignored (env files are read, never executed)'],
    ['export KEY', '"export…" is not a KEY=VALUE line, ignored (env files are read, never executed)'],
    ['1KEY=v', '"1KEY…" is not a KEY=VALUE line, ignored (env files are read, never executed)'],
    ['KEY+=v', '"KEY+…" is not a KEY=VALUE line, ignored (env files are read, never executed)'],
    ['KEY=$(cat /etc/passwd)', 'KEY: command substitution is never run, line ignored'],
    ['KEY=`id`', 'KEY: command substitution is never run, line ignored'],
    ['KEY="$(id)"', 'KEY: command substitution is never run, line ignored'],
    ['KEY="a `id` b"', 'KEY: command substitution is never run, line ignored'],
    ['KEY=a b', 'KEY: unquoted value with spaces or shell syntax (quote it if it is one value), line ignored'],
    ['KEY=a;rm -rf /', 'KEY: unquoted value with spaces or shell syntax (quote it if it is one value), line ignored'],
    ['KEY=a&&b', 'KEY: unquoted value with spaces or shell syntax (quote it if it is one value), line ignored'],
    ['KEY=a|b', 'KEY: unquoted value with spaces or shell syntax (quote it if it is one value), line ignored'],
    ['KEY=a>b', 'KEY: unquoted value with spaces or shell syntax (quote it if it is one value), line ignored'],
    ['KEY=a"b"', 'KEY: quotes or backslashes inside an unquoted value (quote the whole value), line ignored'],
    ['KEY=a\\ b', 'KEY: unquoted value with spaces or shell syntax (quote it if it is one value), line ignored'],
    ['KEY=C:\\dir', 'KEY: quotes or backslashes inside an unquoted value (quote the whole value), line ignored'],
    ["KEY='open", 'KEY: unterminated single quote (multi-line values are not supported), line ignored'],
    ['KEY="open', 'KEY: unterminated double quote (multi-line values are not supported), line ignored'],
    ['KEY="ends with \\"', 'KEY: unterminated double quote (multi-line values are not supported), line ignored'],
    ['KEY="a"b', 'KEY: unexpected text after the closing quote, line ignored'],
    ["KEY='a' 'b'", 'KEY: unexpected text after the closing quote, line ignored'],
  ];
  it.each(ignored)('%s', (line, message) => {
    expect(parseEnvFile(line, FILE)).toEqual({ vars: {}, warnings: [{ line: 1, message: `${FILE}:1: ${message}` }] });
  });

  it('numbers the lines of a multi-line function and keeps the assignments around it', () => {
    const result = parseEnvFile('A=1\nsetup() {\n  export B=2\n}\nC=3\n', FILE);
    expect(result.vars).toEqual({ A: '1', B: '2', C: '3' });
    expect(result.warnings.map((w) => w.line)).toEqual([2, 4]);
  });

  it('never echoes a value in a warning (env files hold tokens)', () => {
    const result = parseEnvFile('STMS_TOKEN_GZ = s3cr3t-token\nSTMS_TOKEN_TJ="s3cr3t-token"x\nSTMS_TOKEN_SH=s3cr3t $(x)\nT="s3cr3t-$HOME"\n', FILE);
    expect(result.warnings).toHaveLength(4);
    expect(JSON.stringify(result.warnings)).not.toContain('s3cr3t');
  });
});

describe('parseEnvFile: $ references are kept literally, with a warning', () => {
  const table: Array<[string, string]> = [
    ['HOME_DIR=$HOME/x', '$HOME/x'],
    ['HOME_DIR=${HOME}/x', '${HOME}/x'],
    ['HOME_DIR="$HOME/x"', '$HOME/x'],
  ];
  it.each(table)('%s', (line, value) => {
    expect(parseEnvFile(line, FILE)).toEqual({
      vars: { HOME_DIR: value },
      warnings: [{ line: 1, message: `${FILE}:1: HOME_DIR: $ references are not expanded; the value is kept literally` }],
    });
  });

  it.each(["P='$HOME'", 'P="\\$HOME"', 'P=price$', 'P="a$"', 'P=x # $HOME'])('does not warn for %s', (line) => {
    expect(parseEnvFile(line, FILE).warnings).toEqual([]);
  });
});
