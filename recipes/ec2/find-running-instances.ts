/**
 * Recipe 2.11 Find All Running EC2 Instances — reports the running instances of every region (add profile names for more accounts). Creates nothing.
 *
 * Book: find_all_running_instances(accounts=None, quiet=False). paws:
 * findAllRunningInstances(['dev', 'prod']?) asks all regions at once.
 */
const running = await findAllRunningInstances();
const count = Object.values(running).flatMap((regions) => Object.values(regions)).flat().length;
console.log(`${count} running instance(s)`);
