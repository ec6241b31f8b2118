/**
 * REL-3: CSP regions as data. Every ISO 3166-1 alpha-2 country the programme sells to lies
 * in exactly one region; a partner transacts only for customers of its own region.
 */
export const REGIONS = ['EUROPE', 'NORTH_AMERICA', 'LATIN_AMERICA', 'ASIA_PACIFIC', 'MIDDLE_EAST_AFRICA'] as const;
export type Region = (typeof REGIONS)[number];

const COUNTRIES_BY_REGION: Record<Region, string> = {
  EUROPE:
    'AD AL AT AX BA BE BG BY CH CY CZ DE DK EE ES FI FO FR GB GG GI GL GR HR HU IE IM IS IT JE LI LT LU LV MC MD ME MK MT NL NO PL PT RO RS RU SE SI SJ SK SM UA VA XK',
  NORTH_AMERICA: 'CA PM UM US',
  LATIN_AMERICA:
    'AG AI AR AW BB BL BM BO BQ BR BS BZ CL CO CR CU CW DM DO EC FK GD GF GP GS GT GY HN HT JM KN KY LC MF MQ MS MX NI PA PE PR PY SR SV SX TC TT UY VC VE VG VI',
  ASIA_PACIFIC:
    'AQ AS AU BD BN BT CC CK CN CX FJ FM GU HK HM ID IN IO JP KH KI KP KR LA LK MH MM MN MO MP MV MY NC NF NP NR NU NZ PF PG PH PK PN PW SB SG TH TK TL TO TV TW VN VU WF WS',
  MIDDLE_EAST_AFRICA:
    'AE AF AM AO AZ BF BH BI BJ BV BW CD CF CG CI CM CV DJ DZ EG EH ER ET GA GE GH GM GN GQ GW IL IQ IR JO KE KG KM KW KZ LB LR LS LY MA MG ML MR MU MW MZ NA NE NG OM PS QA RE RW SA SC SD SH SL SN SO SS ST SY SZ TD TF TG TJ TM TN TR TZ UG UZ YE YT ZA ZM ZW',
};

export const COUNTRY_REGION: ReadonlyMap<string, Region> = new Map(
  (Object.entries(COUNTRIES_BY_REGION) as [Region, string][]).flatMap(([region, list]) =>
    list.split(' ').map((country) => [country, region] as const),
  ),
);

export function regionOf(country: string): Region | undefined {
  return COUNTRY_REGION.get(country.toUpperCase());
}

/** EU and EFTA member states (ORD-3: additional resellers must be declared there). */
export const EU_EFTA = new Set(
  'AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK IS LI NO CH'.split(' '),
);
