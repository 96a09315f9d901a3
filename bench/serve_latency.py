#!/usr/bin/env python3
"""Save-to-served latency of a running `jiayuan serve`, measured by a poller on loopback.

    python3 bench/serve_latency.py PORT SITE_DIR [EDITS]     # EDITS per kind, default 5

For each kind, EDITS pages of the site's `news` section are edited one after another,
each file written whole to a temporary file and renamed over the page, as editors save:

- body:  a new sentence at the end of a page's body; polled on the page itself;
- title: a new title for one of the newest pages; polled on /news/, the section's
         first list page, until the list shows it;
- tag:   a new tag on one of the newest pages; polled on the new tag's page
         (/tags/<tag>/) until it lists the page.

- section: a new sentence in the body of `news/_index.md`; polled on /news/;
- new:     a new page in `news/`, dated newest, with a new tag; polled on /news/ until
           the list shows it;
- deleted: one of the new pages removed again; polled on /news/ until the list no
           longer shows it.

After each body edit it also waits for the search index (the manifest under
/search/index/ changes), reported as "search" from the same save. Only 127.0.0.1 is
polled. Prints one line per edit and the median per kind, in milliseconds.
Python 3 standard library only.
"""

import os
import re
import statistics
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

POLL_EVERY = 0.002
GIVE_UP = 120.0


def fetch(port, path):
    url = f"http://127.0.0.1:{port}{urllib.parse.quote(path)}"
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError):
        return None


def wait_for(port, path, needle, since):
    while time.perf_counter() - since < GIVE_UP:
        body = fetch(port, path)
        if body is not None and needle in body:
            return (time.perf_counter() - since) * 1000
        time.sleep(POLL_EVERY)
    raise SystemExit(f"serve_latency: {path} never showed {needle!r}")


def wait_changed(port, path, before, since):
    while time.perf_counter() - since < GIVE_UP:
        body = fetch(port, path)
        if body is not None and body != before:
            return (time.perf_counter() - since) * 1000
        time.sleep(POLL_EVERY)
    raise SystemExit(f"serve_latency: {path} never changed")


def save(path, text):
    tmp = os.path.join(os.path.dirname(path), ".bench-save.tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def news_pages(site):
    """(date, path) of the news section's pages, newest first."""
    folder = os.path.join(site, "content", "news")
    pages = []
    for name in sorted(os.listdir(folder)):
        if name.endswith(".md") and name != "_index.md":
            path = os.path.join(folder, name)
            with open(path, encoding="utf-8") as f:
                m = re.search(r"^date: (\S+)", f.read(), re.M)
            pages.append((m.group(1) if m else "", path))
    pages.sort(reverse=True)
    return pages


def url_of(path):
    return "/news/" + os.path.basename(path)[: -len(".md")] + "/"


def main():
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    port, site = int(sys.argv[1]), sys.argv[2]
    edits = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    pages = news_pages(site)
    manifest = "/search/index/manifest.json"
    results = {"body": [], "search": [], "title": [], "tag": [], "section": [], "new": [], "deleted": []}
    stamp = str(int(time.time()))[-6:]
    for i in range(edits):
        _, path = pages[len(pages) // 2 + i]
        with open(path, encoding="utf-8") as f:
            text = f.read()
        sentence = f"基准测试新增的第{i}句{stamp}。"
        before = fetch(port, manifest)
        t = time.perf_counter()
        save(path, text.rstrip("\n") + "\n\n" + sentence + "\n")
        results["body"].append(wait_for(port, url_of(path), sentence, t))
        results["search"].append(wait_changed(port, manifest, before, t))
        print(f"body {i}: {results['body'][-1]:.0f} ms, search {results['search'][-1]:.0f} ms", flush=True)
    for i in range(edits):
        _, path = pages[i]
        with open(path, encoding="utf-8") as f:
            text = f.read()
        title = f"基准测试标题{i}号{stamp}"
        t = time.perf_counter()
        save(path, re.sub(r"^title: .*$", f"title: {title}", text, count=1, flags=re.M))
        results["title"].append(wait_for(port, "/news/", title, t))
        print(f"title {i}: {results['title'][-1]:.0f} ms", flush=True)
    for i in range(edits):
        _, path = pages[i]
        with open(path, encoding="utf-8") as f:
            text = f.read()
        tag = f"基准标签{i}号{stamp}"
        t = time.perf_counter()
        save(path, re.sub(r"^tags: \[", f"tags: [{tag}, ", text, count=1, flags=re.M))
        results["tag"].append(wait_for(port, f"/tags/{tag}/", url_of(path), t))
        print(f"tag {i}: {results['tag'][-1]:.0f} ms", flush=True)
    section(port, site, edits, stamp, results)
    come_and_go(port, site, edits, stamp, results)
    for kind, values in results.items():
        print(f"median {kind}: {statistics.median(values):.0f} ms ({len(values)} edits)")


def section(port, site, edits, stamp, results):
    path = os.path.join(site, "content", "news", "_index.md")
    for i in range(edits):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        sentence = f"栏目说明第{i}句{stamp}。"
        t = time.perf_counter()
        save(path, text.rstrip("\n") + "\n\n" + sentence + "\n")
        results["section"].append(wait_for(port, "/news/", sentence, t))
        print(f"section {i}: {results['section'][-1]:.0f} ms", flush=True)


def come_and_go(port, site, edits, stamp, results):
    folder = os.path.join(site, "content", "news")
    added = []
    for i in range(edits):
        name = f"bench-new-{stamp}-{i}"
        path = os.path.join(folder, name + ".md")
        title = f"基准新增页面{i}号{stamp}"
        text = (f"---\ntitle: {title}\ndate: 2025-12-2{i + 1}\ntags: [基准新页{i}号{stamp}]\n---\n"
                f"新页面的正文{i}。\n")
        t = time.perf_counter()
        save(path, text)
        results["new"].append(wait_for(port, "/news/", title, t))
        added.append((path, title))
        print(f"new {i}: {results['new'][-1]:.0f} ms", flush=True)
    for i, (path, title) in enumerate(added):
        t = time.perf_counter()
        os.remove(path)
        results["deleted"].append(wait_gone(port, "/news/", title, t))
        print(f"deleted {i}: {results['deleted'][-1]:.0f} ms", flush=True)


def wait_gone(port, path, needle, since):
    while time.perf_counter() - since < GIVE_UP:
        body = fetch(port, path)
        if body is not None and needle not in body:
            return (time.perf_counter() - since) * 1000
        time.sleep(POLL_EVERY)
    raise SystemExit(f"serve_latency: {path} still shows {needle!r}")


if __name__ == "__main__":
    main()
