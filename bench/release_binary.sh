# Sourced by the bench scripts. `release_binary ROOT OUT` sets JIAYUAN, unless it is
# already set, to a copy of the release binary in OUT/bin: built with cargo and copied out
# of target/, so that another cargo build during a long run does not change it.
release_binary() {
  local root="$1" out="$2"
  [ -z "${JIAYUAN:-}" ] || return 0
  echo "[bench] cargo build --release -p jiayuan" >&2
  (cd "$root" && cargo build --release -p jiayuan) >&2
  mkdir -p "$out/bin"
  cp "$root/target/release/jiayuan" "$out/bin/jiayuan.tmp"
  mv "$out/bin/jiayuan.tmp" "$out/bin/jiayuan"
  JIAYUAN="$out/bin/jiayuan"
}
