/** `setRegion(name)`: `.region NAME` for scripts, so a saved session replays in the region it ran in. */
import type { Session } from '../core/session.js';
import { isRegionName } from '../core/connection.js';
import { pawsError } from '../core/errors.js';

export function setRegion(session: Session, region: unknown): void {
  if (!isRegionName(region)) {
    throw pawsError('InvalidRegion', `${String(region)} is not a region name — e.g. setRegion('eu-west-1')`);
  }
  session.setRegion(region);
}
