/**
 * Recipe 2.5 Synchronizing SSH Keypairs Across EC2 Regions — creates the key pair `paws-sync` in every region that lacks it.
 *
 * Book: sync_keypairs(keypair_name, public_key_file), one region after the other. paws:
 * syncKeypairs(name, path) imports into all regions at once and prints a table.
 */
const { generateKeyPairSync } = await import('node:crypto');
const { mkdtempSync, writeFileSync } = await import('node:fs');
const { tmpdir } = await import('node:os');
const { join } = await import('node:path');

const dir = mkdtempSync(join(tmpdir(), 'paws-key-'));
const pem = join(dir, 'paws-sync.pem');
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
writeFileSync(pem, privateKey.export({ type: 'pkcs1', format: 'pem' }), { mode: 0o600 });
const rows = await syncKeypairs('paws-sync', pem);
console.log(`${rows.length} regions checked`);
