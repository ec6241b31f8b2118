import { tokenCommand } from './token-command';

/** `npm run -s token -- --tenant <id> --roles ADMIN_AGENT,SALES_AGENT [--user <id>]` (scripts/token-command.ts). */
tokenCommand(process.argv.slice(2)).then(
  ({ code, out, err }) => {
    if (out) console.log(out);
    if (err) console.error(err);
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
