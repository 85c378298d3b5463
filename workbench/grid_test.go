package workbench

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/svcsim/svcsim/scenarios"
)

// pooledScenario is the built-in reception's pool variant as a file's
// base: booking and follow_up have no staff of their own, pool desk
// serves both.
const pooledScenario = `name: pooled
days: 7
start: monday
interval: 1h
replications: 5
seed: 16
open:
  mon-fri: 08:00-18:00
channels:
  - name: phone
    rates: {08:00-10:00: 24/h, 10:00-13:00: 18/h, 13:00-18:00: 10/h}
    route: [booking, {stage: follow_up, probability: 0.4}]
stages:
  - name: booking
    service: exponential(4m)
    patience: exponential(8m)
    target: 30s
    at_close: send_away
  - name: follow_up
    service: exponential(6m)
    delay: exponential(2h)
    target: 4h
    at_close: carry_over
pools:
  - name: desk
    staff: {08:00-13:00: 3, 13:00-18:00: 2}
    cost: 24
    rule: priority
    serves: [booking, follow_up]
`

// TestPoolRows opens a scenario whose stages are staffed by a pool: the
// grid has a row for the pool with its headcount, which the page shows
// locked and explains; an edit that leaves it alone runs, one that
// changes it is refused, a variant of the demand leaves it as it is, and
// the staffing help and the rota say why they have nothing to fill.
func TestPoolRows(t *testing.T) {
	b := newBench(t, Options{})
	if err := os.WriteFile(filepath.Join(b.dir, "pooled.yaml"), []byte(pooledScenario), 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := b.w.doc("file:pooled.yaml", "")
	if err != nil {
		t.Fatal(err)
	}
	g := d.Grid
	if g.Why != "" || len(g.Rows) != 1 {
		t.Fatalf("grid: why %q, %d rows; want one row, for the pool", g.Why, len(g.Rows))
	}
	r := g.Rows[0]
	want := []int{3, 3, 3, 3, 3, 2, 2, 2, 2, 2}
	if r.Label() != "pool desk" || r.DaysText != "mon-fri" || !slices.Equal(r.Values, want) || r.Why == "" {
		t.Errorf("row %q on %s: %v, why %q; want pool desk on mon-fri: %v, locked", r.Label(), r.DaysText, r.Values, r.Why, want)
	}
	for _, w := range []string{"booking and follow_up served by pool desk", "cannot be edited here yet"} {
		if !strings.Contains(g.Note, w) {
			t.Errorf("note %q; want it to say %q", g.Note, w)
		}
	}

	status, _, body := b.get("/open?id=file:pooled.yaml")
	for _, w := range []string{">pool desk<", `id="gridnote"`, "served by pool desk", " readonly"} {
		if status != 200 || !strings.Contains(body, w) {
			t.Errorf("page: status %d, no %q", status, w)
		}
	}

	status, lines := b.post("/api/run", runRequest(d, d.Unchanged()))
	var base resultView
	last(t, lines, "result", &base)
	if status != 200 || len(base.KPIs) == 0 {
		t.Errorf("unchanged: status %d, %+v", status, base)
	}
	e := d.Unchanged()
	e.Staff[0][0]++
	_, lines = b.post("/api/run", runRequest(d, e))
	if !strings.Contains(string(lines[len(lines)-1]["error"]), "pool desk: cannot be changed here") {
		t.Errorf("pool changed: %s; want it refused", lines)
	}

	// A variant of the demand alone leaves the pool as it is.
	e = d.Unchanged()
	e.Demand[0] = 120
	q := runRequest(d, e)
	q["name"], q["mode"] = "busier", "variant"
	if status, lines = b.post("/api/save", q); status != 200 {
		t.Fatalf("save: status %d %s", status, lines)
	}
	sc, err := scenarios.Load(filepath.Join(b.dir, "pooled.yaml"))
	if err != nil {
		t.Fatalf("the saved file: %v", err)
	}
	if v := sc.Variants[len(sc.Variants)-1]; v.Name() != "busier" || len(v.Model.Pools) != 1 || !slices.Equal(v.Model.Pools[0].Staff[1], sc.Model.Pools[0].Staff[1]) {
		t.Errorf("saved variant %q: pools %+v; want the file's pool", v.Name(), v.Model.Pools)
	}

	q = runRequest(d, d.Unchanged())
	q["targets"] = "booking.service_level >= 80%"
	_, lines = b.post("/api/staffing", q)
	if msg := string(lines[len(lines)-1]["error"]); !strings.Contains(msg, "served by pool desk") {
		t.Errorf("staffing help: %s; want it to name the pool", msg)
	}
	// With shift patterns for the pool, the rota says it is left to
	// svcsim rota.
	text, err := os.ReadFile("../staffing/testdata/reception_pool_rota.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(b.dir, "desk.yaml"), text, 0o644); err != nil {
		t.Fatal(err)
	}
	rd, err := b.w.doc("file:desk.yaml", "")
	if err != nil {
		t.Fatal(err)
	}
	if why := rd.RotaWhy(); !strings.Contains(why, "pool desk") || !strings.Contains(why, "svcsim rota") {
		t.Errorf("rota: %q; want it to name the pool and svcsim rota", why)
	}
}
