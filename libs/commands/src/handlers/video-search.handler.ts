import type { CommandHandler } from '@kd/discord';
import type { CommandServices } from '../command-services.js';
import { required } from '../kaltura-required.js';

export function videoSearchHandler(s: CommandServices): CommandHandler<'kaltura-video-search'> {
  return async (_invocation, { options }) => {
    const page = await required(s.kaltura).searchVideos({
      query: options.query,
      limit: options.limit ?? 5,
    });
    if (page.videos.length === 0) return { ephemeral: true, content: 'No videos found.' };
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
