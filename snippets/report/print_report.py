"""Freeze report, part 3 of 4: print a row per layer and a verdict that names the surprises."""
# Continues record_modes.py: run the cells above first.


def print_report(rows, modes, counts, group_nested):
    """Print each row's flag, counts ([moved, all] trainable, [moved, all] non-trainable values)
    and modes; with `group_nested`, the layers of a nested model are summed by type."""
    table = {}  # row key -> (depth, label, layers, flags, modes, counts)
    surprises = {"frozen but moved": [], "frozen but in training mode": [],
                 "trainable but did not move": []}
    for _, b, path in rows:
        kind, c = type(b).__name__, counts[b]
        mode = (modes[b] or {"not run"}) if b in modes else {"-"}
        grouped = group_nested and len(path) > 1  # the layers of a nested model, by type
        key = (*path[:-1], kind) if grouped else path
        depth, name, n, flags, seen, total = table.get(
            key, (len(path) - 1, f"{b.name} ({kind})", 0, set(), set(), 0))
        table[key] = (depth, f"{kind} x {n + 1}" if grouped else name, n + 1,
                      flags | {str(b.trainable)}, seen | mode, total + c)
        if hasattr(b, "layers"):
            continue  # a nested model's surprises are named at its layers
        if not b.trainable and c[0] + c[2]:
            surprises["frozen but moved"].append("/".join(path))
        if not b.trainable and "training" in mode:
            surprises["frozen but in training mode"].append("/".join(path))
        if b.trainable and c[1] and not c[0]:
            surprises["trainable but did not move"].append("/".join(path))
    print("freeze report: one training step on a copy; a value moved if |after - before| > "
          "1e-6 * (1 + |before|)")
    print(f"{'layer (type)':31}{'trainable':11}{'trainable moved':17}"
          f"{'non-trainable moved':21}mode")
    for depth, name, _, flags, seen, c in table.values():
        print(f"{'  ' * depth + name:31}{'mixed' if len(flags) > 1 else flags.pop():11}"
              f"{f'{c[0]} of {c[1]}':17}{f'{c[2]} of {c[3]}':21}{', '.join(sorted(seen))}")
    found = [f"{k}: {', '.join(v[:4])}{f' and {len(v) - 4} more' * (len(v) > 4)}"
             for k, v in surprises.items() if v]
    found += [] if any(c[0] + c[2] for c in counts.values()) else ["nothing moved"]
    print("verdict:", "; ".join(found) or "no surprises")
