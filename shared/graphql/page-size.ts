/** Relay page sizes (API.md: `first` at most 100), apart from the types so the gateway can read them without type-graphql. */
export const MAX_PAGE = 100;
export const DEFAULT_PAGE = 20;
