import { unsafeText } from './input-guard';

describe('text allowed into the API', () => {
  it.each(['', 'Alpine Ski GmbH', 'Zoë & Søn — Ħ', '😀 emoji pairs', "O'Brien; --", '%_\\'])('accepts %j', (value) => {
    expect(unsafeText(value)).toBeNull();
  });

  it.each(['\u0000', 'a\u0000b', 'line\nbreak', 'tab\t', '\u001b[31m', '\u007f', '\u0085', '\ud800', 'x\udc00y', '\ude00\ud83d'])('refuses %j', (value) => {
    expect(unsafeText(value)).toMatch(/control characters|valid Unicode/);
  });
});
