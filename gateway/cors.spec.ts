import { originPolicy } from './cors';

describe('CORS origin policy', () => {
  it('CORS_ORIGINS set: only the listed origins, compared exactly', () => {
    const allowed = originPolicy('https://dashboard.example.com, https://partner.example.org/', false);
    expect(allowed('https://dashboard.example.com')).toBe(true);
    expect(allowed('https://partner.example.org')).toBe(true);
    expect(allowed('http://dashboard.example.com')).toBe(false);
    expect(allowed('https://dashboard.example.com.evil.test')).toBe(false);
    expect(allowed('http://localhost:3000')).toBe(false);
  });

  it('unset in development: localhost origins on any port', () => {
    const allowed = originPolicy(undefined, false);
    expect(allowed('http://localhost:5173')).toBe(true);
    expect(allowed('http://127.0.0.1:8080')).toBe(true);
    expect(allowed('http://[::1]:3000')).toBe(true);
    expect(allowed('http://localhost.evil.test')).toBe(false);
    expect(allowed('https://example.com')).toBe(false);
  });

  it('unset in production: no origin', () => {
    const allowed = originPolicy('', true);
    expect(allowed('http://localhost:5173')).toBe(false);
    expect(allowed('https://example.com')).toBe(false);
  });
});
