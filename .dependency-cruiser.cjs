/**
 * The layers of src/, checked by `npm run lint:layers` (dependency-cruiser).
 *
 * Type-only imports count like any other (tsPreCompilationDeps): a type shared both ways is still
 * a shared piece that belongs in its own module. Dynamic import() counts too. Tests are not
 * cruised: they may reach into any layer.
 *
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'core-imports-cli',
      severity: 'error',
      comment:
        'Core modules (everything outside src/cli, the sandbox included) hold the rules and the I/O; only src/cli knows about ' +
        'the command line, printing and the command context. Move what both need out of src/cli.',
      from: { path: '^src/', pathNot: '^src/cli/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'no-cycle',
      severity: 'error',
      comment: 'Modules that import one another have no load order and no owner: move the shared piece into its own module.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-folder-cycle',
      severity: 'error',
      comment:
        'Folders are layers too: when two folders import each other, move the piece both need into one of them or a new folder. ' +
        'A folder and its own subfolders are not counted as a cycle.',
      scope: 'folder',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    includeOnly: '^src/',
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    progress: { type: 'none' },
  },
};
