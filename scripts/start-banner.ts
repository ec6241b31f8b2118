/** What `npm start` prints once everything is up: commands a new user can paste as they are. */
export function startBanner(gateway: string): string {
  return `
CSP partner graph is up.
  GraphQL endpoint: ${gateway}/graphql   (health: ${gateway}/health)
  Get a token:      TOKEN=$(npm run -s token -- --tenant ptn-contoso-direct --roles ADMIN_AGENT,SALES_AGENT)
  Then:             curl -s ${gateway}/graphql -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \\
                      -d '{"query":"{ me { userId tenantId roles } }"}'
  Partner console:  ${gateway}/
  Demo tenants are listed in README.md. Ctrl-C stops everything.
`;
}
