/**
 * Recipe 2.10 Clone an Existing Instance — launches a copy of the instance tagged `paws` (same image, key, groups, type, user data; volumes from their latest snapshots); launches the original by 2.1 when none runs.
 *
 * Book: clone_instance(instance).
 */
const [tagged] = await ec2.instances({ paws: null, 'instance-state-name': 'running' });
const instance = tagged ?? (await launchInstance({ cmdShell: false, userData: '#!/bin/sh\necho cloned > /root/hello\n' })).instance;
const clone = await cloneInstance(instance);
console.log(`${clone} is a clone of ${instance}: ${clone.imageId}, ${clone.instanceType}, key ${clone.keyName}`);
