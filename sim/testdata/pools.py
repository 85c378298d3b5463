#!/usr/bin/env python3
# Usage, from the repository root, with queueing.py in DIR:
#   python3 sim/testdata/pools.py DIR > sim/testdata/pools.json
# Reference values for sim/pool_test.go: the pooled arrivals' M/M/c wait
# (Erlang C, queueing.py) and Cobham's non-preemptive priority waits per
# class, W_k = C(c, a) / (c mu (1 - s_{k-1}) (1 - s_k)).
import json, sys
sys.path.insert(0, sys.argv[1])
import queueing as q
cases = []
for lam, mu, c in [((0.8, 0.8), 1.0, 2), ((1.5, 3.0), 1.0, 5), ((2.0, 2.5), 1.0, 5)]:
    tot = sum(lam)
    mmc = q.mmc(tot, mu, c)
    C = q.erlang_c(c, tot / mu)
    s, prio = 0.0, []
    for l in lam:
        prio.append(C / (c * mu * (1 - s) * (1 - s - l / (c * mu))))
        s += l / (c * mu)
    cases.append({"lambda": list(lam), "mu": mu, "c": c, "p_wait": C,
                  "fcfs_wait": mmc["mean_wait"], "priority_wait": prio})
json.dump({"cases": cases}, sys.stdout, indent=1)
print()
