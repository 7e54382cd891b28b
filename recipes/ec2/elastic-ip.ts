/**
 * Recipe 2.6 Associate an Elastic IP Address with an Instance — allocates an Elastic IP and associates it with the instance tagged `paws` (launched by 2.1 when none runs).
 *
 * Book: address = ec2.allocate_address(); ec2.associate_address(instance.id, address.public_ip),
 * or instance.use_ip(address).
 */
const [tagged] = await ec2.instances({ paws: null, 'instance-state-name': 'running' });
const instance = tagged ?? (await launchInstance({ cmdShell: false })).instance;
const address = await associateElasticIp(instance);
await instance.update();
console.log(`${address} is now the public address of ${instance}: ${instance.publicIp}`);
