import type { CommandHandler } from '@kd/discord';
import { isEmptyScope } from '@kd/meetings';
import { translatorFor } from '@kd/i18n';
import type { CommandServices } from '../command-services.js';
import { required } from '../kaltura-required.js';

/**
 * Searches only what the guild may see: Kaltura applies the scope (its recordings' entry ids and
 * its granted categories) as part of the query, read from durable state at the moment of the call.
 */
export function videoSearchHandler(s: CommandServices): CommandHandler<'kaltura-video-search'> {
  return async (invocation, { options, locale }) => {
    const t = translatorFor(locale);
    const kaltura = required(s.kaltura);
    const scope = invocation.guildId ? await s.videoAccess.scope(invocation.guildId) : undefined;
    // Why a guild without recordings or grants finds nothing (Kaltura is not even asked).
    if (!scope || isEmptyScope(scope))
      return { ephemeral: true, content: t('video.nothing_searchable') };
    const page = await kaltura.searchVideos({
      query: options.query,
      limit: options.limit ?? 5,
      scope,
    });
    if (page.videos.length === 0) return { ephemeral: true, content: t('video.no_results') };
    return {
      ephemeral: true,
      content: t('video.found', { total: page.totalCount, shown: page.videos.length }),
      embeds: page.videos.map((video) => ({
        title: video.name,
        ...(video.description ? { description: video.description.slice(0, 300) } : {}),
        fields: [
          { name: t('video.field_entry'), value: `\`${video.entryId}\``, inline: true },
          { name: t('video.field_length'), value: duration(video.durationSeconds), inline: true },
        ],
        ...(video.thumbnailUrl ? { thumbnail: { url: video.thumbnailUrl } } : {}),
      })),
    };
  };
}

function duration(seconds: number): string {
  const m = Math.floor(seconds / 60);
  return `${m}:${String(seconds % 60).padStart(2, '0')}`;
}
