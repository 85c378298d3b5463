"""Writes reference.json from queueing.py, the analytical reference.

Usage: python3 gen.py PATH/TO/queueing.py > reference.json
"""
import importlib.util
import json
import sys

spec = importlib.util.spec_from_file_location("queueing", sys.argv[1])
q = importlib.util.module_from_spec(spec)
spec.loader.exec_module(q)

out = {"erlang_c": [], "erlang_a": [], "mg1": [], "tandem": [], "staff": []}
for c in [1, 2, 5, 10, 20, 50, 100, 500]:
    for rho in [0.5, 0.8, 0.95]:
        lam, mu, t = rho * c, 1.0, 0.25
        r = q.mmc(lam, mu, c, t)
        out["erlang_c"].append({
            "lambda": lam, "mu": mu, "c": c, "t": t,
            "p_wait": r["p_wait"], "wq": r["mean_wait"], "lq": r["mean_queue_length"],
            "service_level": r["service_level"], "p90": r["wait_percentiles"]["p90"],
        })
for lam, mu, c, theta, t in [(9, 1, 10, 0.5, 0.5), (4, 0.25, 18, 1 / 3, 1 / 3), (12, 1, 10, 1, 0.2),
                             (2, 1, 3, 0.1, 1), (45, 1, 50, 2, 0.1), (9, 1, 10, 1e-6, 0.5)]:
    r = q.erlang_a(lam, mu, c, theta, t)
    out["erlang_a"].append({
        "lambda": lam, "mu": mu, "c": c, "theta": theta, "t": t,
        "p_wait": r["p_wait"], "p_abandon": r["p_abandon"], "wq": r["mean_wait"],
        "wait_served": r["mean_wait_served"], "lq": r["mean_queue_length"],
        "service_level": r["service_level_of_offered"],
    })
for lam, mean, scv in [(0.5, 1, 1), (0.8, 1, 0), (0.8, 1, 0.25), (0.9, 1, 2), (0.3, 2, 0.5)]:
    out["mg1"].append({"lambda": lam, "mean": mean, "scv": scv, "wq": q.mg1(lam, mean, scv)["mean_wait"]})
stations = [{"mu": 1, "c": 10}, {"mu": 0.5, "c": 20}, {"mu": 0.5, "c": 9, "visits": 0.4}]
r = q.tandem(8, stations)
out["tandem"].append({"lambda": 8, "stations": stations, "sojourn": r["mean_end_to_end_sojourn"],
                      "per": [s["mean_wait"] for s in r["stations"]]})
for lam, mu, t, sl in [(9, 1, 0.5, 0.8), (100, 0.25, 1 / 3, 0.8), (2, 1, 0.1, 0.95)]:
    c, _ = q.mmc_min_servers(lam, mu, t=t, target_sl=sl)
    out["staff"].append({"model": "C", "lambda": lam, "mu": mu, "t": t, "sl": sl, "c": c})
for lam, mu, theta, t, sl in [(9, 1, 0.5, 0.5, 0.8), (30, 0.25, 1 / 3, 1 / 3, 0.8)]:
    c, _ = q.erlang_a_min_servers(lam, mu, theta, t=t, target_sl=sl)
    out["staff"].append({"model": "A", "lambda": lam, "mu": mu, "theta": theta, "t": t, "sl": sl, "c": c})
json.dump(out, sys.stdout, indent=1)
print()
