import { forwardedDownloadPath } from './software-downloads';

/** SW-2: the gateway forwards a download link's id, expiry and signature, and nothing else. */
describe('forwardedDownloadPath (SW-2)', () => {
  it('SW-2: rebuilds the subgraph path from the link id, expires and signature only', () => {
    expect(forwardedDownloadPath('/software/downloads/dl_0a1b?expires=1700000000&signature=abc-_DEF')).toBe('/internal/software/downloads/dl_0a1b?expires=1700000000&signature=abc-_DEF');
    expect(forwardedDownloadPath('/software/downloads/dl_1?signature=s&query=x&expires=2')).toBe('/internal/software/downloads/dl_1?expires=2&signature=s');
  });

  it.each([
    '/software/downloads/?query=%7B__typename%7D',
    '/software/downloads/x/../../../graphql?query=x',
    '/software/downloads/x%2F..%2Fgraphql?expires=1&signature=s',
    '/software/downloads/dl_1',
    '/software/downloads/dl_1?expires=1',
    '/software/downloads/dl_1?expires=1&expires=2&signature=s',
    '/software/downloads/dl_1?expires=soon&signature=s',
    '/software/downloads/dl_1?expires=1&signature=a%26query%3Dx',
    '/software/downloads/dl_1/graphql?expires=1&signature=s',
  ])('SW-2: refuses %s', (url) => {
    expect(forwardedDownloadPath(url)).toBeUndefined();
  });
});
