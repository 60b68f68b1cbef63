import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES } from '../../src/cli/commands/index.js';
import { tempDir, writeConfig } from '../support/packages.js';
import { runStms } from '../support/run-stms.js';

describe('stms completion', () => {
  it.each(['bash', 'zsh', 'fish'])('%s: every command, its options and the config\'s clusters', async (shell) => {
    const dir = await tempDir('stms-completion-');
    await writeConfig(dir);
    const run = await runStms(['completion', shell], { cwd: dir });
    expect(run.exitCode).toBe(0);
    for (const name of COMMAND_NAMES) expect(run.stdout).toContain(name);
    expect(run.stdout).toContain('clusters');
    expect(run.stdout).toContain('resume');
    expect(run.stdout).toContain('GZ_UAT TJ_UAT SH_DR');
    expect(run.stdout).not.toContain('secret-token');
  });

  it('bash: the script is valid bash, and completes a command and a cluster', async () => {
    const dir = await tempDir('stms-completion-');
    await writeConfig(dir);
    const run = await runStms(['completion', 'bash'], { cwd: dir });
    const file = path.join(dir, 'stms.bash');
    await writeFile(file, run.stdout);
    expect((await execa('bash', ['-n', file], { reject: false })).exitCode).toBe(0);
    const probe = `source ${file}; COMP_WORDS=(stms rel); COMP_CWORD=1; _stms; echo "\${COMPREPLY[*]}"; COMP_WORDS=(stms release x --clusters G); COMP_CWORD=4; _stms; echo "\${COMPREPLY[*]}"`;
    const out = await execa('bash', ['-c', probe]);
    expect(out.stdout.split('\n')).toEqual(['release', 'GZ_UAT']);
  });

  it('without a config: no cluster names, no error', async () => {
    const dir = await tempDir('stms-completion-');
    const run = await runStms(['completion', 'fish'], { cwd: dir });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).not.toContain('GZ_UAT');
  });

  it('-c names the config: its clusters, from a folder with none', async () => {
    const file = await writeConfig(await tempDir('stms-completion-'));
    const run = await runStms(['completion', 'zsh', '-c', file], { cwd: await tempDir('stms-completion-') });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('--clusters');
    expect(run.stdout).toContain('GZ_UAT TJ_UAT SH_DR');
  });

  it('an unknown shell is a usage error (exit 2)', async () => {
    const run = await runStms(['completion', 'tcsh', '--json']);
    expect(run.exitCode).toBe(2);
    expect(run.json.error.message).toBe('unknown shell "tcsh": expected bash, zsh, fish');
  });
});
