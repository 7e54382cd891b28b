/**
 * Recipe 2.1 Launching an Instance — creates the key pair `paws` (private key saved to ~/.ssh/paws.pem), the security group `paws` (SSH open) and an instance tagged `paws`.
 *
 * Book: launch_instance() (Examples 2-1, 2-2), then cmdshell.shell(). paws: launchInstance()
 * returns {instance, ssh}; at the prompt, `await shell(instance)` opens its terminal.
 */
const { instance, ssh } = await launchInstance();
console.log(`${instance} is ${instance.state} in ${instance.placement} (${instance.instanceType})`);
if (ssh) {
  const { stdout } = await ssh.run('uname -n');
  console.log(`ssh: logged in to ${stdout.trim()}`);
  ssh.close();
}
