/** Shared set-up for the EC2 tests: a fast sandbox, a paws Session on it, and captured helper output. */
import { spawnSync } from 'node:child_process';
import type { Session } from '../../src/helpers/core/session.js';
import type { Ec2Service } from '../../src/helpers/ec2/service.js';
import type { RunningSandbox } from '../../src/sandbox/index.js';
import { tempDir, testSandbox } from '../helpers/index.js';
import { sandboxSession } from '../helpers/session.js';

export const missingBwrap = spawnSync('bwrap', ['--version'], { stdio: 'ignore' }).status === 0 ? false : 'bwrap is not installed';

/** What a helper printed, as a non-terminal stream. */
export class Captured {
  text = '';
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
  take(): string {
    const t = this.text;
    this.text = '';
    return t;
  }
}

export interface Ec2World {
  sandbox: RunningSandbox;
  session: Session;
  ec2: Ec2Service;
  home: string;
  close(): Promise<void>;
}

/** A sandbox (instances boot in well under a second) and a session whose waits poll every 50 ms. */
export async function ec2World(options: { latencyMs?: number } = {}): Promise<Ec2World> {
  const home = tempDir('paws-ec2-home-');
  // Instance hosts publish fallback SSH ports and the client keeps known hosts under PAWS_HOME.
  process.env.PAWS_HOME = home.path;
  const sandbox = await testSandbox({ timeScale: 0.02, ...options });
  const session = sandboxSession(sandbox, { embedded: true });
  const ec2 = await session.service('ec2');
  ec2.pollSeconds = 0.05;
  return {
    sandbox,
    session,
    ec2,
    home: home.path,
    close: async () => {
      await sandbox.close();
      home.remove();
    },
  };
}
