import { describe, expect, test } from 'vitest';
import { gsonParseMap, gsonValue, javaDoubleToString, javaHashMapOrder, javaStringHash, javaToString } from '../../../src/sandbox/gson.js';

// Expected values were produced by a JVM (java.util.HashMap, Double.toString, String.hashCode).
describe('java emulation', () => {
  test.each([
    [['deployUser', 'createTime', 'pkgName', 'highAvailableMessage', 'isHighAvailable', 'source'], 'deployUser,createTime,pkgName,highAvailableMessage,isHighAvailable,source'],
    [['pkgName', 'deployUser', 'createTime', 'source', 'isHighAvailable', 'highAvailableMessage', 'token', 'md5', 'releaseId'], 'deployUser,createTime,releaseId,pkgName,highAvailableMessage,isHighAvailable,source,token,md5'],
    // 16 keys: past 0.75 of 16 buckets the table has 32, which changes the order.
    [[...'abcdefghijklmn'.split(''), 'highAvailableMessage', 'isHighAvailable'], 'a,b,c,d,e,f,g,h,i,j,k,l,m,n,highAvailableMessage,isHighAvailable'],
    [['n', 'f', 'source', 'isHighAvailable', 'highAvailableMessage'], 'f,highAvailableMessage,isHighAvailable,source,n'],
  ])('HashMap order of %j', (keys, expected) => {
    expect(javaHashMapOrder(keys).join(',')).toBe(expected);
  });

  test.each([
    [1, '1.0'],
    [0.5, '0.5'],
    [1e7, '1.0E7'],
    [1.5e-4, '1.5E-4'],
    [123456.789, '123456.789'],
    [1e20, '1.0E20'],
    [-2.5e-7, '-2.5E-7'],
    [0.001, '0.001'],
  ])('Double.toString(%d) = %s', (n, expected) => {
    expect(javaDoubleToString(n)).toBe(expected);
  });

  test.each([
    ['', 0],
    ['a', 97],
    ['source', -896505829],
    ['isHighAvailable', -1811907],
  ])('String.hashCode(%j) = %d', (text, expected) => {
    expect(javaStringHash(text)).toBe(expected);
  });

  test.each([
    ['x', 'x'],
    [true, 'true'],
    [12, '12.0'],
    [[1, 'a'], '[1.0, a]'],
    [{ a: 1 }, '{a=1.0}'],
  ] as Array<[unknown, string]>)('String.valueOf(%j) = %s', (value, expected) => {
    expect(javaToString(value)).toBe(expected);
  });

  test('String.valueOf(null) throws like an NPE', () => {
    expect(() => javaToString(null)).toThrow('NullPointerException');
  });
});

describe('gson', () => {
  test.each([
    ['', 'null'],
    ['null', 'null'],
    ['{"a":1}', 'map'],
    ['[1]', 'syntax'],
    ['"text"', 'syntax'],
    ['{oops', 'syntax'],
  ])('fromJson(%j, Map.class) -> %s', (text, kind) => {
    expect(gsonParseMap(text).kind).toBe(kind);
  });

  test('numbers: integral as longs, others as Java doubles', () => {
    expect(gsonValue({ a: 3, b: 2.5, c: 1e21, d: [1, null, 'x'] })).toBe('{"a":3,"b":2.5,"c":1.0E21,"d":[1,null,"x"]}');
  });
});
