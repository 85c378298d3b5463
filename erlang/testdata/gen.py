"""Writes reference.json: analytical values computed by queueing.py.

Usage (from the erlang directory):

    python3 testdata/gen.py PATH/TO/queueing.py > testdata/reference.json

queueing.py is an independent implementation (Python standard library only);
it is not part of this repository, so the values are recorded here.
"""
import importlib.util
import json
import sys
from decimal import Decimal, getcontext

spec = importlib.util.spec_from_file_location("queueing", sys.argv[1])
q = importlib.util.module_from_spec(spec)
spec.loader.exec_module(q)


def pct(r):
    return {k: r["wait_percentiles"][k] for k in ("p50", "p80", "p90", "p95", "p99")}


def mmc(lam, mu, c, t):
    r = q.mmc(lam, mu, c, t)
    return {"lambda": lam, "mu": mu, "c": c, "t": t,
            "erlang_b": r["erlang_b"], "p_wait": r["p_wait"], "wq": r["mean_wait"],
            "lq": r["mean_queue_length"], "p_wait_gt_t": r["p_wait_gt_t"],
            "service_level": r["service_level"], "quantiles": pct(r)}


out = {"erlang_b": [], "erlang_c": [], "erlang_a": [], "mg1": [], "tandem": [], "staff": []}

# Erlang B by queueing.py's independent log-space sum (not the recursion).
for c, a in [(1, 0.5), (5, 3), (10, 9), (50, 40), (100, 95), (500, 475), (1000, 500), (1000, 950), (1000, 1000), (1000, 1100)]:
    out["erlang_b"].append({"c": c, "a": a, "b": q.erlang_b_log(c, a)})

# Erlang C: c x rho grid with mu = 0.5 (mean service 2) and t = 1 (half a
# service time); plus c = 1000.
for c in [1, 2, 5, 10, 20, 50, 100, 500, 1000]:
    for rho in [0.5, 0.8, 0.95] + ([0.99] if c == 1000 else []):
        mu = 0.5
        out["erlang_c"].append(mmc(rho * c * mu, mu, c, 1.0))

# Erlang A: (lambda, mu, c, theta) and the service-level thresholds.
cases = [
    (9, 1, 10, 0.5, [0, 0.5, 2]),
    (4, 0.25, 18, 1 / 3, [0, 1 / 3, 1]),
    (2, 1, 3, 0.1, [0, 1, 5]),
    (45, 1, 50, 2, [0, 0.1]),
    (475, 1, 500, 0.05, [0, 0.05, 0.5]),
    (9, 1, 10, 1e-6, [0, 0.5]),          # tiny theta: close to Erlang C
    (12, 1, 10, 1, [0, 0.2, 1]),         # rho = 1.2
    (1.2, 1, 1, 0.2, [0, 1, 10]),        # rho = 1.2, one server
    (120, 1, 100, 0.2, [0, 0.1, 1]),     # rho = 1.2, many servers
    (52, 1, 50, 0.1, [0, 0.1]),
]
# The same Erlang A closed forms and served-wait sum in 50-digit decimal
# arithmetic, with A(x, y) by its series for every y: a check on both
# implementations' floating-point error.
getcontext().prec = 50


def erlang_a_exact(lam, mu, c, theta, ts):
    lam, mu, theta = Decimal(lam), Decimal(mu), Decimal(theta)
    a, x, y = lam / mu, c * mu / theta, lam / theta
    rho = a / c

    def series(y, weight=lambda n: 1):
        s, w, term, n = Decimal(0), Decimal(0), Decimal(1), 0
        while True:
            if n > 0:
                term = term * y / (x + n)
            s += term
            w += term * weight(n)
            if y < x + n + 1 and term < s * Decimal(10) ** -45:
                return s, w
            n += 1

    b = Decimal(1)
    for k in range(1, c + 1):
        b = a * b / (k + a * b)
    big_a, _ = series(y)
    p_wait = 1 / (1 / (big_a * b) + 1 - 1 / big_a)
    p_ab = p_wait * (1 / (rho * big_a) + 1 - 1 / rho)
    h = {}

    def served(n):  # x/(x+n+1) sum_{j<=n} 1/(x+j+1), h cached by n
        h[n] = h.get(n - 1, Decimal(0)) + 1 / (x + n + 1)
        return x / (x + n + 1) * h[n]

    s, w = series(y, served)
    sl = []
    for t in ts:
        yt = y * (-theta * Decimal(t)).exp()
        at, _ = series(yt)
        pv = p_wait / big_a * at * (y - yt - c * mu * Decimal(t)).exp()
        sl.append([t, float(1 - p_ab - pv / rho * (1 - 1 / at))])
    return {"p_wait": float(p_wait), "p_abandon": float(p_ab),
            "wait_served": float(p_wait * w / s / theta / (1 - p_ab)), "service_level": sl}


for lam, mu, c, theta, ts in cases:
    r = q.erlang_a(lam, mu, c, theta)
    rec = {"lambda": lam, "mu": mu, "c": c, "theta": theta,
           "p_wait": r["p_wait"], "p_abandon": r["p_abandon"], "wq": r["mean_wait"],
           "wait_served": r["mean_wait_served"], "lq": r["mean_queue_length"],
           "service_level": [[t, q.erlang_a(lam, mu, c, theta, t)["service_level_of_offered"]] for t in ts]}
    rec["exact"] = erlang_a_exact(lam, mu, c, theta, ts)
    if lam < c * mu:
        rec["erlang_c"] = mmc(lam, mu, c, ts[-1])
    out["erlang_a"].append(rec)

for lam, mean, scv in [(0.5, 1, 1), (0.8, 1, 0), (0.8, 1, 0.25), (0.8, 1, 1), (0.8, 1, 4), (0.9, 1, 2), (0.3, 2, 0.5)]:
    out["mg1"].append({"lambda": lam, "mean": mean, "scv": scv, "wq": q.mg1(lam, mean, scv)["mean_wait"]})

for lam, stations in [
    (9, [{"mu": 1, "c": 10, "visits": 1}, {"mu": 0.5, "c": 20, "visits": 1}, {"mu": 0.5, "c": 9, "visits": 0.4}]),
    (8, [{"mu": 2, "c": 5, "visits": 1}, {"mu": 1, "c": 12, "visits": 1.3}, {"mu": 0.25, "c": 4, "visits": 0.1}]),
]:
    r = q.tandem(lam, stations)
    out["tandem"].append({"lambda": lam, "stations": stations, "sojourn": r["mean_end_to_end_sojourn"],
                          "per": [s["mean_wait"] for s in r["stations"]]})

for lam, mu, t, sl in [(9, 1, 0.5, 0.8), (100, 0.25, 1 / 3, 0.8), (2, 1, 0.1, 0.95), (0.1, 1, 0, 0.5), (950, 1, 0.05, 0.9)]:
    c, _ = q.mmc_min_servers(lam, mu, t=t, target_sl=sl)
    out["staff"].append({"model": "C", "lambda": lam, "mu": mu, "t": t, "sl": sl, "c": c})
for lam, mu, wq in [(9, 1, 0.1), (100, 0.25, 0.05), (0.5, 1, 2), (950, 1, 0.001)]:
    c, _ = q.mmc_min_servers(lam, mu, target_wq=wq)
    out["staff"].append({"model": "wait", "lambda": lam, "mu": mu, "wq": wq, "c": c})
for lam, mu, theta, t, sl in [(9, 1, 0.5, 0.5, 0.8), (30, 0.25, 1 / 3, 1 / 3, 0.8), (12, 1, 1, 0.2, 0.9), (2, 1, 0.1, 1, 0.5)]:
    c, _ = q.erlang_a_min_servers(lam, mu, theta, t=t, target_sl=sl)
    out["staff"].append({"model": "A", "lambda": lam, "mu": mu, "theta": theta, "t": t, "sl": sl, "c": c})

json.dump(out, sys.stdout, indent=1)
print()
