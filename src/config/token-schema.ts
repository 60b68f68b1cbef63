import { z } from 'zod';

/**
 * Where a token comes from in the file: written in (`tokenCode`, usually `${ENV}`), a file only its
 * owner can read (`tokenFile`), or a secret manager's command run without a shell
 * (`tokenCommand: [vault, read, -field=token, secret/stms/gz]`). At most one of them; the
 * environment (`STMS_TOKEN_<CLUSTER>`, `STMS_CMDB_TOKEN`) overrides all three. Never argv.
 */
export const TokenFields = {
  /** May be empty in the file when it comes from the environment; checked before first use. */
  tokenCode: z.string().optional(),
  tokenFile: z.string().min(1).optional(),
  tokenCommand: z.array(z.string().min(1)).min(1, 'an argument list such as [vault, read, -field=token, secret/stms]').optional(),
};

export function atMostOneTokenSource(value: { tokenCode?: string | undefined; tokenFile?: string | undefined; tokenCommand?: string[] | undefined }): boolean {
  return [value.tokenCode, value.tokenFile, value.tokenCommand].filter((v) => v !== undefined).length <= 1;
}

export const ONE_TOKEN_SOURCE = { error: 'give the token one way: tokenCode, tokenFile or tokenCommand, not several', path: ['tokenCode'] };
