import { UsageError } from '../../errors.js';
import { defineCommand } from '../command.js';

/**
 * `stms completion bash|zsh|fish`: a completion script for the shell, with the commands, their
 * options and the config's cluster names (none without a config: no error).
 */
export default defineCommand({
  name: 'completion',
  summary: 'print a shell completion script (bash, zsh or fish)',
  examples: ['stms completion bash > ~/.stms-completion.bash     # then: source ~/.stms-completion.bash', 'stms completion zsh > "${fpath[1]}/_stms"', 'stms completion fish > ~/.config/fish/completions/stms.fish'],
  configure(command) {
    command.argument('<shell>', 'bash, zsh or fish');
  },
  options: async () => (await import('../no-options.js')).NoOptions,
  async run(ctx, args) {
    const [{ Command }, { completionScript, SHELLS }] = await Promise.all([import('commander'), import('../completion/scripts.js')]);
    const shell = args[0] ?? '';
    if (!(SHELLS as readonly string[]).includes(shell)) {
      throw new UsageError(`unknown shell "${shell}": expected ${SHELLS.join(', ')}`, { hint: 'Run `stms completion bash` (or zsh, fish).' });
    }
    const commands = (await ctx.listCommands()).map(({ name, summary, spec }) => {
      const probe = new Command(name);
      spec.configure(probe);
      return { name, summary, options: probe.options.map((o) => o.long).filter((l): l is string => l !== undefined) };
    });
    const config = await ctx.findConfig();
    const globals = ['--config', '--json', '--quiet', '--verbose', '--no-color', '--concurrency', '--help'];
    const script = completionScript(shell as (typeof SHELLS)[number], { commands, globals, clusters: Object.keys(config?.clusters ?? {}) });
    ctx.out.data(script.trimEnd());
    return { document: { shell, script } };
  },
});
