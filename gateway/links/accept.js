// Reads the invitation from the page's own path; with the token the visitor pastes it shows who
// invites (by name) and whether the invitation is still open, then accepts it through the public
// graph. Nothing is sent anywhere else. The visitor is told outcomes in plain words: rule ids are
// for partners and developers, not for the customer.
(function () {
  const [, kind, rawId] = window.location.pathname.split('/');
  const id = decodeURIComponent(rawId || '');
  const relationship = kind === 'relationship-requests';
  // Sent by id, as trusted documents (gateway/links/operations.graphql, GET /trusted-documents.json).
  const read = relationship ? { operation: 'RelationshipRequestLink', field: 'relationshipRequest' } : { operation: 'ResellerInvitationLink', field: 'resellerInvitation' };
  const accept = relationship ? { operation: 'AcceptRelationshipRequest', field: 'acceptRelationshipRequest' } : { operation: 'AcceptResellerPartnership', field: 'acceptResellerPartnership' };
  const $ = (elementId) => document.getElementById(elementId);
  const text = (elementId, value) => { $(elementId).textContent = value; };
  let token = '';
  let inviter = '';

  text('title', relationship ? 'A partner asks to become your Cloud Solution Provider' : 'A provider invites you to resell through it');
  text('what', relationship
    ? 'Accepting lets this partner buy and manage subscriptions for your organisation. The request can be accepted once.'
    : 'Accepting makes your company an indirect reseller of this provider.');
  text('reference', id);
  text('who', relationship
    ? "Paste the token of your organisation's customer admin (role CUSTOMER_ADMIN) to see who is asking."
    : "Paste the token of your company's admin agent (role ADMIN_AGENT) to see who is inviting you.");
  text('mutation', relationship
    ? `mutation { acceptRelationshipRequest(input: { requestId: "${id}" }) { customer { companyName } errors { code message } } }`
    : `mutation { acceptResellerPartnership(input: { invitationId: "${id}" }) { partnership { provider { name } } errors { code message } } }`);

  async function graph(operationName) {
    const manifest = await (await fetch('/trusted-documents.json')).json();
    const sha256Hash = manifest.operations.find((operation) => operation.name === operationName).id;
    const response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ operationName, variables: { id }, extensions: { persistedQuery: { version: 1, sha256Hash } } }),
    });
    return response.json();
  }

  const day = (iso) => String(iso).slice(0, 10);

  function showAccepted(acceptedAt) {
    text('state', `Already accepted${acceptedAt ? ` on ${day(acceptedAt)}` : ''}: there is nothing more to do.`);
    $('accept').hidden = true;
  }

  async function show() {
    text('outcome', '');
    const body = await graph(read.operation);
    if (body.errors && body.errors.length) return text('outcome', `Cannot open this invitation: ${body.errors[0].message}`);
    const link = body.data && body.data[read.field];
    if (!link) return text('outcome', 'This invitation is unknown, was withdrawn, or was accepted by someone else. Ask the partner for a new link.');
    inviter = relationship ? link.partnerName : link.providerName;
    text('inviter', relationship
      ? `${inviter} asks to become your Cloud Solution Provider${link.indirectResellerName ? `, together with its reseller ${link.indirectResellerName}` : ''}`
      : `${inviter} invites you to resell through it`);
    $('sign-in-step').hidden = true;
    $('details').hidden = false;
    if (link.status === 'ACCEPTED') return showAccepted(link.acceptedAt);
    if (link.status === 'REVOKED') {
      text('state', 'This request was withdrawn when the relationship ended. Ask the partner for a new link.');
      return undefined;
    }
    text('state', 'Not accepted yet.');
    $('accept').hidden = false;
    return undefined;
  }

  $('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    token = $('token').value.trim();
    show().catch((error) => text('outcome', `Cannot open this invitation: ${error.message}`));
  });

  $('accept').addEventListener('click', async () => {
    try {
      const body = await graph(accept.operation);
      const payload = body.data && body.data[accept.field];
      if (body.errors && body.errors.length) text('outcome', `Not accepted: ${body.errors[0].message}`);
      else if (payload && payload.errors.length) text('outcome', `Not accepted: ${payload.errors[0].message}`);
      else {
        showAccepted(null);
        text('state', relationship ? `Accepted: ${inviter} is now your Cloud Solution Provider.` : `Accepted: you now resell through ${inviter}.`);
        text('outcome', 'Accepted.');
      }
    } catch (error) {
      text('outcome', `Not accepted: ${error.message}`);
    }
  });
})();
