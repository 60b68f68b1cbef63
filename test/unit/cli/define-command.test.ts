import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { defineCommand, type CommandContext } from '../../../src/cli/command.js';
import { UsageError } from '../../../src/errors.js';

const ctx = {} as CommandContext;

function command(seen: unknown[]) {
  return defineCommand({
    name: 'demo-cmd',
    summary: 'a command for the test',
    examples: ['stms demo-cmd'],
    configure() {},
    options: async () => z.object({ clusters: z.string().optional(), resume: z.string().min(1, '--resume needs a release id').optional(), force: z.boolean().default(false) }),
    check(options) {
      if (options.clusters === undefined && options.resume === undefined) throw new UsageError('needs --clusters');
    },
    async run(_ctx, _args, options) {
      seen.push(options);
      return { exitCode: 0, document: {} };
    },
  });
}

describe('defineCommand', () => {
  it('hands run the options its schema parsed, with the schema\'s defaults', async () => {
    const seen: unknown[] = [];
    await command(seen).invoke(ctx, [], { clusters: 'GZ_UAT' });
    expect(seen).toEqual([{ clusters: 'GZ_UAT', force: false }]);
  });

  it('refuses values the schema rejects and broken cross-flag rules with a usage error, before run', async () => {
    const seen: unknown[] = [];
    const bad = await command(seen).invoke(ctx, [], { resume: '' }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(UsageError);
    expect((bad as UsageError).message).toBe('--resume needs a release id');
    expect((bad as UsageError).hint).toBe('See `stms demo-cmd --help`.');
    const rule = await command(seen).invoke(ctx, [], {}).catch((e: unknown) => e);
    expect((rule as UsageError).message).toBe('needs --clusters');
    expect(seen).toEqual([]);
  });
});
