#!/bin/sh
# A streaming replica of the pg fixture's cluster (tests/pg/cluster.sh), for
# the test that reads from a standby (issue 21, point 4):
#   standby.sh start PRIMARY_STATE STANDBY_STATE   pg_basebackup of the
#        primary (-R: it streams from it), started as a hot standby on a
#        Unix socket of its own; prints its conninfo (also in
#        STANDBY_STATE/conninfo)
#   standby.sh stop STANDBY_STATE                  stop it, remove it
# As cluster.sh, the server runs as the `postgres` user when run as root.
set -eu
cmd=${1:-}
case "$cmd" in
start) primary=${2:?primary state}; state=${3:?standby state} ;;
stop) state=${2:?standby state} ;;
*) echo "usage: standby.sh start PRIMARY_STATE STANDBY_STATE | stop STANDBY_STATE" >&2; exit 2 ;;
esac

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/pg_basebackup" ] || { echo "standby.sh: no pg_basebackup in $bin" >&2; exit 1; }

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
	[ -d "$root/data" ] && as_owner "$bin/pg_ctl" -D "$root/data" -m immediate -w stop >/dev/null 2>&1 || true
	case "$root" in
	/tmp/geopol-pg-standby.*) rm -rf "$root" ;;
	esac
	rm -f "$state/root" "$state/conninfo"
}

if [ "$cmd" = stop ]; then
	stop
	exit 0
fi

mkdir -p "$state"
stop
host=$(sed 's/.*host=\([^ ]*\).*/\1/' "$primary/conninfo")
root=$(mktemp -d /tmp/geopol-pg-standby.XXXXXX)
echo "$root" >"$state/root"
chmod 755 "$root"
[ "$(id -u)" -eq 0 ] && chown postgres "$root"
if ! as_owner "$bin/pg_basebackup" -h "$host" -U geopol -D "$root/data" -R -X stream -c fast \
	>"$root/basebackup.log" 2>&1; then
	cat "$root/basebackup.log" >&2
	stop
	exit 1
fi
if ! as_owner "$bin/pg_ctl" -D "$root/data" -l "$root/server.log" -w -t 60 \
	-o "-c listen_addresses='' -c unix_socket_directories='$root' -c hot_standby=on" start >/dev/null; then
	cat "$root/server.log" >&2
	stop
	exit 1
fi
echo "host=$root user=geopol dbname=geopol" >"$state/conninfo"
cat "$state/conninfo"
