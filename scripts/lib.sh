# Shell helpers shared by the scripts (source it).

# Waits until a TCP port on 127.0.0.1 accepts connections (10 s at most).
wait_port() {
  for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "nothing listens on 127.0.0.1:$1" >&2
  return 1
}

# What a script started, cleaned up when it ends (also on failure or Ctrl+C): servers by pid
# (`some-server & pids+=($!)`), then temporary directories (`dirs_to_remove+=("$dir")`).
pids=()
dirs_to_remove=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  for dir in "${dirs_to_remove[@]}"; do rm -rf "$dir"; done
}
trap cleanup EXIT INT TERM
