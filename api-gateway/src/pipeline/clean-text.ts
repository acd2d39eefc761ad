/**
 * HTML comments render as nothing on GitHub (and Jira), so text inside them is invisible to every
 * reader but the agent: a classic hiding place for injected instructions. An unterminated
 * `<!--` hides the rest of a CommonMark document, so it is cut to the end as well.
 */
const HTML_COMMENT = /<!--[\s\S]*?(?:-->|$)/g;

/**
 * Characters that render as nothing or reorder what is shown: format characters (\p{Cf}: zero-width
 * space and joiners, bidi embeddings, overrides and isolates, word joiner, BOM, Unicode tag
 * characters used for "ASCII smuggling"), every Default_Ignorable_Code_Point (soft hyphen, Hangul
 * fillers, variation selectors, which also smuggle bytes), the braille blank, and C0/C1 controls
 * other than tab and newline.
 */
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]|[^\P{Cc}\t\n]/gu;

export interface CleanedText {
  text: string;
  removedHtmlComments: number;
  removedInvisibleCharacters: number;
}

/** Removes what a reader of the thread cannot see, so the agent gets exactly the visible text. */
export function cleanText(raw: string): CleanedText {
  let removedHtmlComments = 0;
  let removedInvisibleCharacters = 0;
  const withoutComments = raw.replace(HTML_COMMENT, () => {
    removedHtmlComments += 1;
    return '';
  });
  const visible = withoutComments
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .replace(INVISIBLE, () => {
      removedInvisibleCharacters += 1;
      return '';
    });
  return { text: visible.trim(), removedHtmlComments, removedInvisibleCharacters };
}
