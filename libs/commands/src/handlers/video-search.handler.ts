import type { CommandHandler } from '@kd/discord';
import { isEmptyScope } from '@kd/meetings';
import type { CommandServices } from '../command-services.js';
import { required } from '../kaltura-required.js';

/** Why a guild without recordings or grants finds nothing (Kaltura is not even asked). */
export const NOTHING_SEARCHABLE =
  'This server has no videos to search yet. Search covers the recordings of meetings held here ' +
  '(they appear once Kaltura reports them ready) and Kaltura categories the bot operator has ' +
  'shared with this server; ask the operator if you expect a library here.';

/**
 * Searches only what the guild may see: Kaltura applies the scope (its recordings' entry ids and
 * its granted categories) as part of the query, read from durable state at the moment of the call.
 */
export function videoSearchHandler(s: CommandServices): CommandHandler<'kaltura-video-search'> {
  return async (invocation, { options }) => {
    const kaltura = required(s.kaltura);
    const scope = invocation.guildId ? await s.videoAccess.scope(invocation.guildId) : undefined;
    if (!scope || isEmptyScope(scope)) return { ephemeral: true, content: NOTHING_SEARCHABLE };
    const page = await kaltura.searchVideos({
      query: options.query,
      limit: options.limit ?? 5,
      scope,
    });
    if (page.videos.length === 0)
      return {
        ephemeral: true,
        content: 'No videos found among this server’s recordings and shared categories.',
      };
    return {
      ephemeral: true,
      content: `${page.totalCount} video${page.totalCount === 1 ? '' : 's'} found; the first ${page.videos.length}:`,
      embeds: page.videos.map((video) => ({
        title: video.name,
        ...(video.description ? { description: video.description.slice(0, 300) } : {}),
        fields: [
          { name: 'Entry', value: `\`${video.entryId}\``, inline: true },
          { name: 'Length', value: duration(video.durationSeconds), inline: true },
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
