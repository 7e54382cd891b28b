/** `setRegion(name)`: `.region NAME` for scripts, so a saved session replays in the region it ran in. */
import { partition } from '@aws-sdk/core/client';
import type { Session } from '../core/session.js';
import { isRegionName } from '../core/connection.js';
import { pawsError } from '../core/errors.js';

export function setRegion(session: Session, region: unknown): void {
  if (!isRegionName(region)) {
    throw pawsError('InvalidRegion', `${String(region)} is not a region name — e.g. setRegion('eu-west-1')`);
  }
  session.setRegion(region);
}

/**
 * Why a switch to `region` will fail, when the SDK's endpoint data does not list it (as eu-west-4):
 * a typo, or a region newer than the SDK. AWS itself would only answer with DNS errors on each call.
 */
export function unlistedRegionNote(region: string): string | undefined {
  // A listed region's entry carries its description ("Europe (Zurich)"); the type leaves it out.
  if ((partition(region) as { description?: string }).description !== undefined) return undefined;
  return `${region} is not a region this SDK knows: calls there will fail unless the region is newer than the SDK (.region ⇥ lists the regions)`;
}
