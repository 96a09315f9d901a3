#!/usr/bin/env bash
# Responsive images on a large site (issue 16): the 10,000-page corpus of gen_corpus.py
# with 2,000 generated photographs (1600×1067 JPEG, one beside every fifth page and
# shown by it), built by the release binary.
#
#   bash bench/image_bench.sh            # RUNS=3 (at least 3); prints the medians
#   PHOTOS=500 bash bench/image_bench.sh # fewer photos (default 2000)
#   JIAYUAN=path/to/jiayuan bash bench/image_bench.sh   # that binary, no cargo build
#   COLD=0 bash bench/image_bench.sh     # base and warm only: the cache is filled once
#                                        # (2,000 first builds take minutes each)
#   SHM=1 COLD=0 bash bench/image_bench.sh   # the sites, their caches and the output on
#                                        # /dev/shm (tmpfs): without the disk, whose cost
#                                        # per new file grows from build to build
#
# Measures, each the median of RUNS builds into a fresh output folder (the three
# alternate within each round), wall and CPU time (user+sys, /usr/bin/time):
#   base   the corpus without photos (warm: a build ran first)
#   first  the corpus with photos and an empty .jiayuan-cache/images/ (the image stage's own
#          time from `-v` is printed too; the share cards stay cached)
#   warm   the corpus with photos and the cache of a previous build (and its stage time)
# and prints warm − base: what the photos add to a rebuild (target for 2,000: ≤ 0.5 s).
# Needs python3 with PIL (Debian: python3-pil) to draw the photos.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/bench/out/images"
RUNS="${RUNS:-3}"
PHOTOS="${PHOTOS:-2000}"
COLD="${COLD:-1}"
[ "$RUNS" -ge 3 ] || { echo "image_bench.sh: RUNS must be at least 3" >&2; exit 2; }
log() { echo "[bench] $*" >&2; }

# The system's python3 has Debian's PIL; a python3 earlier in PATH (pyenv) may not.
PY=python3
for p in python3 /usr/bin/python3; do
  if "$p" -c 'import PIL' 2>/dev/null; then PY="$p"; break; fi
done
"$PY" -c 'import PIL' 2>/dev/null || {
  log "installing python3-pil with apt-get"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-pil >/dev/null
  PY=/usr/bin/python3
}


if [ ! -f "$OUT/base/site.toml" ]; then
  log "generating the 10,000-page corpus"
  rm -rf "$OUT/base"
  python3 "$ROOT/bench/gen_corpus.py" 10000 "$OUT/base" >&2
fi
if [ "$(cat "$OUT/photos/.done" 2>/dev/null)" != "$PHOTOS" ]; then
  log "drawing $PHOTOS photographs beside every fifth page (resumes a stopped run)"
  [ -d "$OUT/photos" ] || cp -r "$OUT/base" "$OUT/photos"
  "$PY" - "$OUT/photos" "$PHOTOS" <<'PY'
import os, random, sys
from PIL import Image, ImageDraw, ImageFilter
root = os.path.join(sys.argv[1], "content")
count = int(sys.argv[2])
pages = sorted(os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs
               if f.endswith(".md") and f != "_index.md")
for n, page in enumerate(pages[::5]):
    name = os.path.basename(page)[:-3] + "-photo.jpg"
    line = f"\n\n![生成的测试照片 {n + 1}]({name})\n"
    with open(page, encoding="utf-8") as f:
        text = f.read()
    shown = text.endswith(line)
    if n >= count:
        # Fewer photos than a previous run: the page shows none, the file goes.
        if shown:
            with open(page, "w", encoding="utf-8") as f:
                f.write(text[: -len(line)])
        if os.path.exists(os.path.join(os.path.dirname(page), name)):
            os.remove(os.path.join(os.path.dirname(page), name))
        continue
    if shown:
        continue
    # Soft shapes and noise: a JPEG of a photograph's size and texture, not a photograph.
    rng = random.Random(20221218 + n)
    img = Image.new("RGB", (160, 107), (rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    d = ImageDraw.Draw(img)
    for _ in range(12):
        x, y = rng.randrange(160), rng.randrange(107)
        d.ellipse((x, y, x + rng.randrange(10, 60), y + rng.randrange(10, 60)),
                  fill=(rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    img = img.resize((1600, 1067), Image.BICUBIC).filter(ImageFilter.GaussianBlur(2))
    noise = Image.effect_noise((1600, 1067), 24).convert("RGB")
    img = Image.blend(img, noise, 0.15)
    img.save(os.path.join(os.path.dirname(page), name), quality=82)
    with open(page, "a", encoding="utf-8") as f:
        f.write(line)
PY
  echo "$PHOTOS" > "$OUT/photos/.done"
fi

# The binary is built after the corpus (drawing the photos needs no binary) and copied out
# of target/, so that another cargo build during a long run does not change it.
# shellcheck source=bench/release_binary.sh
source "$ROOT/bench/release_binary.sh"
release_binary "$ROOT" "$OUT"

# "wall_seconds cpu_seconds" (CPU: user+sys from /usr/bin/time) of one build of $1 into a
# fresh folder (the output is removed after).
build_once() {
  local site="$1" dest="$OUT/public.$$"
  rm -rf "$dest"
  /usr/bin/time -f '%e %U %S' -o "$OUT/time.log" \
    "$JIAYUAN" --root "$site" build --output "$dest" "${@:2}" >"$OUT/last.log" 2>&1 || { cat "$OUT/last.log" >&2; exit 1; }
  rm -rf "$dest"
  awk '{printf "%.2f %.2f\n", $1, $2 + $3}' "$OUT/time.log"
}
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
stage_ms() { awk '$1 == "images" {print $2}' "$OUT/last.log"; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

command -v bc >/dev/null || { apt-get install -y -qq bc >/dev/null; }

if [ "${SHM:-0}" = 1 ]; then
  log "copying both sites (with their caches) to /dev/shm"
  rm -rf /dev/shm/jiayuan-image-bench
  mkdir -p /dev/shm/jiayuan-image-bench
  cp -a "$OUT/base" "$OUT/photos" /dev/shm/jiayuan-image-bench/
  OUT=/dev/shm/jiayuan-image-bench
  trap 'rm -rf /dev/shm/jiayuan-image-bench' EXIT
fi

# Warm-up builds: both sites get their share cards (and the photos their copies) cached.
build_once "$OUT/base" >/dev/null
build_once "$OUT/photos" >/dev/null

# Alternating within each round, so that shared load falls on all three alike.
bw=(); bc_=(); fw=(); fc=(); fs=(); ww=(); wc=(); ws=()
for r in $(seq "$RUNS"); do
  # Even rounds build the warm site first, so that a cost growing from build to build
  # (the disk's) falls on both alike.
  if [ $((r % 2)) = 0 ]; then
    read -r w c < <(build_once "$OUT/photos" -v); ww+=("$w"); wc+=("$c"); ws+=("$(stage_ms)")
  fi
  read -r w c < <(build_once "$OUT/base"); bw+=("$w"); bc_+=("$c")
  if [ "$COLD" != 0 ]; then
    # Only the pictures: the share cards of the 10,000 pages stay cached, as in `base`.
    rm -rf "$OUT/photos/.jiayuan-cache/images"
    read -r w c < <(build_once "$OUT/photos" -v); fw+=("$w"); fc+=("$c"); fs+=("$(stage_ms)")
    grep -E "images:|图片：" "$OUT/last.log" >&2 || true
  else
    fw+=(0); fc+=(0); fs+=(0)
  fi
  if [ $((r % 2)) = 1 ]; then
    read -r w c < <(build_once "$OUT/photos" -v); ww+=("$w"); wc+=("$c"); ws+=("$(stage_ms)")
  fi
  grep -E "images:|图片：" "$OUT/last.log" >&2 || true
  log "round $r: base ${bc_[-1]} CPU s, first ${fc[-1]} CPU s (images ${fs[-1]} ms), warm ${wc[-1]} CPU s (images ${ws[-1]} ms); load $(load)"
done

m() { median "$@"; }
echo "$PHOTOS photos on the 10,000-page corpus, medians of $RUNS (wall s / CPU s user+sys / image stage ms):"
printf '  base (no photos)      %7.2f wall  %7.2f CPU\n' "$(m "${bw[@]}")" "$(m "${bc_[@]}")"
if [ "$COLD" != 0 ]; then
  printf '  first (empty cache)   %7.2f wall  %7.2f CPU   image stage %s ms\n' "$(m "${fw[@]}")" "$(m "${fc[@]}")" "$(m "${fs[@]}")"
else
  echo "  first (empty cache)   not measured (COLD=0)"
fi
printf '  warm (cache)          %7.2f wall  %7.2f CPU   image stage %s ms\n' "$(m "${ww[@]}")" "$(m "${wc[@]}")" "$(m "${ws[@]}")"
printf '  warm - base           %7.2f wall  %7.2f CPU   (target for 2000: <= 0.5 s)\n' \
  "$(echo "$(m "${ww[@]}") - $(m "${bw[@]}")" | bc -l)" "$(echo "$(m "${wc[@]}") - $(m "${bc_[@]}")" | bc -l)"
echo "  load average at the end: $(load)"
