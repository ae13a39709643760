/** Where a person's Kaltura user stands after a forget. */
export type KalturaDeletion = 'deleted' | 'not_found' | 'pending' | 'not_configured';

export interface ForgetOutcome {
  status: 'forgotten';
  /** The id of the destroyed key: the only handle on the request that names no one. */
  kid: string;
  /** What the person's id reads as from now on (`forgotten:<tag>`): links to no one. */
  placeholder: string;
  /** False while a projection still has to catch up; the key is destroyed when it has. */
  keyDestroyed: boolean;
  kaltura: KalturaDeletion;
}

export type ForgetRequester = 'self' | 'operator';

/** The one Kaltura call a forget needs (KalturaClient.deleteUser). */
export interface KalturaUsers {
  /** False when Kaltura did not know the user (already deleted). */
  deleteUser(userId: string): Promise<boolean>;
}
