// GraphiQL for the public graph, bundled by scripts/build-graphiql.mjs into one script and one
// stylesheet the gateway serves itself: the page loads nothing from another origin.
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { buildSchema } from 'graphql';
import 'graphiql/style.css';
import './page.css';

const config = JSON.parse(document.getElementById('graphiql-config').textContent);

const EXAMPLE_QUERY = `# The partner graph. Put your token in the Headers tab below:
#   {"authorization": "Bearer <token>"}
# then run this query (Ctrl-Enter). The Docs button (top left) lists every type and field.
query Me {
  me {
    userId
    tenantId
    roles
    tenant {
      ... on Partner { id name type }
      ... on Customer { id companyName }
    }
  }
}
`;

/** POST /graphql on this origin with the headers of the headers editor. */
async function fetcher(params, options) {
  const response = await fetch(config.endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...(options?.headers ?? {}) },
    body: JSON.stringify(params),
  });
  return response.json();
}

const headersFor = (token) => JSON.stringify({ authorization: `Bearer ${token}` }, null, 2);

function DemoTokens({ onPick }) {
  const [tokens, setTokens] = useState([]);
  useEffect(() => {
    if (!config.demoTokensPath) return;
    fetch(config.demoTokensPath)
      .then((response) => (response.ok ? response.json() : { tokens: [] }))
      .then((body) => setTokens(body.tokens ?? []))
      .catch(() => setTokens([]));
  }, []);
  if (!tokens.length) return null;
  return (
    <label className="graphiql-page-demo">
      Demo tenant:{' '}
      <select
        data-testid="demo-token"
        defaultValue=""
        onChange={(event) => {
          const picked = tokens.find((entry) => entry.tenant === event.target.value);
          if (picked) onPick(picked.token);
        }}
      >
        <option value="" disabled>
          choose a demo partner…
        </option>
        {tokens.map((entry) => (
          <option key={entry.tenant} value={entry.tenant}>
            {entry.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * The schema comes from GET /schema.graphql (the public schema, descriptions included), not from
 * introspection, which production turns off: the Docs and completion work in every environment.
 */
function useSchema() {
  const [schema, setSchema] = useState(null);
  const [failure, setFailure] = useState(null);
  useEffect(() => {
    fetch(config.schemaPath)
      .then((response) => (response.ok ? response.text() : Promise.reject(new Error(`HTTP ${response.status}`))))
      .then((sdl) => setSchema(buildSchema(sdl)))
      .catch((error) => setFailure(error.message));
  }, []);
  return { schema, failure };
}

function App() {
  const [headers, setHeaders] = useState(undefined);
  const { schema, failure } = useSchema();
  return (
    <div className="graphiql-page">
      <header className="graphiql-page-bar">
        <strong>Partner graph</strong>
        <span>
          Sign in: open the <em>Headers</em> tab under the query and enter <code>{'{"authorization": "Bearer <token>"}'}</code>
          {config.demoTokensPath ? ', or pick a demo tenant here.' : '.'} Schema: <a href="/schema.graphql">/schema.graphql</a>
        </span>
        {config.demoTokensPath ? <DemoTokens onPick={(token) => setHeaders(headersFor(token))} /> : null}
      </header>
      <div className="graphiql-page-editor">
        {schema ? (
          <GraphiQL fetcher={fetcher} schema={schema} defaultQuery={EXAMPLE_QUERY} headers={headers} defaultEditorToolsVisibility="headers" />
        ) : (
          <p className="graphiql-page-loading">{failure ? `The schema could not be loaded from ${config.schemaPath}: ${failure}` : 'Loading the schema…'}</p>
        )}
      </div>
    </div>
  );
}

createRoot(document.getElementById('graphiql')).render(<App />);
