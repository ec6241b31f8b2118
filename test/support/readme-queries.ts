/** The README's dashboard query, as written there (customers → subscriptions → offer price → Enterprise Agreements). */
export const README_DASHBOARD = `{
  customers(first: 20) {
    totalCount
    edges { node {
      companyName country
      subscriptions(first: 10) { edges { node {
        quantity status termEnd
        offer { name price(market: "DE") { amount currency } }
      } } }
      enterpriseAgreements { number endDate subscriptions { provisioningId availability } }
    } }
  }
}`;
