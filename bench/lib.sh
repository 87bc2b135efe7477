# Shared by the server benchmarks: the release binary, a fresh database, the demo organisation
# seeded with N suppliers, and `chainward serve` on 127.0.0.1, stopped and cleaned up on exit.
#   source "$(dirname "$0")/lib.sh"; bench_start <database name> <port> <suppliers> <sqlite|postgres>
# Exports BINARY, WORK, EMAIL, PASSWORD, PID, BASE (http://127.0.0.1:port) and URL (BASE/graphql).
bench_start() {
  local name="$1" port="$2" suppliers="$3" backend="$4"
  local root; root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/chainward-target}"
  BINARY="${CHAINWARD_BIN:-$CARGO_TARGET_DIR/release/chainward}"
  [ -n "${CHAINWARD_BIN:-}" ] || cargo build --release --locked -p chainward --manifest-path "$root/Cargo.toml" >&2
  WORK="$(mktemp -d)"
  export CHAINWARD_JWT_SECRET="benchmark-secret-benchmark-secret-0123456789"
  case "$backend" in
    sqlite) export DATABASE_URL="sqlite://$WORK/bench.db?mode=rwc" ;;
    postgres)
      psql -q -X postgres://postgres@127.0.0.1/test -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name"
      export DATABASE_URL="postgres://postgres@127.0.0.1/$name" ;;
    *) echo "backend is sqlite or postgres"; exit 1 ;;
  esac
  cd "$WORK"
  local start; start=$(date +%s.%N)
  "$BINARY" --data-dir "$WORK/data" seed-demo --suppliers "$suppliers" > seed.txt 2>seed.log
  echo "seeded $suppliers suppliers in $(printf '%.0f' "$(echo "$(date +%s.%N) - $start" | bc)") s"
  EMAIL="$(sed -n 's/^Sign in as \(.*\) with password .*/\1/p' seed.txt)"
  PASSWORD="$(sed -n 's/^Sign in as .* with password \(.*\)$/\1/p' seed.txt)"
  RUST_LOG=warn "$BINARY" --data-dir "$WORK/data" serve --bind "127.0.0.1:$port" > serve.log 2>&1 &
  PID=$!
  trap 'kill $PID 2>/dev/null || true; rm -rf "$WORK"' EXIT
  for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.2; done
  export BINARY WORK EMAIL PASSWORD PID BASE="http://127.0.0.1:$port" URL="http://127.0.0.1:$port/graphql"
}
