import { parseArgs } from 'node:util';
import { signDevToken } from '../shared/auth/jwt';
import { ALL_ROLES, isRole, type Role } from '../shared/auth/roles';

export const TOKEN_USAGE = `usage: npm run -s token -- --tenant <tenant id> --roles <ROLE,ROLE> [--user <user id>] [--expires 12h]

Signs a development token with AUTH_JWT_SECRET (or the development secret).
  --tenant   the partner, customer or "platform" the user belongs to (README: demo tenants)
  --roles    comma-separated roles, e.g. ADMIN_AGENT,SALES_AGENT or CUSTOMER_ADMIN
  --user     the user id (default user-<tenant>)
  --expires  lifetime, e.g. 30m, 12h, 7d (default 12h)

example: npm run -s token -- --tenant ptn-contoso-direct --roles ADMIN_AGENT`;

export interface CommandResult {
  code: number;
  out?: string;
  err?: string;
}

/** The token command on its arguments: a token on stdout, or a usage message and exit code 2. */
export async function tokenCommand(args: string[]): Promise<CommandResult> {
  let values: { tenant?: string; roles?: string; user?: string; expires?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      options: { tenant: { type: 'string' }, roles: { type: 'string' }, user: { type: 'string' }, expires: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    return { code: 2, err: `${(error as Error).message}\n\n${TOKEN_USAGE}` };
  }
  if (values.help) return { code: 0, out: TOKEN_USAGE };
  if (!values.tenant || !values.roles) return { code: 2, err: `--tenant and --roles are required\n\n${TOKEN_USAGE}` };
  const roles = values.roles.split(',').map((r) => r.trim()).filter(Boolean);
  const unknown = roles.filter((r) => !isRole(r));
  if (unknown.length || !roles.length) return { code: 2, err: `unknown role(s): ${unknown.join(', ') || '(none given)'}; known roles: ${ALL_ROLES.join(', ')}\n\n${TOKEN_USAGE}` };
  if (values.expires && !/^\d+\s*[smhdw]$/.test(values.expires)) return { code: 2, err: `--expires must look like 30m, 12h or 7d\n\n${TOKEN_USAGE}` };
  const token = await signDevToken({ sub: values.user ?? `user-${values.tenant}`, tid: values.tenant, roles: roles as Role[] }, undefined, values.expires ?? '12h');
  return { code: 0, out: token };
}
