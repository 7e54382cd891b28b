/**
 * Recipe 2.2 Keeping Track of Instances with Tags — tags an instance `paws` and finds it by that tag; launches one (2.1) when none is running.
 *
 * Book: reservations = ec2.get_all_instances(); instance.add_tag('paws');
 * ec2.get_all_instances(filters={'paws': None}). paws: ec2.instances() flattens the reservations.
 */
const [running] = await ec2.instances({ 'instance-state-name': 'running' });
const instance = running ?? (await launchInstance({ cmdShell: false })).instance;
await instance.addTag('paws');
const found = await ec2.instances({ paws: null });
console.log(`tagged ${instance}; instances tagged paws: ${found.join(', ')}`);
if (!found.some((i) => i.id === instance.id)) throw new Error(`the tag lookup did not find ${instance}`);
