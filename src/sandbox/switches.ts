import type { SandboxSwitches } from './types.js';

/**
 * The switches a shipped Streamis server runs with (docs/streamis-contract.md §10): standard authentication
 * and the strict project-name check are on in the shipped linkis.properties, though off in code.
 */
export const SHIPPED_SWITCHES: SandboxSwitches = {
  highAvailableEnable: true,
  enableInterfaceUpload: true,
  standardAuthentication: true,
  sourceName: 'aomp',
  sourceToken: 'streamis0.3.8',
  projectNameStrictCheck: true,
  maxUploadMB: 500,
  configEditEnable: true,
};

export function resolveSwitches(...layers: Array<Partial<SandboxSwitches> | undefined>): SandboxSwitches {
  const out: SandboxSwitches = { ...SHIPPED_SWITCHES };
  for (const layer of layers) {
    if (!layer) continue;
    for (const [key, value] of Object.entries(layer) as Array<[keyof SandboxSwitches, unknown]>) {
      if (value !== undefined) (out as unknown as Record<string, unknown>)[key] = value;
    }
  }
  return out;
}
