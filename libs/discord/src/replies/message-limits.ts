import type { ReplyEmbed } from './reply.js';

/** Discord's message and embed limits (characters, counts). */
export const limits = {
  content: 2000,
  embeds: 10,
  embedTotal: 6000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  choices: 25,
  choiceName: 100,
  attachmentDescription: 1024,
} as const;

/** Cuts text to `max` characters (code points), marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  const chars = [...text];
  if (max <= 0) return '';
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * Embeds cut to Discord's limits: at most 10, each field to its own limit, and all text together
 * within 6000 characters (later text is shortened first; what no longer fits is dropped, and so
 * is an embed left with nothing to show).
 */
export function fitEmbeds(embeds: readonly ReplyEmbed[]): ReplyEmbed[] {
  const budget = { left: limits.embedTotal };
  return embeds
    .slice(0, limits.embeds)
    .map((embed) => fitEmbed(embed, budget))
    .filter(hasContent);
}

function fitEmbed(embed: ReplyEmbed, budget: { left: number }): ReplyEmbed {
  const take = (text: string, max: number) => {
    const cut = truncate(text, Math.min(max, budget.left));
    budget.left -= [...cut].length;
    return cut;
  };
  const { title, author, description, fields, footer, ...rest } = embed;
  const fitted: ReplyEmbed = { ...rest };
  const fittedTitle = title && take(title, limits.title);
  if (fittedTitle) fitted.title = fittedTitle;
  const authorName = author && take(author.name, limits.author);
  if (author && authorName) fitted.author = { ...author, name: authorName };
  const fittedDescription = description && take(description, limits.description);
  if (fittedDescription) fitted.description = fittedDescription;
  const fittedFields = fields && fitFields(fields, take);
  if (fittedFields?.length) fitted.fields = fittedFields;
  const footerText = footer && take(footer.text, limits.footer);
  if (footer && footerText) fitted.footer = { ...footer, text: footerText };
  return fitted;
}

function hasContent(embed: ReplyEmbed): boolean {
  const { title, description, fields, author, footer, image, thumbnail } = embed;
  return Boolean(title || description || fields?.length || author || footer || image || thumbnail);
}

function fitFields(
  fields: NonNullable<ReplyEmbed['fields']>,
  take: (text: string, max: number) => string,
): NonNullable<ReplyEmbed['fields']> {
  const fitted = [];
  for (const field of fields.slice(0, limits.fields)) {
    const name = take(field.name, limits.fieldName);
    const value = take(field.value, limits.fieldValue);
    if (!name || !value) break;
    fitted.push({ ...field, name, value });
  }
  return fitted;
}
