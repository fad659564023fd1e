#!/usr/bin/env bash
# The classroom broker: writes and starts a mosquitto for a class using MQTT Playground.
#
#   scripts/classroom-broker.sh --names names.txt [--dir classroom] [--ws-port 9001]
#       [--mqtt-port 1883] [--prefix mqtt-playground] [--teacher profesor]
#       [--cert cert.pem --key key.pem [--wss-port 9443]] [--foreground | --no-start]
#       [--bridge mqtt://SCHOOL:1883 [--bridge-user USER --bridge-password PASS]]
#
# names.txt has one student per line (blank lines and lines starting with # are skipped).
# It writes into --dir:
#   accounts.csv    name,username,password: one account per student and one for the teacher
#                   (kept when the script runs again, so passwords do not change; new names
#                   get new accounts). Hand each student their line.
#   passwd          the same accounts for mosquitto (hashed by mosquitto_passwd)
#   acl             each student reads and writes only under <prefix>/<class>/<username>/;
#                   the teacher reads and writes everything under <prefix>/
#   mosquitto.conf  a WebSocket listener (and wss with --cert/--key), a plain MQTT listener,
#                   no anonymous access, retained messages kept on disk (data/), so a restart
#                   loses no student's progress
# With --bridge, the classroom broker is bridged to a school broker: everything under
# <prefix>/ goes both ways, so a teacher on the school broker sees every classroom (one more
# hop; each broker keeps its own retained messages).
# Then it starts mosquitto in the background (pid in mosquitto.pid, log in mosquitto.log),
# or in the foreground with --foreground; --no-start only writes the files.
set -euo pipefail

names="" dir="classroom" ws_port=9001 mqtt_port=1883 prefix="mqtt-playground" teacher="profesor"
cert="" key="" wss_port=9443 start="background"
bridge="" bridge_user="" bridge_password=""
usage() { sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-2}"; }
while [ $# -gt 0 ]; do
  case "$1" in
    --names) names=$2; shift ;;
    --dir) dir=$2; shift ;;
    --ws-port) ws_port=$2; shift ;;
    --mqtt-port) mqtt_port=$2; shift ;;
    --wss-port) wss_port=$2; shift ;;
    --prefix) prefix=$2; shift ;;
    --teacher) teacher=$2; shift ;;
    --cert) cert=$2; shift ;;
    --key) key=$2; shift ;;
    --bridge) bridge=$2; shift ;;
    --bridge-user) bridge_user=$2; shift ;;
    --bridge-password) bridge_password=$2; shift ;;
    --foreground) start="foreground" ;;
    --no-start) start="none" ;;
    -h|--help) usage 0 ;;
    *) echo "unknown option: $1" >&2; usage ;;
  esac
  shift
done
[ -n "$names" ] || { echo "--names FILE is required" >&2; usage; }
[ -r "$names" ] || { echo "cannot read $names" >&2; exit 1; }
if [ -n "$cert$key" ] && { [ ! -r "$cert" ] || [ ! -r "$key" ]; }; then
  echo "--cert and --key must both name readable files" >&2; exit 1
fi
case "$prefix" in
  ""|*+*|*#*|\$*|/*|*/|*//*) echo "--prefix must be a topic without wildcards, \$ or empty levels" >&2; exit 1 ;;
esac
bridge_address=""
if [ -n "$bridge" ]; then
  bridge_address=${bridge#mqtt://}
  bridge_address=${bridge_address%/}
  [[ "$bridge_address" =~ ^[A-Za-z0-9.-]+:[0-9]+$ ]] \
    || { echo "--bridge takes mqtt://HOST:PORT (plain MQTT, as mosquitto bridges speak it)" >&2; exit 1; }
fi
for port in "$ws_port" "$mqtt_port" "$wss_port"; do
  [[ "$port" =~ ^[0-9]+$ ]] || { echo "ports are numbers: $port" >&2; exit 1; }
done

if ! command -v mosquitto >/dev/null || ! command -v mosquitto_passwd >/dev/null; then
  echo "[classroom] installing mosquitto (apt)"
  ${SUDO:-$( [ "$(id -u)" = 0 ] || echo sudo )} apt-get install -y -q mosquitto >/dev/null
fi

mkdir -p "$dir/data"
dir=$(cd "$dir" && pwd)
accounts="$dir/accounts.csv"

# A user name from a display name: lower case, accents dropped, other characters as one '-'.
slug() {
  local s
  s=$(printf '%s' "$1" | iconv -f UTF-8 -t ASCII//TRANSLIT 2>/dev/null || printf '%s' "$1")
  s=$(printf '%s' "$s" | tr '[:upper:]' '[:lower:]' | tr -c 'a-z0-9' '-' | tr -s '-' | sed 's/^-//; s/-$//')
  printf '%s' "${s:0:24}" | sed 's/-$//'
}
password() { tr -dc 'a-km-z2-9' </dev/urandom | head -c 10 || true; }

declare -A pass_of=() name_of=()
order=()
# Accounts already made keep their passwords.
if [ -f "$accounts" ]; then
  while IFS=, read -r n u p; do
    [ "$u" = "username" ] && continue
    pass_of[$u]=$p; name_of[$u]=$n; order+=("$u")
  done < "$accounts"
fi
add() { # display name, wanted user name
  local n=$1 u=$2 base=$2 i=2
  for existing in "${order[@]}"; do
    if [ "${name_of[$existing]}" = "$n" ]; then return; fi
  done
  while [ -n "${pass_of[$u]+x}" ]; do u="$base-$i"; i=$((i + 1)); done
  pass_of[$u]=$(password); name_of[$u]=$n; order+=("$u")
}
add "$teacher" "$(slug "$teacher")"
teacher_user=$(slug "$teacher")
while IFS= read -r line || [ -n "$line" ]; do
  line=$(printf '%s' "$line" | tr -d '\r,' | sed 's/^[[:space:]]*//; s/[[:space:]]*$//')
  case "$line" in ""|\#*) continue ;; esac
  u=$(slug "$line"); [ -n "$u" ] || u="alumno"
  add "$line" "$u"
done < "$names"

umask 077
{
  echo "name,username,password"
  for u in "${order[@]}"; do echo "${name_of[$u]},$u,${pass_of[$u]}"; done
} > "$accounts"
: > "$dir/passwd"
for u in "${order[@]}"; do mosquitto_passwd -b "$dir/passwd" "$u" "${pass_of[$u]}"; done

cat > "$dir/acl" <<EOF
# Written by scripts/classroom-broker.sh. The teacher reads and writes the whole prefix.
user $teacher_user
topic readwrite $prefix/#

# Every student reads and writes only under their own name, in any class:
# $prefix/<class>/<username>/progress, .../online, and their devices' topics.
pattern readwrite $prefix/+/%u/#
EOF

{
  echo "# Written by scripts/classroom-broker.sh."
  echo "per_listener_settings false"
  echo "allow_anonymous false"
  echo "password_file $dir/passwd"
  echo "acl_file $dir/acl"
  echo "persistence true"
  echo "persistence_location $dir/data/"
  echo "autosave_interval 30"
  echo "pid_file $dir/mosquitto.pid"
  if [ "$start" = "foreground" ]; then echo "log_dest stderr"; else echo "log_dest file $dir/mosquitto.log"; fi
  echo "log_type error"
  echo "log_type warning"
  echo "log_type notice"
  echo ""
  echo "# Plain MQTT (devices on the school network; mosquitto 2.0 also needs it for websockets)."
  echo "listener $mqtt_port"
  echo ""
  echo "# MQTT over WebSocket for the browsers: ws://<this machine>:$ws_port/"
  echo "listener $ws_port"
  echo "protocol websockets"
  if [ -n "$cert" ]; then
    echo ""
    echo "# MQTT over secure WebSocket: wss://<this machine's name in the certificate>:$wss_port/"
    echo "listener $wss_port"
    echo "protocol websockets"
    echo "certfile $(cd "$(dirname "$cert")" && pwd)/$(basename "$cert")"
    echo "keyfile $(cd "$(dirname "$key")" && pwd)/$(basename "$key")"
  fi
  if [ -n "$bridge_address" ]; then
    echo ""
    echo "# Bridged to the school broker: the whole prefix both ways."
    echo "connection school"
    echo "address $bridge_address"
    # One id per classroom broker (this machine, this port): the school keeps each bridge's session.
    echo "remote_clientid classroom-$(hostname -s | tr -c 'A-Za-z0-9\n' '-')-$ws_port"
    echo "topic $prefix/# both 1"
    echo "cleansession false"
    echo "try_private true"
    echo "bridge_protocol_version mqttv311"
    [ -z "$bridge_user" ] || echo "remote_username $bridge_user"
    [ -z "$bridge_password" ] || echo "remote_password $bridge_password"
  fi
} > "$dir/mosquitto.conf"
umask 022

# Run as root, mosquitto becomes the user 'mosquitto': let it read its files and keep data.
if [ "$(id -u)" = 0 ] && id mosquitto >/dev/null 2>&1; then
  chown mosquitto "$dir/passwd" "$dir/acl" "$dir/data"
  touch "$dir/mosquitto.log" "$dir/mosquitto.pid"; chown mosquitto "$dir/mosquitto.log" "$dir/mosquitto.pid"
  chmod 711 "$dir"
  [ -z "$cert" ] || chmod a+r "$key" "$cert"
fi

echo "[classroom] accounts: $accounts ($(( ${#order[@]} - 1 )) students + teacher '$teacher_user')"
echo "[classroom] broker for the app: ws://$(hostname -I 2>/dev/null | awk '{print $1}' || echo HOST):$ws_port/${cert:+  and wss://<name in the certificate>:$wss_port/}"
echo "[classroom] topic prefix: $prefix"
case "$start" in
  none) echo "[classroom] start it with: mosquitto -c $dir/mosquitto.conf -d" ;;
  foreground) exec mosquitto -c "$dir/mosquitto.conf" ;;
  background)
    mosquitto -c "$dir/mosquitto.conf" -d
    echo "[classroom] started (stop it with: kill \$(cat $dir/mosquitto.pid))" ;;
esac
