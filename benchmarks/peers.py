"""Run by the peers' own interpreter (benchmarks/.work/peers-venv): pyworkforce and ciw.

Reads a JSON job on stdin, prints a JSON result. Not imported by cxkit.
"""

import json
import sys
import time


def erlang_c(job):
    from pyworkforce.queuing import ErlangC

    out = []
    t0 = time.perf_counter()
    for offered, aht_s in zip(job["offered"], job["aht_s"], strict=True):
        if offered <= 0:
            out.append(0)
            continue
        e = ErlangC(
            transactions=offered,
            aht=aht_s / 60,
            asa=job["threshold_s"] / 60,
            interval=job["interval_min"],
        )
        out.append(e.required_positions(service_level=job["service_level"])["raw_positions"])
    return {"seconds": time.perf_counter() - t0, "agents": out}


def ciw_mmcm(job):
    import ciw

    lam, mu, c, hours = job["lam"], 1 / job["aht_s"], job["agents"], job["hours"]
    kw = {}
    if job.get("patience_s"):
        kw["reneging_time_distributions"] = [ciw.dists.Exponential(1 / job["patience_s"])]
    net = ciw.create_network(
        arrival_distributions=[ciw.dists.Exponential(lam)],
        service_distributions=[ciw.dists.Exponential(mu)],
        number_of_servers=[c],
        **kw,
    )
    sls, n_total = [], 0
    t0 = time.perf_counter()
    for rep in range(job["replications"]):
        ciw.seed(rep)
        q = ciw.Simulation(net)
        q.simulate_until_max_time(hours * 3600)
        recs = q.get_all_records()
        warm = job["warmup_h"] * 3600
        offered = [r for r in recs if r.arrival_date >= warm]
        within = sum(
            1
            for r in offered
            if r.record_type == "service" and r.waiting_time <= job["threshold_s"]
        )
        n_total += len(recs)
        sls.append(100 * within / len(offered))
    return {
        "seconds": time.perf_counter() - t0,
        "contacts": n_total,
        "service_level_pct": sum(sls) / len(sls),
    }


if __name__ == "__main__":
    job = json.load(sys.stdin)
    print(json.dumps({"erlang_c": erlang_c, "ciw_mmcm": ciw_mmcm}[job["kind"]](job)))
