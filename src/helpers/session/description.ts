/**
 * What the session itself puts at the prompt: the code form of dot-commands that change what
 * later inputs do, so a script (and `.save`) can do the same (see ../core/folder.ts).
 */
import { describeFolder, helper } from '../core/folder.js';
import { profileNames } from '../core/resolve-connection.js';

export const sessionFolder = describeFolder({
  helpers: {
    setRegion: helper(
      "await setRegion('eu-west-1') — .region as code: every service object talks to that region from here on (what .save writes)",
      async () => (await import('./region.js')).setRegion,
    ),
    setProfile: helper(
      "await setProfile('prod') — .profile as code: act as that profile of ~/.aws/config (its keys, or the role it assumes) from here on",
      async () => (await import('./profile.js')).setProfile,
    ),
  },

  names: {
    // The profiles of the shared config and credentials files.
    profiles: { list: async () => profileNames() },
  },
});
