// `pattern` attributes of form inputs. Browsers compile them with the RegExp `v` flag, in which
// `/` and `-` inside a character class must be escaped, or the pattern is ignored with an error.

/** `owner/name` */
export const REPOSITORY_PATTERN = String.raw`[^\/\s]+\/[^\/\s]+`;
/** A command word: lower-case letters, digits and dashes. */
export const COMMAND_PATTERN = String.raw`[a-z][a-z0-9\-]{0,31}`;
/** A webhook route slug. */
export const SLUG_PATTERN = String.raw`[a-z0-9][a-z0-9\-]{0,62}`;
