/**
 * The business clock of a test file never moves back. Tests that each play a scenario on fixed
 * dates play it in an era of their own: every date of the test shifted by `stepYears` more than
 * the previous test's. Four-year steps keep leap days where they were, so day counts, prorated
 * amounts and term ends stay the same (valid while the shifted dates stay before 2100).
 */
export function perTestEra(stepYears = 4): (iso: string) => string {
  let years = -stepYears;
  beforeEach(() => {
    years += stepYears;
  });
  return (iso: string) => shiftYears(iso, years);
}

/** An ISO date or date-time (or a prefix of one) `years` later. */
export function shiftYears(iso: string, years: number): string {
  return iso.replace(/^(\d{4})/, (year) => String(Number(year) + years));
}
