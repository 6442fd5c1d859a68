"""Where the bytes of a .wasm go: its sections, the code by crate, the
largest functions, and the embedded index, raw and gzip -9.

    python3 bench/size/wasm_size.py MODULE.wasm [INDEX.bin]

The module should keep its "name" section (build with
CARGO_PROFILE_RELEASE_STRIP=false, as bench/size/run.sh does), or functions
cannot be told apart. Prints Markdown.
"""
import collections
import gzip
import re
import sys

SECTIONS = {0: "custom", 1: "type", 2: "import", 3: "function", 4: "table", 5: "memory", 6: "global",
            7: "export", 8: "start", 9: "elem", 10: "code", 11: "data", 12: "datacount"}


def leb(b, i):
    """An unsigned LEB128 at b[i]: (value, next index)."""
    value = shift = 0
    while True:
        byte = b[i]
        i += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, i


def gz(data):
    return len(gzip.compress(data, 9))


def sections(b):
    """[(name, body bytes)] in module order; custom sections named by their own name."""
    out, i = [], 8
    while i < len(b):
        sid = b[i]
        size, i = leb(b, i + 1)
        body = b[i:i + size]
        name = SECTIONS.get(sid, str(sid))
        if sid == 0:
            n, j = leb(body, 0)
            name = "custom: " + body[j:j + n].decode()
            body = body[j + n:]
        out.append((name, body))
        i += size
    return out


def imported_functions(body):
    count, j = leb(body, 0)
    functions = 0
    for _ in range(count):
        for _ in range(2):  # module and field names
            n, j = leb(body, j)
            j += n
        kind = body[j]
        j += 1
        if kind == 0:
            _, j = leb(body, j)
            functions += 1
        elif kind == 1:  # table: element type, limits
            flags = body[j + 1]
            _, j = leb(body, j + 2)
            if flags & 1:
                _, j = leb(body, j)
        elif kind == 2:  # memory: limits
            flags = body[j]
            _, j = leb(body, j + 1)
            if flags & 1:
                _, j = leb(body, j)
        elif kind == 3:  # global: type, mutability
            j += 2
    return functions


def function_names(body):
    names, j = {}, 0
    while j < len(body):
        sub = body[j]
        size, j = leb(body, j + 1)
        if sub == 1:
            k = 0
            count, k = leb(body[j:j + size], 0)
            data = body[j:j + size]
            for _ in range(count):
                index, k = leb(data, k)
                n, k = leb(data, k)
                names[index] = data[k:k + n].decode("utf-8", "replace")
                k += n
        j += size
    return names


def crate(name):
    """The crate a (demangled) function name belongs to, roughly: the first path segment."""
    name = re.sub(r"\[[0-9a-f]+\]", "", name).lstrip("<&").removeprefix("mut ").removeprefix("dyn ")
    match = re.match(r"([A-Za-z_][A-Za-z0-9_]*)::", name)
    return match.group(1) if match else "(other)"


def main(module, index=None):
    b = open(module, "rb").read()
    secs = sections(b)
    print(f"## `{module.split('/')[-1]}`: {len(b):,} B, {gz(b):,} B gzip\n")
    print("| section | raw | gzip |\n|---|--:|--:|")
    for name, body in secs:
        print(f"| {name} | {len(body):,} | {gz(body):,} |")
    by_id = dict(secs)
    if index:
        ib = open(index, "rb").read()
        print(f"| of data: the index (`index.bin`) | {len(ib):,} | {gz(ib):,} |")
        data = by_id.get("data", b"")
        print(f"| of data: everything else (static tables, strings) | {len(data) - len(ib):,} | ~{gz(data) - gz(ib):,} |")
    names = function_names(by_id.get("custom: name", b""))
    if not names:
        print("\n(no name section: build with CARGO_PROFILE_RELEASE_STRIP=false to see functions)")
        return
    first = imported_functions(by_id.get("import", b"\x00"))
    code = by_id["code"]
    count, j = leb(code, 0)
    functions = []
    for f in range(count):
        size, k = leb(code, j)
        functions.append((size, names.get(first + f, f"function {first + f}")))
        j = k + size
    per_crate = collections.Counter()
    for size, name in functions:
        per_crate[crate(name)] += size
    print("\n| code by crate | raw bytes | functions |\n|---|--:|--:|")
    counts = collections.Counter(crate(n) for _, n in functions)
    for name, size in per_crate.most_common(15):
        print(f"| {name} | {size:,} | {counts[name]} |")
    print("\n| largest functions | raw bytes |\n|---|--:|")
    for size, name in sorted(functions, reverse=True)[:20]:
        short = re.sub(r"::h[0-9a-f]{16}$", "", re.sub(r"\[[0-9a-f]+\]", "", name))
        print(f"| `{short[:110]}` | {size:,} |")


if __name__ == "__main__":
    main(*sys.argv[1:])
