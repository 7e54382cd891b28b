/**
 * `sudo` and `su` for an instance, in its /usr/local/bin. Every session in an instance already
 * runs as uid 0 of its own user namespace (isolate.ts), where the host's setuid sudo and PAM's su
 * cannot work ("su: Critical error"), yet the book's sessions start with `sudo su` (Example 2-19),
 * as ec2-user's passwordless sudo on Amazon Linux allows. These run the command, or root's shell,
 * with the environment a real switch to root sets, so the shell's prompt says root and ends in #.
 */

/** Switches the environment to `$1`'s passwd entry (sudo and su share it). */
const SWITCH_USER = `become() {
  entry=$(grep "^$1:" /etc/passwd) || { echo "$2: user $1 does not exist" >&2; exit 1; }
  home=$(echo "$entry" | cut -d: -f6)
  export USER="$1" LOGNAME="$1" HOME="$home"
}`;

const SUDO = `#!/bin/sh
# The sandbox's sudo: sessions here already run as root, so it runs the command as it is (see su).
${SWITCH_USER}
user=root; shell=; login=
while [ $# -gt 0 ]; do
  case $1 in
    -u|--user) user=$2; shift 2 ;;
    -i|--login) login=-l; shell=1; shift ;;
    -s|--shell) shell=1; shift ;;
    -n|-E|-H|-S|-k|-b|-P|--non-interactive|--preserve-env|--preserve-env=*|--set-home|--stdin|--reset-timestamp) shift ;;
    -v|--validate|-K|--remove-timestamp) exit 0 ;;
    --) shift; break ;;
    -*) echo "sudo: $1: not an option of this sandbox's sudo (it takes -u, -i, -s, -n, -E, -H)" >&2; exit 1 ;;
    *) break ;;
  esac
done
[ $# -gt 0 ] || [ -n "$shell" ] || { echo "usage: sudo [-i | -s] [-u user] command" >&2; exit 1; }
export SUDO_USER="\${USER:-root}" SUDO_UID=1000 SUDO_GID=1000
become "$user" sudo
if [ -n "$shell" ]; then
  [ -n "$login" ] && cd "$HOME"
  [ $# -gt 0 ] && exec /bin/bash $login -c "$*"
  exec /bin/bash $login
fi
exec "$@"
`;

const SU = `#!/bin/sh
# The sandbox's su: root and the login user are both uid 0 here, so su switches the environment
# (USER, HOME, and with - the directory) and starts the shell, or runs -c's command.
${SWITCH_USER}
user=root; login=; command=
while [ $# -gt 0 ]; do
  case $1 in
    -|-l|--login) login=-l; shift ;;
    -c|--command) command=$2; shift 2 ;;
    -m|-p|--preserve-environment) shift ;;
    -s|--shell) shift 2 ;;
    -*) echo "su: $1: not an option of this sandbox's su (it takes -, -l, -c)" >&2; exit 1 ;;
    *) user=$1; shift ;;
  esac
done
become "$user" su
[ -n "$login" ] && cd "$HOME"
[ -n "$command" ] && exec /bin/bash $login -c "$command"
exec /bin/bash $login
`;

/** Files of /usr/local/bin, by name: written where missing at every boot, so a deleted one comes back. */
export const ROOT_COMMANDS: Record<string, string> = { sudo: SUDO, su: SU };
