/**
 * OpenSSH-format key pairs (host keys, EC2 ED25519 key pairs), generated off the event loop so an
 * instance boot or CreateKeyPair does not stall every other request of the sandbox.
 */
import ssh2 from 'ssh2';

const { utils } = ssh2;

export interface OpenSshKeyPair {
  /** `-----BEGIN OPENSSH PRIVATE KEY-----…` */
  private: string;
  /** `ssh-ed25519 AAAA…` */
  public: string;
}

/**
 * ssh2 1.17's ed25519 generation drops a leading zero byte of the public key about once in 256
 * keys, writing a file nobody can parse; such a pair is simply generated again.
 */
export async function generateOpenSshKeyPair(type: 'ed25519' | 'rsa', bits = 3072): Promise<OpenSshKeyPair> {
  for (;;) {
    const pair = await new Promise<OpenSshKeyPair>((resolve, reject) => {
      const done = (err: Error | null, keys: OpenSshKeyPair) => (err ? reject(err) : resolve(keys));
      if (type === 'rsa') utils.generateKeyPair('rsa', { bits }, done);
      else utils.generateKeyPair('ed25519', done);
    });
    if (!(utils.parseKey(pair.private) instanceof Error)) return pair;
  }
}
