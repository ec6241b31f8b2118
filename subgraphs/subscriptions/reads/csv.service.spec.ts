import { SubscriptionStatus } from '../../../shared/graphql/enums';
import { csvField, statusText, toCsv } from './csv.service';

describe('CSV export (SUB-10)', () => {
  it('quotes fields with commas, quotes or line breaks as RFC 4180 says', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
  });

  it('writes the header and CRLF line ends', () => {
    expect(toCsv([['s1', 'E3', '5', 'Active', 'MONTHLY', 'None', '']])).toBe(
      'Subscription ID,Name,Quantity,Status,Billing cycle,Promotion,Reseller\r\ns1,E3,5,Active,MONTHLY,None,\r\n',
    );
  });

  it('states autorenew and the renewal date (the day after the inclusive end date)', () => {
    const termEnd = new Date('2027-02-28T23:59:59.999Z');
    expect(statusText({ status: SubscriptionStatus.ACTIVE, autoRenew: true, termEnd })).toBe('Active; autorenew on; renews on 2027-03-01');
    expect(statusText({ status: SubscriptionStatus.ACTIVE, autoRenew: false, termEnd })).toBe('Active; autorenew off; expires on 2027-02-28');
    expect(statusText({ status: SubscriptionStatus.SUSPENDED, autoRenew: false, termEnd })).toBe('Suspended; autorenew off; term ends on 2027-02-28');
  });
});
