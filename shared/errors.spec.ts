import { conflict, notFound, topLevelError, withoutStackTrace } from './errors';

/** The frames of an error's stack below its first line. */
const frames = (error: Error) => (error.stack ?? '').split('\n').slice(1).filter((line) => line.trim().startsWith('at ')).length;

describe('top-level errors', () => {
  it('an answer to the caller (CONFLICT, NOT_FOUND …) captures no stack; its code and message are as before', () => {
    const error = conflict('Subscription s1 is being changed by a concurrent request');
    expect(error.extensions).toEqual({ code: 'CONFLICT' });
    expect(error.message).toBe('Subscription s1 is being changed by a concurrent request');
    expect(frames(error)).toBe(0);
    expect(frames(notFound('Subscription', 's1'))).toBe(0);
  });

  it('a fault of ours keeps its stack for the log', () => {
    expect(frames(topLevelError('INTERNAL_SERVER_ERROR', 'boom'))).toBeGreaterThan(0);
  });

  it('withoutStackTrace restores the stack limit, also when making the error throws', () => {
    const limit = Error.stackTraceLimit;
    expect(() =>
      withoutStackTrace(() => {
        throw new Error('while making');
      }),
    ).toThrow('while making');
    expect(Error.stackTraceLimit).toBe(limit);
    expect(frames(new Error('after'))).toBeGreaterThan(0);
  });
});
