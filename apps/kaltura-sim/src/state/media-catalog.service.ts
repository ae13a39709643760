import { Inject, Injectable } from '@nestjs/common';
import { EntryStatus } from '@kd/kaltura';
import { SIM_CONFIG, type KalturaSimConfig } from '../kaltura-sim.config.js';
import { categoriesForTags, demoCategories, type SimCategory } from './demo-categories.js';
import { demoVideos } from './demo-catalogue.js';
import { randomEntryId, seededEntryId } from './entry-ids.js';

export type MediaEntryObject = Record<string, unknown> & {
  id: string;
  name: string;
  description: string;
  tags: string;
  rootEntryId: string;
  /** Comma-separated category ids and full names, as on a KalturaBaseEntry. */
  categoriesIds: string;
  categories: string;
};

const SEED_EPOCH = 1_735_689_600; // 2025-01-01T00:00:00Z

/** In-memory `KalturaMediaEntry` objects: the seeded catalogue, plus recordings the sim "makes". */
@Injectable()
export class MediaCatalog {
  private readonly entries: MediaEntryObject[] = [];

  constructor(@Inject(SIM_CONFIG) private readonly config: KalturaSimConfig) {
    demoVideos.forEach(([name, description, tags, duration], i) => {
      const id = seededEntryId(`demo-${i}`);
      this.entries.push(
        this.entry({
          id,
          name,
          description,
          tags,
          duration,
          createdAt: SEED_EPOCH + i * 86_400,
          rootEntryId: id,
          categories: categoriesForTags(tags),
        }),
      );
    });
  }

  /** The seeded categories (a meeting recording is in none until someone files it). */
  categories(): readonly SimCategory[] {
    return demoCategories;
  }

  get(entryId: string): MediaEntryObject | undefined {
    return this.entries.find((e) => e.id === entryId);
  }

  /** Newest first. */
  all(): MediaEntryObject[] {
    return [...this.entries].sort((a, b) => Number(b.createdAt) - Number(a.createdAt));
  }

  addRecording(input: {
    name: string;
    rootEntryId: string;
    referenceId: string;
  }): MediaEntryObject {
    const id = randomEntryId();
    const duration = 600 + Math.floor(Math.random() * 3000);
    const entry = this.entry({
      id,
      name: input.name,
      description: 'Meeting recording',
      tags: 'recording,meeting',
      duration,
      createdAt: Math.floor(Date.now() / 1000),
      rootEntryId: input.rootEntryId,
      categories: [],
    });
    entry.referenceId = input.referenceId;
    this.entries.push(entry);
    return entry;
  }

  private entry(e: {
    id: string;
    name: string;
    description: string;
    tags: string;
    duration: number;
    createdAt: number;
    rootEntryId: string;
    categories: SimCategory[];
  }): MediaEntryObject {
    const partnerId = this.config.KALTURA_PARTNER_ID;
    const { categories, ...fields } = e;
    return {
      objectType: 'KalturaMediaEntry',
      ...fields,
      categoriesIds: categories.map((c) => c.id).join(','),
      categories: categories.map((c) => c.fullName).join(','),
      partnerId,
      userId: 'kaltura-sim',
      status: EntryStatus.ready,
      mediaType: 1,
      msDuration: e.duration * 1000,
      thumbnailUrl: `https://cfvod.kaltura.com/p/${partnerId}/sp/${partnerId}00/thumbnail/entry_id/${e.id}/version/100002`,
      updatedAt: e.createdAt,
    };
  }
}
