"""Turn the states of states.py into convergence cases: each state to the next, every tenth
state to the one ten later, and empty to the last. Each case also runs backwards (the
loop's reverse check), so both directions of every step are covered.

    python pairs.py STATES_DIR CASES_DIR [PREFIX]
"""
import os
import re
import sys


def key(sql):
    return re.sub(r"^\\(un)?restrict .*$", "", sql, flags=re.M)


states_dir, cases_dir = sys.argv[1], sys.argv[2]
prefix = sys.argv[3] if len(sys.argv) > 3 else "app"
states = []
for f in sorted(os.listdir(states_dir)):
    if f.endswith(".sql"):
        sql = open(os.path.join(states_dir, f)).read()
        # pg_dump's random \restrict key is no change of schema.
        if not states or key(sql) != key(states[-1][1]):
            states.append((f[:-4], sql))


def case(i, j):
    d = os.path.join(cases_dir, f"{prefix}_{i:03d}_{j:03d}__{states[j][0][4:44]}")
    os.makedirs(d, exist_ok=True)
    open(os.path.join(d, "from.sql"), "w").write(states[i][1])
    open(os.path.join(d, "to.sql"), "w").write(states[j][1])


pairs = [(i, i + 1) for i in range(len(states) - 1)]
pairs += [(i, i + 10) for i in range(1, len(states) - 10, 10)]
pairs.append((0, len(states) - 1))
for i, j in pairs:
    case(i, j)
print(f"{len(states)} states, {len(pairs)} cases", file=sys.stderr)
