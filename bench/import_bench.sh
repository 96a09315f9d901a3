#!/usr/bin/env bash
# Builds an existing Markdown tree (for example a Hugo docs repository) as it is, the way
# a new user brings one in: strict front matter first, then `front_matter = "compatible"`,
# then also `anchors = "github"`, counting the errors of `jiayuan check` at each step,
# and times the final build (median wall time and peak RSS of RUNS clean builds).
#
#   bash bench/import_bench.sh TREE [RUNS]      # TREE: the folder that becomes content/
#
# The tree is copied to bench/out/import/site/content (README.md files are editor notes
# and skipped, as always); the default theme is copied beside it. Nothing is committed.
set -euo pipefail
tree=${1:?usage: bench/import_bench.sh TREE [RUNS]}
runs=${2:-5}
here=$(cd "$(dirname "$0")/.." && pwd)
bin="$here/target/release/jiayuan"
out="$here/bench/out/import"
site="$out/site"
command -v /usr/bin/time >/dev/null || apt-get install -y time >/dev/null
(cd "$here" && cargo build --release -p jiayuan >/dev/null 2>&1)

rm -rf "$out" && mkdir -p "$site"
cp -r "$tree" "$site/content"
cp -r "$here/themes" "$site/themes"
base='title = "导入的文档"
base_url = "http://127.0.0.1:1111"
theme = "default"

[[taxonomies]]
name = "tags"

[[footer]]
name = "全部标签"
url = "/tags/"
'
files=$(find "$site/content" -name '*.md' ! -name README.md | wc -l)
echo "tree: $tree ($files Markdown files), jiayuan $("$bin" --version)"

errors() { # MODE-LABEL: run check, print the error count and the commonest messages
    local log="$out/check-$1.log"
    "$bin" --root "$site" check >/dev/null 2>"$log" || true
    local n; n=$(grep -c '^error' "$log" || true)
    echo "check, $1: $n errors"
    grep '^error' "$log" | sed -E 's/`[^`]*`/`…`/g' | sort | uniq -c | sort -rn | head -5 | sed 's/^/    /'
}

printf '%s' "$base" > "$site/site.toml"
errors strict
printf '%s\n[content]\nfront_matter = "compatible"\n' "$base" > "$site/site.toml"
errors compatible
printf '%s\n[content]\nfront_matter = "compatible"\n\n[markdown]\nanchors = "github"\n' "$base" > "$site/site.toml"
errors compatible+github
grep -c '^warning' "$out/check-compatible+github.log" | sed 's/^/warnings (compatible+github): /' || true

# Conflicts in the tree itself (two pages claiming one alias, a page X.md beside a
# section folder X/) stop a build before its links are checked. To count what lies
# behind them, a second copy drops every `aliases:` line and makes X.md the section's
# _index.md when X/ has none, rewriting root-absolute links to it.
if grep -q 'collides\|duplicate URL' "$out/check-compatible+github.log"; then
    find "$site/content" -name '*.md' -exec sed -i '/^aliases:/d' {} +
    find "$site/content" -name '*.md' ! -name _index.md | while read -r f; do
        d="${f%.md}"
        if [ -d "$d" ] && [ ! -e "$d/_index.md" ]; then
            mv "$f" "$d/_index.md"
            rel="${d#"$site/content"}"
            grep -rlF "$rel.md" "$site/content" --include='*.md' | xargs -r sed -i "s|$rel\.md|$rel/_index.md|g"
        fi
    done
    errors "compatible+github, conflicts removed"
fi

walls=(); rss=()
for i in $(seq "$runs"); do
    rm -rf "$site/public"
    /usr/bin/time -v "$bin" --root "$site" build 2>"$out/time-$i.log" >/dev/null || true
    walls+=("$(grep 'Elapsed (wall clock)' "$out/time-$i.log" | awk '{print $NF}')")
    rss+=("$(grep 'Maximum resident' "$out/time-$i.log" | awk '{print $NF}')")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
secs=(); for w in "${walls[@]}"; do secs+=("$(echo "$w" | awk -F: '{print $(NF-1)*60+$NF}')"); done
echo "build (compatible+github), $runs runs: median $(median "${secs[@]}") s wall, median peak RSS $(( $(median "${rss[@]}") / 1024 )) MB; runs: ${secs[*]}"
tail -1 "$out/time-1.log" >/dev/null
grep -h 'built\|error' "$out/time-$runs.log" | grep -v 'Command' | head -2 || true
