#!/bin/sh
# A throw-away PostgreSQL cluster for the pg tests (issue 21):
#   cluster.sh start STATE   initdb into a new folder under /tmp, start it
#                            listening only on a Unix socket in that folder,
#                            create the database "geopol", and print its
#                            conninfo (also written to STATE/conninfo)
#   cluster.sh stop STATE    stop it and remove its folder
# STATE is a folder of the caller's (CTest's fixture: build/tests/pg-state).
# The cluster lives under /tmp rather than in STATE because a Unix socket's
# path is limited to 107 bytes and the server's user must reach the folder.
# initdb refuses to run as root (CI runs as root): the server then runs as
# the unprivileged `postgres` user Debian's package creates, owning the
# folder; root's test processes can still connect to the socket. Only local
# connections exist, trusted, as the superuser "geopol".
# Nothing is skipped: a missing server fails loudly (make deps installs it).
set -eu
cmd=${1:-}
state=${2:-}
if [ -z "$cmd" ] || [ -z "$state" ]; then
	echo "usage: cluster.sh start|stop STATE" >&2
	exit 2
fi

bindir() {
	for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
		if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then
			echo "$d"
			return 0
		fi
	done
	echo "cluster.sh: no PostgreSQL server (initdb, pg_ctl in /usr/lib/postgresql/VER/bin):" \
		"run 'make deps' or apt-get install postgresql" >&2
	return 1
}

# Run a server program as the user the cluster belongs to.
as_owner() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

stop() {
	[ -f "$state/root" ] || return 0
	root=$(cat "$state/root")
	bin=$(bindir)
	if [ -d "$root/data" ]; then
		as_owner "$bin/pg_ctl" -D "$root/data" -m immediate -w stop >/dev/null 2>&1 || true
	fi
	case "$root" in
	/tmp/geopol-pg.*) rm -rf "$root" ;;
	esac
	rm -f "$state/root" "$state/conninfo"
}

start() {
	bin=$(bindir)
	mkdir -p "$state"
	stop
	if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
		echo "cluster.sh: running as root and there is no 'postgres' user to run the server as" >&2
		exit 1
	fi
	root=$(mktemp -d /tmp/geopol-pg.XXXXXX)
	echo "$root" >"$state/root"
	chmod 755 "$root"
	[ "$(id -u)" -eq 0 ] && chown postgres "$root"
	if ! as_owner "$bin/initdb" -D "$root/data" -U geopol --auth=trust -E UTF8 --locale=C.UTF-8 \
		>"$root/initdb.log" 2>&1; then
		cat "$root/initdb.log" >&2
		stop
		exit 1
	fi
	if ! as_owner "$bin/pg_ctl" -D "$root/data" -l "$root/server.log" -w -t 60 \
		-o "-c listen_addresses='' -c unix_socket_directories='$root' -c fsync=off" start >/dev/null; then
		cat "$root/server.log" >&2
		stop
		exit 1
	fi
	"$bin/createdb" -h "$root" -U geopol geopol
	echo "host=$root user=geopol dbname=geopol" >"$state/conninfo"
	cat "$state/conninfo"
}

case "$cmd" in
start) start ;;
stop) stop ;;
*) echo "cluster.sh: unknown command '$cmd' (start, stop)" >&2; exit 2 ;;
esac
