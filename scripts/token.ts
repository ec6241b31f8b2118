import { parseArgs } from 'node:util';
import { signDevToken } from '../shared/auth/jwt';
import { isRole } from '../shared/auth/roles';

/** `npm run token -- --tenant <id> --roles ADMIN_AGENT,SALES_AGENT [--user <id>]` */
async function main() {
  const { values } = parseArgs({
    options: { tenant: { type: 'string' }, roles: { type: 'string' }, user: { type: 'string' }, expires: { type: 'string' } },
  });
  if (!values.tenant || !values.roles) {
    console.error('usage: npm run token -- --tenant <id> --roles ADMIN_AGENT,SALES_AGENT [--user <id>] [--expires 12h]');
    process.exit(2);
  }
  const roles = values.roles.split(',').map((r) => r.trim()).filter(Boolean);
  const unknown = roles.filter((r) => !isRole(r));
  if (unknown.length) {
    console.error(`unknown role(s): ${unknown.join(', ')}`);
    process.exit(2);
  }
  const token = await signDevToken(
    { sub: values.user ?? `user-${values.tenant}`, tid: values.tenant, roles: roles.filter(isRole) },
    undefined,
    values.expires ?? '12h',
  );
  console.log(token);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
