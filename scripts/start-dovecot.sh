#!/usr/bin/env bash
# Starts a throwaway Dovecot IMAP server for the email-in tests: a loopback port, one mailbox
# user with a random password, mail kept in a temporary folder. Prints the line to `eval`:
#   eval "$(scripts/start-dovecot.sh)"   # sets REDRESS_TEST_IMAP=host:port:user:password:folder
# Stop it with: dovecot -c "$folder/dovecot.conf" stop   (the folder is the last field).
set -euo pipefail
if ! command -v dovecot >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends dovecot-imapd >/dev/null 2>&1
fi
dir="$(mktemp -d /tmp/redress-imap.XXXXXX)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
password="mail-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
mkdir -p "$dir/run" "$dir/mail"
chown -R dovecot:dovecot "$dir/mail"
chmod 755 "$dir"
echo "redress:{PLAIN}$password" > "$dir/passwd"
cat > "$dir/dovecot.conf" <<CONF
base_dir = $dir/run
log_path = $dir/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:$dir/mail/%u
first_valid_uid = 1
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $dir/passwd
}
userdb {
  driver = static
  args = uid=dovecot gid=dovecot home=$dir/mail/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $port
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
service imap-login {
  chroot =
}
CONF
dovecot -c "$dir/dovecot.conf"
for _ in $(seq 1 50); do
  if python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 1)" 2>/dev/null; then break; fi
  sleep 0.1
done
echo "export REDRESS_TEST_IMAP=127.0.0.1:$port:redress:$password:$dir"
