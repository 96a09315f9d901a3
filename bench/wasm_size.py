#!/usr/bin/env python3
"""Where a wasm file's bytes go, by crate: code (function bodies) and data segments.

    python3 bench/wasm_size.py target/wasm32-unknown-unknown/wasm/wasm_search.wasm

Reads the file cargo writes before wasm-bindgen (it keeps the `name` section), adds up
each function body's size under the crate its name starts with (`<A as B>::f` counts
for A's crate; generic code instantiated for a crate's types counts where it is
defined, e.g. `core::ptr::drop_in_place<tantivy::…>` under core), and prints a
Markdown table. Data segments are one row. Custom sections are left out.
"""
import re
import sys


def leb(buf, i):
    result = shift = 0
    while True:
        b = buf[i]
        i += 1
        result |= (b & 0x7F) << shift
        shift += 7
        if b < 0x80:
            return result, i


def sections(buf):
    assert buf[:4] == b"\0asm", "not a wasm file"
    i = 8
    while i < len(buf):
        sid = buf[i]
        size, j = leb(buf, i + 1)
        yield sid, buf[j:j + size]
        i = j + size


def imported_functions(body):
    n, i = leb(body, 0)
    count = 0
    for _ in range(n):
        for _ in range(2):  # module, field
            length, i = leb(body, i)
            i += length
        kind = body[i]
        i += 1
        if kind == 0:
            _, i = leb(body, i)
            count += 1
        elif kind == 1:  # table: reftype, limits
            i += 1
            flags, i = leb(body, i)
            _, i = leb(body, i)
            if flags & 1:
                _, i = leb(body, i)
        elif kind == 2:  # memory
            flags, i = leb(body, i)
            _, i = leb(body, i)
            if flags & 1:
                _, i = leb(body, i)
        elif kind == 3:  # global
            i += 2
    return count


def function_names(body):
    names = {}
    i = 0
    while i < len(body):
        sub = body[i]
        size, j = leb(body, i + 1)
        if sub == 1:
            n, k = leb(body, j)
            for _ in range(n):
                index, k = leb(body, k)
                length, k = leb(body, k)
                names[index] = body[k:k + length].decode("utf-8", "replace")
                k += length
        i = j + size
    return names


def demangle_head(name):
    """The first path segment of a (possibly mangled) Rust symbol."""
    if name.startswith("_R"):  # v0 mangling: the first crate root, C<disambiguator>?<len><ident>
        m = re.search(r"C(?:s[0-9A-Za-z]*_)?(\d+)", name)
        if m:
            return name[m.end():m.end() + int(m.group(1))]
    m = re.match(r"_ZN(\d+)", name)
    if m:
        length = int(m.group(1))
        start = m.end()
        name = name[start:start + length]
        for code, text in (("$LT$", "<"), ("$GT$", ">"), ("$RF$", "&"), ("$u20$", " "),
                           ("$BP$", "*"), ("$u5b$", "["), ("..", "::")):
            name = name.replace(code, text)
    name = name.lstrip("<&*_$ ").replace("mut ", "").replace("dyn ", "")
    generic = re.match(r"[A-Z]\w* as (.*)", name)  # <T as Trait>: the trait's crate
    if generic:
        name = generic.group(1)
    return re.split(r"::|\$|<| |\[|\(", name, maxsplit=1)[0] or "?"


def main(path):
    buf = open(path, "rb").read()
    imports = 0
    bodies = []
    data = 0
    names = {}
    for sid, body in sections(buf):
        if sid == 2:
            imports = imported_functions(body)
        elif sid == 10:
            n, i = leb(body, 0)
            for _ in range(n):
                size, j = leb(body, i)
                bodies.append(j + size - i)
                i = j + size
        elif sid == 11:
            data = len(body)
        elif sid == 0:
            length, i = leb(body, 0)
            if body[i:i + length] == b"name":
                names = function_names(body[i + length:])
    owners = {}
    for k, size in enumerate(bodies):
        owner = demangle_head(names.get(imports + k, "?"))
        owners[owner] = owners.get(owner, 0) + size
    owners["data segments (.rodata …)"] = data
    total = sum(owners.values())
    print(f"{path}: code and data {total:,} B ({len(bodies)} functions)\n")
    print("| owner | bytes | share |")
    print("|---|---:|---:|")
    for owner, size in sorted(owners.items(), key=lambda kv: (-kv[1], kv[0])):
        if size * 200 >= total:  # 0.5 % and more
            print(f"| {owner} | {size:,} | {100 * size / total:.1f}% |")
    rest = sum(s for s in owners.values() if s * 200 < total)
    print(f"| (others under 0.5%) | {rest:,} | {100 * rest / total:.1f}% |")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
