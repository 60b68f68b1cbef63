import { describe, expect, it } from 'vitest';
import { checkEntries, serverAcceptsEntryName } from '../../../src/package/entry-rules.js';
import type { EntryKind, PackageEntry } from '../../../src/package/types.js';

const file = (name: string, extra: Partial<PackageEntry> = {}): PackageEntry => ({ name, kind: 'file' as EntryKind, size: 10, compressedSize: 10, encrypted: false, ...extra });
const codes = (entries: PackageEntry[]) => checkEntries(entries).problems.map((p) => `${p.severity}:${p.code}:${p.file}`);

describe('serverAcceptsEntryName', () => {
  it.each([
    ['job.sql', true],
    ['demo-stream-app-0.1.3-SNAPSHOT.jar', true],
    ['a_b.C-1.tar.gz', true],
    ['README', true],
    ['weird.名字', true], // only the part before the last dot is checked, as the server does
    ['名字.jar', false],
    ['my job.jar', false],
    ['a+b.jar', false],
    ['.DS_Store', false], // nothing before the last dot
    ['', false],
  ])('%j -> %s', (name, ok) => {
    expect(serverAcceptsEntryName(name)).toBe(ok);
  });
});

describe('checkEntries', () => {
  it('accepts a flat package and lists the files the server uploads', () => {
    const result = checkEntries([file('meta.json'), file('job.sql'), file('udf.jar')]);
    expect(result.problems).toEqual([]);
    expect(result.hasMeta).toBe(true);
    expect(result.rootFiles).toEqual(['job.sql', 'udf.jar']);
  });

  it.each<[string, PackageEntry[], string[]]>([
    ['absolute name', [file('meta.json'), file('/etc/passwd')], ['error:ENTRY_ABSOLUTE:/etc/passwd']],
    ['drive letter', [file('meta.json'), file('C:/x.jar')], ['error:ENTRY_ABSOLUTE:C:/x.jar']],
    ['.. segment', [file('meta.json'), file('../evil.sh')], ['error:ENTRY_TRAVERSAL:../evil.sh']],
    ['nested ..', [file('meta.json'), file('a/../../b')], ['error:ENTRY_TRAVERSAL:a/../../b']],
    ['symlink', [file('meta.json'), file('link.jar', { kind: 'symlink' })], ['error:ENTRY_SYMLINK:link.jar']],
    ['fifo', [file('meta.json'), file('pipe', { kind: 'other' })], ['error:ENTRY_SPECIAL:pipe']],
    ['encrypted', [file('meta.json'), file('x.jar', { encrypted: true })], ['error:ENTRY_ENCRYPTED:x.jar']],
    ['duplicate', [file('meta.json'), file('x.jar'), file('x.jar')], ['error:ENTRY_DUPLICATE:x.jar']],
    ['bad name', [file('meta.json'), file('my job.sql')], ['error:ENTRY_NAME:my job.sql']],
    ['zip inside', [file('meta.json'), file('old.zip')], ['warning:ENTRY_ZIP_SKIPPED:old.zip']],
    ['directory entry', [file('meta.json'), file('lib/', { kind: 'directory', size: 0 })], ['error:ENTRY_NESTED:lib/']],
    ['nested files, one problem per folder', [file('meta.json'), file('lib/a.jar'), file('lib/b.jar'), file('conf/x.yaml')], ['error:ENTRY_NESTED:lib/', 'error:ENTRY_NESTED:conf/']],
    ['no meta.json', [file('job.sql')], ['error:META_MISSING:meta.json']],
    ['meta.json only in a subfolder next to root files', [file('job.sql'), file('x/meta.json')], ['error:ENTRY_NESTED:x/', 'error:META_MISSING:meta.json']],
    ['empty zip', [], ['error:META_MISSING:meta.json']],
  ])('%s', (_label, entries, expected) => {
    expect(codes(entries)).toEqual(expected);
  });

  it('says when everything sits under one top folder, instead of a problem per file', () => {
    const result = checkEntries([file('my-job/', { kind: 'directory' }), file('my-job/meta.json'), file('my-job/job.sql')]);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ code: 'TOP_FOLDER', file: 'my-job/' });
    expect(result.problems[0]?.message).toContain('everything sits under one top folder "my-job/" (meta.json is at my-job/meta.json)');
    expect(result.problems[0]?.hint).toContain('stms pack my-job');
  });

  it('still sees one top folder beside the __MACOSX/ folder macOS Finder adds, and says so', () => {
    const result = checkEntries([file('my-job/', { kind: 'directory' }), file('my-job/meta.json'), file('my-job/job.sql'), file('__MACOSX/my-job/._meta.json')]);
    expect(result.problems.map((p) => p.code)).toEqual(['TOP_FOLDER']);
    expect(result.problems[0]?.message).toContain('everything sits under one top folder "my-job/" (meta.json is at my-job/meta.json), beside the __MACOSX/ folder macOS adds');
  });

  it('names __MACOSX/ beside a root meta.json as macOS metadata, with how to zip without it', () => {
    const [problem, ...rest] = checkEntries([file('meta.json'), file('__MACOSX/._meta.json')]).problems;
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ code: 'ENTRY_NESTED', file: '__MACOSX/' });
    expect(problem?.message).toContain('macOS metadata');
    expect(problem?.hint).toContain('stms pack');
  });

  it('points at a meta.json one folder down, seen in the entries or by a folder reader', () => {
    const inZip = checkEntries([file('job.sql'), file('x/meta.json')]).problems.find((p) => p.code === 'META_MISSING');
    expect(inZip?.message).toBe('meta.json is missing from the package root (there is one at x/meta.json)');
    expect(inZip?.hint).toContain('If x/ is the package, validate or pack that folder');
    const inFolder = checkEntries([file('stms.config.yaml'), file('x/', { kind: 'directory', size: 0 })], ['x/meta.json']).problems.find((p) => p.code === 'META_MISSING');
    expect(inFolder?.message).toContain('(there is one at x/meta.json)');
    expect(checkEntries([file('job.sql')]).problems[0]?.message).toBe('meta.json is missing from the package root');
  });

  it('tells to remove a hidden file such as .DS_Store rather than rename it', () => {
    const [problem] = checkEntries([file('meta.json'), file('.DS_Store')]).problems;
    expect(problem).toMatchObject({ code: 'ENTRY_NAME', file: '.DS_Store' });
    expect(problem?.message).toContain('and there is nothing before it');
    expect(problem?.hint).toContain('Remove the hidden file');
    expect(checkEntries([file('meta.json'), file('my job.sql')]).problems[0]?.hint).toContain('Rename the file');
  });

  it('says when meta.json is there in the wrong case', () => {
    const problem = checkEntries([file('Meta.JSON'), file('job.sql')]).problems.find((p) => p.code === 'META_MISSING');
    expect(problem?.message).toBe('meta.json is missing from the package root ("Meta.JSON" is there, but the server opens exactly meta.json)');
    expect(problem?.hint).toBe('Rename Meta.JSON to meta.json, in lower case.');
  });

  it('does not call a root meta.json with one folder beside it a top folder', () => {
    expect(codes([file('meta.json'), file('lib/a.jar')])).toEqual(['error:ENTRY_NESTED:lib/']);
  });

  it('does not count a symlink named meta.json as meta.json', () => {
    expect(codes([file('meta.json', { kind: 'symlink' })])).toEqual(['error:ENTRY_SYMLINK:meta.json', 'error:META_MISSING:meta.json']);
  });

  it('gives every problem a hint', () => {
    const { problems } = checkEntries([file('/a'), file('../b'), file('c', { kind: 'symlink' }), file('d d'), file('e/f'), file('x.zip')]);
    expect(problems.length).toBeGreaterThan(5);
    for (const p of problems) expect(p.hint, p.code).toBeTruthy();
  });
});
