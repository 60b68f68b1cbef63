/**
 * Secrets (Token-Code values) must never reach output, logs, journals or error messages. Every
 * write of the Output goes through a Redactor that knows the secrets of the loaded config.
 */
export const REDACTED = '***';

export class Redactor {
  private readonly secrets = new Set<string>();

  add(secret: string | undefined): void {
    // Very short values would mangle ordinary words; tokens are never that short.
    if (secret !== undefined && secret.length >= 4) this.secrets.add(secret);
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.secrets) {
      if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    }
    return out;
  }
}
