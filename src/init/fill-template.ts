/**
 * Template text uses `{{name}}` placeholders. The syntax is chosen so it cannot be confused with
 * what the written files themselves contain: `[@VAR]` variables in meta.json and `${ENV}`
 * references in the config and shell scripts pass through untouched.
 */
const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;

export type TemplateValues = Readonly<Record<string, string>>;

/**
 * Replaces every placeholder. A placeholder without a value means our templates and the code
 * that fills them disagree, which is a bug in stms, so it throws a plain Error (exit 1).
 */
export function fillTemplate(text: string, values: TemplateValues, templateName: string): string {
  return text.replace(PLACEHOLDER, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`template ${templateName} uses {{${name}}}, which init does not provide`);
    return value;
  });
}

/** The placeholder names a template uses, in order of first use (for tests of the templates). */
export function placeholdersOf(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(PLACEHOLDER)) names.add(match[1] as string);
  return [...names];
}
