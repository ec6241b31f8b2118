// Reads the invitation from the page's own path and accepts it through the public graph with
// the token the user pastes; nothing is sent anywhere else.
(function () {
  const [, kind, rawId] = window.location.pathname.split('/');
  const id = decodeURIComponent(rawId || '');
  const relationship = kind === 'relationship-requests';
  // Sent by id, as trusted documents (gateway/links/operations.graphql, GET /trusted-documents.json).
  const operationName = relationship ? 'AcceptRelationshipRequest' : 'AcceptResellerPartnership';
  const field = relationship ? 'acceptRelationshipRequest' : 'acceptResellerPartnership';
  const text = (elementId, value) => { document.getElementById(elementId).textContent = value; };
  text('title', relationship ? 'A partner asks to become your Cloud Solution Provider' : 'A provider invites you to resell through it');
  text('what', relationship
    ? 'Accepting lets this partner buy and manage subscriptions for your organisation (REL-2). The request can be accepted once.'
    : 'Accepting makes your company an indirect reseller of this provider (RES-1).');
  text('reference', id);
  text('who', relationship ? "Sign in as your organisation's customer admin (role CUSTOMER_ADMIN)." : "Sign in as your company's admin agent (role ADMIN_AGENT).");
  text('mutation', relationship
    ? `mutation { acceptRelationshipRequest(input: { requestId: "${id}" }) { customer { companyName } errors { code message rule } } }`
    : `mutation { acceptResellerPartnership(input: { invitationId: "${id}" }) { partnership { provider { name } } errors { code message rule } } }`);
  document.getElementById('accept-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const token = document.getElementById('token').value.trim();
    try {
      const manifest = await (await fetch('/trusted-documents.json')).json();
      const sha256Hash = manifest.operations.find((operation) => operation.name === operationName).id;
      const response = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ operationName, variables: { id }, extensions: { persistedQuery: { version: 1, sha256Hash } } }),
      });
      const body = await response.json();
      const payload = body.data && body.data[field];
      if (body.errors && body.errors.length) text('outcome', `Not accepted: ${body.errors[0].message}`);
      else if (payload && payload.errors.length) text('outcome', `Not accepted: ${payload.errors[0].message}`);
      else text('outcome', 'Accepted.');
    } catch (error) {
      text('outcome', `Not accepted: ${error.message}`);
    }
  });
})();
