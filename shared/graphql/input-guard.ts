import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { BREAK, GraphQLError, visit, type DocumentNode } from 'graphql';

/**
 * C0 and C1 control characters (NUL included) and unpaired UTF-16 surrogates: no name, id,
 * search or address of the API holds one, PostgreSQL refuses NUL in text, and a lone
 * surrogate cannot be encoded as UTF-8.
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why a string may not enter the API, or null when it may. */
export function unsafeText(value: string): string | null {
  if (CONTROL.test(value)) return 'must not contain control characters';
  if (LONE_SURROGATE.test(value)) return 'must be valid Unicode (no unpaired surrogate)';
  return null;
}

function refused(message: string, field: (string | number)[], code = 'BAD_USER_INPUT'): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...(field.length ? { field } : {}), http: { status: 400 } } });
}

/** The first unsafe string in a variable's JSON value, with its path. */
function checkValue(value: unknown, path: (string | number)[]): GraphQLError | null {
  if (typeof value === 'string') {
    const why = unsafeText(value);
    return why ? refused(`Variable $${path.join('.')} ${why}`, path) : null;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return refused(`Variable $${path.join('.')} must be a finite number`, path);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const error = checkValue(value[i], [...path, i]);
      if (error) return error;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      const error = checkValue(inner, [...path, key]);
      if (error) return error;
    }
  }
  return null;
}

/**
 * Why the document's literals may not run (a string with control characters, a float too large
 * to represent), or null. A parsed document is the same object for the same query text (the
 * server's document cache), so each is walked once.
 */
function unsafeLiteral(document: DocumentNode): string | null {
  let why = literalChecks.get(document);
  if (why === undefined) literalChecks.set(document, (why = firstUnsafeLiteral(document)));
  return why;
}

const literalChecks = new WeakMap<DocumentNode, string | null>();

function firstUnsafeLiteral(document: DocumentNode): string | null {
  let found: string | null = null;
  visit(document, {
    StringValue(literal) {
      const why = unsafeText(literal.value);
      if (why) found = `A string argument ${why}`;
      return found ? BREAK : undefined;
    },
    FloatValue(literal) {
      if (!Number.isFinite(Number(literal.value))) found = 'A number argument must be finite';
      return found ? BREAK : undefined;
    },
  });
  return found;
}

/** Why the request's variables may not enter the API (the first unsafe value, with its path), or null. */
export function variablesRefusal(variables: Record<string, unknown> | undefined): GraphQLError | null {
  return checkValue(variables ?? {}, []);
}

/**
 * One check at the edge for every argument of every operation (gateway and subgraphs alike),
 * before anything runs: control characters, NUL and unpaired surrogates in any string or id
 * are BAD_USER_INPUT (never an error from the database), non-finite numbers too, and an
 * operation name the document does not define is a 400, not a server error.
 */
export function inputGuardPlugin<C extends BaseContext>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request, document }) {
          if (!operation) {
            const message = request.operationName ? `Unknown operation named "${request.operationName}"` : 'Must provide operation name if query contains multiple operations';
            throw new GraphQLError(message, { extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } } });
          }
          const literal = unsafeLiteral(document);
          const error = literal ? refused(literal, []) : variablesRefusal(request.variables);
          if (error) throw error;
        },
      };
    },
  };
}
