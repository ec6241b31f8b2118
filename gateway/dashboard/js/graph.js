// The public graph, and nothing else: POST /graphql with the signed-in user's bearer token. The
// console's operations live in gateway/dashboard/operations.graphql and are sent by id, as trusted
// documents (GET /trusted-documents.json maps their names to ids).

export const TOKEN_KEY = 'partner-dashboard-token';
let documentIds = null;

async function idOf(operationName) {
  if (!documentIds) {
    const response = await fetch('/trusted-documents.json');
    if (!response.ok) throw new Error(`The server answered HTTP ${response.status}`);
    const manifest = await response.json();
    documentIds = new Map(manifest.operations.filter((operation) => operation.name).map((operation) => [operation.name, operation.id]));
  }
  return documentIds.get(operationName);
}

/** The Authorization header of the signed-in user (also for the reconciliation file's route). */
export const authorization = () => `Bearer ${sessionStorage.getItem(TOKEN_KEY)}`;

/** The whole answer ({ data, errors }), partial data included. */
export async function graph(operationName, variables) {
  const sha256Hash = await idOf(operationName);
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: authorization() },
    body: JSON.stringify({ operationName, variables, extensions: { persistedQuery: { version: 1, sha256Hash } } }),
  });
  try {
    return await response.json();
  } catch {
    throw new Error(`The server answered HTTP ${response.status}`);
  }
}

/** A refused change: the messages to show where it was asked for, each with its rule id. */
export class Refusal extends Error {
  constructor(problems) {
    super(problems.map((p) => p.message).join('; '));
    this.problems = problems;
  }
}

/** Data of a read; throws a Refusal when the graph answered errors only. */
export async function query(operationName, variables) {
  const body = await graph(operationName, variables);
  if (!body.data && body.errors && body.errors.length) throw new Refusal(body.errors.map((e) => ({ message: e.message, code: e.extensions && e.extensions.code })));
  return body.data;
}

/**
 * Runs a mutation by its operation name (the mutation's name, capitalised, with a "Console" prefix
 * where the docs' examples already use the plain name); its payload, or a Refusal with every
 * reason given.
 */
export async function mutate(operationName, input) {
  const plain = operationName.replace(/^Console/, '');
  const field = plain[0].toLowerCase() + plain.slice(1);
  const body = await graph(operationName, { input });
  if (body.errors && body.errors.length) throw new Refusal(body.errors.map((e) => ({ message: e.message, code: e.extensions && e.extensions.code })));
  const payload = body.data[field];
  if (payload.errors.length) throw new Refusal(payload.errors);
  return payload;
}
