/** What a command handler answers; the reply builder turns it into Discord's wire format. */
export interface Reply {
  content?: string;
  embeds?: readonly ReplyEmbed[];
  /** Only the invoking user sees it. For a deferred command the first response already decided. */
  ephemeral: boolean;
  /** Message components (action rows) in Discord's JSON shape, passed through as they are. */
  components?: readonly Record<string, unknown>[];
  /**
   * Further messages sent after the first response (`POST /webhooks/{app}/{token}`), each with
   * its own ephemeral flag: how a public announcement comes with a private link for the host.
   */
  followUps?: readonly Reply[];
  /**
   * Answer a button press by editing the message the button sits on (UPDATE_MESSAGE) instead of
   * posting a new one, so a used Confirm/Save disappears. Ignored once the answer was deferred.
   */
  update?: boolean;
  /** Answer with a form (MODAL); `content` is what to say if it can no longer be shown. */
  modal?: ReplyModal;
  /**
   * Files attached to the message (multipart `files[n]`), each listed in `attachments` with its
   * description (alt text); an embed shows one with `image: { url: 'attachment://<name>' }`.
   * Only webhook calls carry files: a reply given in the interaction's HTTP response drops them.
   */
  files?: readonly ReplyFile[];
}

/** A modal of paragraph/short text inputs, in Discord's terms. */
export interface ReplyModal {
  customId: string;
  title: string;
  inputs: readonly {
    customId: string;
    label: string;
    paragraph: boolean;
    value?: string;
    placeholder?: string;
    minLength?: number;
    maxLength: number;
    required: boolean;
  }[];
}

/** A file attached to a reply. */
export interface ReplyFile {
  name: string;
  data: Uint8Array;
  contentType: string;
  /** Alt text, at most 1024 characters (cut to fit). */
  description?: string;
}

/** Discord's embed object, the fields we use. */
export interface ReplyEmbed {
  title?: string;
  description?: string;
  url?: string;
  color?: number;
  timestamp?: string;
  footer?: { text: string; icon_url?: string };
  author?: { name: string; url?: string; icon_url?: string };
  thumbnail?: { url: string };
  image?: { url: string };
  fields?: readonly { name: string; value: string; inline?: boolean }[];
}

export interface AutocompleteChoice {
  name: string;
  value: string | number;
}
