import { describe, expect, it } from 'vitest';
import { attr, junitXml, text, xmlClean, type JunitCase } from '../../../src/report/junit.js';

const AT = new Date('2026-11-21T10:35:12.345Z');

describe('junitXml', () => {
  it('writes suites with counts, passing, failing and skipped cases', () => {
    const cases: JunitCase[] = [
      { classname: 'p1.j1', name: 'GZ_UAT', timeSeconds: 1.5 },
      { classname: 'p1.j1', name: 'TJ_UAT', timeSeconds: 2.25, failure: { message: 'not running in time', type: 'timeout', details: 'status starting after 10m' } },
      { classname: 'p1.j1', name: 'SH_DR', timeSeconds: 0, skipped: { message: 'DR cluster, never started' } },
    ];
    expect(junitXml({ name: 'stms launch', timestamp: AT, cases })).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="stms launch" tests="3" failures="1" errors="0" skipped="1" time="3.750">',
        '  <testsuite name="stms launch" tests="3" failures="1" errors="0" skipped="1" time="3.750" timestamp="2026-11-21T10:35:12Z">',
        '    <testcase classname="p1.j1" name="GZ_UAT" time="1.500"/>',
        '    <testcase classname="p1.j1" name="TJ_UAT" time="2.250">',
        '      <failure message="not running in time" type="timeout">status starting after 10m</failure>',
        '    </testcase>',
        '    <testcase classname="p1.j1" name="SH_DR" time="0.000">',
        '      <skipped message="DR cluster, never started"/>',
        '    </testcase>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
  });

  it('writes an empty suite', () => {
    const xml = junitXml({ name: 'stms check', timestamp: AT, cases: [] });
    expect(xml).toContain('<testsuites name="stms check" tests="0" failures="0" errors="0" skipped="0" time="0.000">');
    expect(xml).toContain('</testsuite>\n</testsuites>');
  });

  it('counts a case with both failure and skipped as a failure only', () => {
    const xml = junitXml({ name: 's', timestamp: AT, cases: [{ classname: 'a.b', name: 'C', timeSeconds: 1, failure: { message: 'm', type: 't', details: 'd' }, skipped: { message: 's' } }] });
    expect(xml).toContain('tests="1" failures="1" errors="0" skipped="0"');
    expect(xml).not.toContain('<skipped');
  });

  it.each([Number.NaN, -3, Number.POSITIVE_INFINITY])('writes a bad time %s as 0', (time) => {
    expect(junitXml({ name: 's', timestamp: AT, cases: [{ classname: 'a.b', name: 'C', timeSeconds: time }] })).toContain('name="C" time="0.000"/>');
  });

  it('escapes every attribute and the failure text, and drops what XML cannot hold', () => {
    const nasty = 'a<b>&"c"\'d\'\u0000\u001B[31mred\u001B[0m\u0007';
    const xml = junitXml({
      name: nasty,
      timestamp: AT,
      cases: [{ classname: nasty, name: nasty, timeSeconds: 1, failure: { message: `${nasty}\nline 2`, type: nasty, details: `${nasty}\n]]></failure>` } }],
    });
    const escapedAttr = 'a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;red';
    expect(xml).toContain(`<testsuites name="${escapedAttr}"`);
    expect(xml).toContain(`<testcase classname="${escapedAttr}" name="${escapedAttr}"`);
    expect(xml).toContain(`<failure message="${escapedAttr}&#10;line 2" type="${escapedAttr}">a&lt;b&gt;&amp;"c"'d'red\n]]&gt;&lt;/failure&gt;</failure>`);
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
  });
});

describe('escaping helpers', () => {
  const cleaned: Array<[string, string]> = [
    ['plain', 'plain'],
    ['tab\tnew\nline\rcr', 'tab\tnew\nline\rcr'],
    ['\u001B[1;32mgreen\u001B[0m', 'green'],
    ['bell\u0007 nul\u0000 vt\u000B ff\u000C', 'bell nul vt ff'],
    ['\uFFFE\uFFFF', ''],
    ['lone \uD800 high', 'lone  high'],
    ['lone \uDC00 low', 'lone  low'],
    ['pair \uD83D\uDE00 ok', 'pair \uD83D\uDE00 ok'],
    ['中文', '中文'],
  ];
  it.each(cleaned)('xmlClean(%j)', (input, output) => {
    expect(xmlClean(input)).toBe(output);
  });

  it('escapes text and attributes', () => {
    expect(text('<a & b>')).toBe('&lt;a &amp; b&gt;');
    expect(attr('"x"\t\'y\'\r\n')).toBe('&quot;x&quot;&#9;&apos;y&apos;&#13;&#10;');
    expect(attr('&amp;')).toBe('&amp;amp;');
  });
});
