/**
 * Recipe 2.4 Uploading Your Own SSH Keypair — creates the key pair `mykey` from a key of your own (one is generated in a temp dir here).
 *
 * Book: ssh-keygen -e -f mykey.pem > mykey.pub; ec2.import_key_pair('mykey', material).
 * paws: importKeyPair(name, path) takes the .pub, or derives it from the .pem.
 */
const { generateKeyPairSync } = await import('node:crypto');
const { mkdtempSync, writeFileSync } = await import('node:fs');
const { tmpdir } = await import('node:os');
const { join } = await import('node:path');

const dir = mkdtempSync(join(tmpdir(), 'paws-key-'));
const pem = join(dir, 'mykey.pem');
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
writeFileSync(pem, privateKey.export({ type: 'pkcs1', format: 'pem' }), { mode: 0o600 });
const keyPair = await importKeyPair('mykey', pem);
console.log(`imported ${keyPair} (fingerprint ${keyPair.fingerprint})`);
