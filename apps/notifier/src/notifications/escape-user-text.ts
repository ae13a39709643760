const ZERO_WIDTH_SPACE = '\u200b';
const MARKDOWN = /[\\*_~`|>#[\]()-]/g;

/**
 * Makes user text (a meeting title, a participant name) inert in a Discord message: markdown
 * is backslash-escaped, and a zero-width space after every `@` and `<` breaks `@everyone`,
 * `@here` and every `<@user>`, `<@&role>`, `<#channel>`, `</command:id>` or `<t:…>` tag, so the
 * text shows as typed and can ping nobody even if allowed_mentions were ever dropped.
 * Line breaks become spaces: a value stays on the template's line.
 */
export function escapeUserText(text: string): string {
  return text
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(MARKDOWN, (c) => `\\${c}`)
    .replace(/[@<]/g, (c) => `${c}${ZERO_WIDTH_SPACE}`);
}
