import { formatError } from './format-error';
import { onLogLine, requestScope } from '../log';

describe('formatError (what a client sees of an error, and what the operator logs)', () => {
  it('an unexpected error is "Internal server error" to the client and one error line, with stack and request id, in the log', () => {
    const lines: Record<string, any>[] = [];
    const stop = onLogLine((line) => lines.push(line));
    try {
      const formatted = requestScope.run({ requestId: 'req-42' }, () =>
        formatError({ message: 'relation "x" does not exist', extensions: { code: 'INTERNAL_SERVER_ERROR' } }, new TypeError('relation "x" does not exist')),
      );
      expect(formatted).toEqual({ message: 'Internal server error', path: undefined, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    } finally {
      stop();
    }
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'error', msg: 'internal error', requestId: 'req-42', err: { message: 'relation "x" does not exist' } });
    expect(lines[0].err.stack).toMatch(/\n\s+at /);
  });

  it('a public error passes through and logs nothing', () => {
    const lines: unknown[] = [];
    const stop = onLogLine((line) => lines.push(line));
    try {
      expect(formatError({ message: 'Not found', extensions: { code: 'NOT_FOUND' } }, new Error('Not found'))).toEqual({ message: 'Not found', extensions: { code: 'NOT_FOUND' } });
    } finally {
      stop();
    }
    expect(lines).toEqual([]);
  });
});
