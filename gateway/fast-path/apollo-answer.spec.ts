import { ApolloServer, HeaderMap } from '@apollo/server';
import { buildSchema, GraphQLError, type GraphQLSchema } from 'graphql';
import { formatError } from '../../shared/graphql/format-error';
import { answerOf, asGraphQLError, CachePolicy, singleResultContentType } from './apollo-answer';

const schema = buildSchema('type Query { a: Int }');

interface Case {
  name: string;
  /** A fresh result each time (both sides get their own error objects). */
  result?: () => { data?: unknown; errors?: unknown[]; extensions?: unknown };
  throws?: () => unknown;
  /** A subgraph's cache hint, as the data sources restrict the request's policy. */
  hint?: { maxAge: number; scope?: string };
}

const CASES: Case[] = [
  { name: 'data', result: () => ({ data: { a: 1 } }) },
  { name: 'data and an error with a public code', result: () => ({ data: { a: null }, errors: [new GraphQLError('Not yours', { path: ['a'], extensions: { code: 'FORBIDDEN' } })] }) },
  { name: 'errors without data', result: () => ({ errors: [new GraphQLError('Bad', { extensions: { code: 'BAD_USER_INPUT' } })] }) },
  { name: 'an error without a code', result: () => ({ data: null, errors: [new GraphQLError('secret detail')] }) },
  { name: 'an error that is no GraphQLError', result: () => ({ data: { a: null }, errors: [new Error('plain')] }) },
  {
    name: 'an error asking for a status and a header',
    result: () => ({ errors: [new GraphQLError('Later', { extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503, headers: new Map([['Retry-After', '5']]) } } })] }),
  },
  { name: 'extensions beside the data', result: () => ({ data: { a: 1 }, extensions: { valueCompletion: [{ message: 'x' }] } }) },
  { name: 'a cacheable hint', result: () => ({ data: { a: 1 } }), hint: { maxAge: 60, scope: 'PRIVATE' } },
  { name: 'a cacheable hint and an error', result: () => ({ data: { a: null }, errors: [new GraphQLError('Not found', { extensions: { code: 'NOT_FOUND' } })] }), hint: { maxAge: 60 } },
  { name: 'a hint of no caching', result: () => ({ data: { a: 1 } }), hint: { maxAge: 0 } },
  { name: 'an executor that throws', throws: () => new Error('boom') },
  { name: 'an executor that throws an error with a status', throws: () => new GraphQLError('Gone', { extensions: { code: 'NOT_FOUND', http: { status: 404 } } }) },
];

const ACCEPTS = [undefined, 'application/json', 'application/graphql-response+json', '*/*', 'application/graphql-response+json;q=0.5, application/json'];

/** Apollo Server over an executor of one's own (its gateway interface, as the gateway's executor plugs in). */
async function apolloOver(execute: (requestContext: any) => Promise<unknown>): Promise<ApolloServer> {
  const server = new ApolloServer({
    gateway: {
      load: async () => ({ executor: execute as never }),
      onSchemaLoadOrUpdate: (callback: (schema: { apiSchema: GraphQLSchema; coreSupergraphSdl: string }) => void) => {
        callback({ apiSchema: schema, coreSupergraphSdl: '' });
        return () => undefined;
      },
      stop: async () => undefined,
    },
    formatError,
    includeStacktraceInErrorResponses: false,
  });
  await server.start();
  return server;
}

/**
 * What the fast path answers after execution (answerOf) is what Apollo Server sends for the same
 * executor result: status, headers in their order, bytes.
 */
describe("the fast path's answer is Apollo Server's for the same execution", () => {
  let current: Case;
  let server: ApolloServer;

  beforeAll(async () => {
    server = await apolloOver(async (requestContext) => {
      if (current.hint) requestContext.overallCachePolicy.restrict(current.hint);
      if (current.throws) throw current.throws();
      return current.result!();
    });
  });

  afterAll(() => server.stop());

  for (const testCase of CASES) {
    it(testCase.name, async () => {
      current = testCase;
      for (const accept of ACCEPTS) {
        const headers = new HeaderMap([['content-type', 'application/json']]);
        if (accept) headers.set('accept', accept);
        const apollo = await server.executeHTTPGraphQLRequest({ httpGraphQLRequest: { method: 'POST', headers, search: '', body: { query: '{ a }' } }, context: async () => ({}) });
        const policy = new CachePolicy();
        if (testCase.hint) policy.restrict(testCase.hint);
        const execution = testCase.throws ? { thrown: asGraphQLError(testCase.throws()) } : { result: testCase.result!() };
        const ours = answerOf(execution, policy, singleResultContentType(accept)!, formatError);
        expect({ accept, status: ours.status, headers: [...ours.headers], text: ours.text }).toEqual({
          accept,
          status: apollo.status ?? 200,
          headers: [...apollo.headers],
          text: apollo.body.kind === 'complete' ? apollo.body.string : undefined,
        });
      }
    });
  }

  it('an Accept header Apollo answers with 406 gets no content type', () => {
    expect(singleResultContentType('text/html')).toBeNull();
    expect(singleResultContentType('application/xml, text/plain')).toBeNull();
  });
});
