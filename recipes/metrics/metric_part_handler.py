#part-handler
# Recipe 2.15 (Example 2-22), for Python 3: cloud-init calls this for the parts of our own types.
# text/x-config parts are written to /etc; text/x-metric parts become programs in
# /usr/local/sbin that cron runs every minute.
import os


def list_types():
    """The MIME types this handler takes."""
    return ['text/x-config', 'text/x-metric']


def handle_part(data, ctype, filename, payload):
    """ctype is '__begin__', '__end__' or one of list_types(); payload is the part's text."""
    if ctype == 'text/x-config':
        path = os.path.join('/etc', filename)
        with open(path, 'w') as fp:
            fp.write(payload)
        # Config files hold credentials: readable by root only.
        os.chmod(path, 0o600)
        print('==== wrote %s payload to %s ====' % (ctype, path))
    elif ctype == 'text/x-metric':
        path = os.path.join('/usr/local/sbin', filename)
        with open(path, 'w') as fp:
            fp.write(payload)
        os.chmod(path, 0o755)
        with open(os.path.join('/etc/cron.d', filename), 'w') as fp:
            fp.write('* * * * * root /usr/local/sbin/%s\n' % filename)
        print('==== installed %s as %s, run every minute ====' % (ctype, path))
