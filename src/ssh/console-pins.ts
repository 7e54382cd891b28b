/**
 * Host-key pins from an instance's console output: the blocks cloud-init prints at boot
 * ("-----BEGIN SSH HOST KEY FINGERPRINTS-----" and "-----BEGIN SSH HOST KEY KEYS-----"), whose
 * lines may carry an `ec2: ` prefix. Full key lines are preferred; fingerprints are kept too.
 */
export function hostKeyPinsFromConsole(output: string): string[] {
  const pins: string[] = [];
  let block: 'keys' | 'fingerprints' | undefined;
  for (const raw of output.split(/\r?\n/)) {
    const line = raw.replace(/^(\[[\s\d.]+\]\s*)?(ec2:\s*)?/, '').trim();
    const begin = /^-----BEGIN SSH HOST KEY (KEYS|FINGERPRINTS)-----$/.exec(line);
    if (begin) block = begin[1] === 'KEYS' ? 'keys' : 'fingerprints';
    else if (/^-----END SSH HOST KEY/.test(line)) block = undefined;
    else if (block === 'keys' && /^(ssh-|ecdsa-)\S+ [A-Za-z0-9+/=]+/.test(line)) pins.push(line.split(/\s+/).slice(0, 2).join(' '));
    else if (block === 'fingerprints') {
      const fp = /\b(SHA256:[A-Za-z0-9+/]+)/.exec(line)?.[1];
      if (fp) pins.push(fp);
    }
  }
  return pins;
}
