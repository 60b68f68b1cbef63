/**
 * Shell completion scripts, built from the command table: the commands, each one's options, the
 * global options, and the cluster names of the config (for `--clusters`, `--from`, `--to`,
 * `--order`). Pure text: the command that prints them gathers the facts.
 */

export interface CompletionFacts {
  commands: ReadonlyArray<{ name: string; summary: string; options: readonly string[] }>;
  globals: readonly string[];
  clusters: readonly string[];
}

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

const CLUSTER_FLAGS = ['--clusters', '--cluster', '--order'];

export function completionScript(shell: Shell, facts: CompletionFacts): string {
  switch (shell) {
    case 'bash':
      return bash(facts);
    case 'zsh':
      return `#compdef stms\nautoload -U bashcompinit && bashcompinit\n${bash(facts)}`;
    case 'fish':
      return fish(facts);
  }
}

function words(list: readonly string[]): string {
  return list.map((w) => w.replace(/[^A-Za-z0-9_.,:/-]/g, '')).join(' ');
}

function bash(facts: CompletionFacts): string {
  const cases = facts.commands.map((c) => `    ${c.name}) opts="${words([...c.options, ...facts.globals])}" ;;`).join('\n');
  return `# stms completion for bash: source <(stms completion bash)
_stms() {
  local cur prev cmd opts i
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  cmd=""
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "\${COMP_WORDS[i]}" in -*) ;; *) cmd="\${COMP_WORDS[i]}"; break ;; esac
  done
  case "$prev" in
    ${CLUSTER_FLAGS.join('|')}) COMPREPLY=( $(compgen -W "${words(facts.clusters)}" -- "$cur") ); return 0 ;;
  esac
  if [ -z "$cmd" ]; then
    COMPREPLY=( $(compgen -W "${words(facts.commands.map((c) => c.name))} ${words(facts.globals)}" -- "$cur") )
    return 0
  fi
  case "$cmd" in
${cases}
    *) opts="${words(facts.globals)}" ;;
  esac
  COMPREPLY=( $(compgen -W "$opts" -- "$cur") )
  return 0
}
complete -o default -F _stms stms
`;
}

function fish(facts: CompletionFacts): string {
  const quote = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  const lines = ['# stms completion for fish: stms completion fish | source', 'complete -c stms -f'];
  for (const c of facts.commands) lines.push(`complete -c stms -n __fish_use_subcommand -a ${c.name} -d ${quote(c.summary)}`);
  for (const c of facts.commands) {
    for (const option of c.options) lines.push(`complete -c stms -n '__fish_seen_subcommand_from ${c.name}' -l ${option.replace(/^--/, '')}`);
  }
  for (const option of facts.globals) if (option.startsWith('--')) lines.push(`complete -c stms -l ${option.replace(/^--/, '')}`);
  if (facts.clusters.length > 0) {
    for (const flag of CLUSTER_FLAGS) lines.push(`complete -c stms -l ${flag.replace(/^--/, '')} -x -a ${quote(facts.clusters.join(' '))}`);
  }
  return `${lines.join('\n')}\n`;
}
