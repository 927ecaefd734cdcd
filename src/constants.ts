/**
 * Discord's limits and the product's own bounds, named once (discord-limits.md).
 * This file imports nothing so that every stage, including `render`, can use it.
 */

/** Message content, in characters. */
export const MAX_MESSAGE_LENGTH = 2_000;
export const MAX_EMBED_TITLE_LENGTH = 256;
export const MAX_EMBED_DESCRIPTION_LENGTH = 4_096;
export const MAX_EMBED_FIELD_NAME_LENGTH = 256;
export const MAX_EMBED_FIELD_VALUE_LENGTH = 1_024;
export const MAX_EMBED_FOOTER_LENGTH = 2_048;
export const MAX_EMBED_AUTHOR_NAME_LENGTH = 256;
export const MAX_EMBED_FIELDS = 25;
export const MAX_EMBEDS_PER_MESSAGE = 10;
/** Sum of all embed titles, descriptions, field names/values, footers and author names. */
export const MAX_EMBEDS_TOTAL_LENGTH = 6_000;
export const AUTOCOMPLETE_MAX_CHOICES = 25;
export const AUTOCOMPLETE_MAX_NAME_LENGTH = 100;
export const AUTOCOMPLETE_MAX_VALUE_LENGTH = 100;
export const COMMAND_NAME_MAX_LENGTH = 32;
export const COMMAND_DESCRIPTION_MAX_LENGTH = 100;
export const COMMAND_MAX_OPTIONS = 25;
export const COMMAND_DEFINITION_MAX_LENGTH = 8_000;
export const STRING_OPTION_MAX_LENGTH = 6_000;
export const BUTTONS_PER_ROW = 5;
export const BUTTON_LABEL_MAX_LENGTH = 80;
export const CUSTOM_ID_MAX_LENGTH = 100;
/** Reply, defer or autocomplete must reach Discord within this window. */
export const INITIAL_RESPONSE_DEADLINE_MS = 3_000;
/** Interaction tokens stay valid this long for editReply / followUp. */
export const INTERACTION_TOKEN_LIFETIME_MS = 15 * 60_000;

/** Queries longer than this are refused as `invalid` (the CLI contract). */
export const MAX_QUERY_LENGTH = 1_000;
/** Corpus files larger than this are skipped with a warning. */
export const MAX_CORPUS_FILE_BYTES = 5 * 1024 * 1024;
/** Base of every citation link. */
export const WIKIPEDIA_BASE_URL = 'https://zh.wikipedia.org/wiki/';
/** Where a citation links when a title cannot be a /wiki/ path (../../admin): Wikipedia's search. */
export const WIKIPEDIA_SEARCH_URL = 'https://zh.wikipedia.org/w/index.php?search=';
