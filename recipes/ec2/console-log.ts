/**
 * Recipe 2.3 Accessing the Console Log — prints the boot log of the instance tagged `paws`; launches one (2.1) when there is none.
 *
 * Book: instance = ec2.get_all_instances(filters={'paws': None})[0].instances[0];
 * print instance.get_console_output().output
 */
const [tagged] = await ec2.instances({ paws: null, 'instance-state-name': 'running' });
const instance = tagged ?? (await launchInstance({ cmdShell: false })).instance;
const console_ = await instance.consoleOutput();
console.log(String(console_));
