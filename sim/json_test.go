package sim

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"testing"
)

// The structs encoding/json wrote before the MarshalJSON methods appended
// their JSON directly, with *float64 for a number that may be null.
type (
	refEstimate struct {
		Mean      *float64 `json:"mean"`
		HalfWidth *float64 `json:"half_width"`
		N         int      `json:"n"`
	}
	refKPI struct {
		Name     string      `json:"name"`
		Stage    string      `json:"stage,omitempty"`
		Group    string      `json:"group"`
		Label    string      `json:"label"`
		Unit     Unit        `json:"unit"`
		Estimate refEstimate `json:"estimate"`
		Values   []*float64  `json:"values"`
	}
	refInterval struct {
		Stage        string      `json:"stage"`
		Weekday      string      `json:"weekday,omitempty"`
		From         float64     `json:"from_min"`
		To           float64     `json:"to_min"`
		Closed       bool        `json:"closed,omitempty"`
		Arrivals     refEstimate `json:"arrivals_per_hour"`
		Wait         refEstimate `json:"wait_mean_min"`
		ServiceLevel refEstimate `json:"service_level"`
		Utilisation  refEstimate `json:"utilisation"`
		Staff        refEstimate `json:"staff"`
		OnDuty       refEstimate `json:"staff_on_duty"`
		Queue        refEstimate `json:"queue_mean"`
	}
)

func refNum(f float64) *float64 {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil
	}
	return &f
}

func refEst(e Estimate) refEstimate { return refEstimate{refNum(e.Mean), refNum(e.HalfWidth), e.N} }

// TestMarshalJSONDirect wants the estimates, KPIs and interval rows, and
// a document of them indented as summary.json is, to be what encoding/json
// writes for the same values: numbers of every magnitude, NaN and
// infinities (null), strings with characters JSON or HTML escape, and the
// optional fields present and absent.
func TestMarshalJSONDirect(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	num := func() float64 {
		switch r.IntN(8) {
		case 0:
			return []float64{0, math.Copysign(0, -1), math.NaN(), math.Inf(1), math.Inf(-1), 1e-6, 1e21,
				math.Nextafter(1e-6, 0), math.Nextafter(1e21, 0), 1e-7, 5e-324, math.MaxFloat64}[r.IntN(12)]
		case 1:
			return math.Float64frombits(r.Uint64())
		case 2:
			return float64(r.IntN(1000))
		default:
			return (r.Float64() - 0.3) * math.Pow(10, float64(r.IntN(50)-25))
		}
	}
	strs := []string{"", "server", "booking", "wait.mean", "served within 20s", `a "quoted" \\ name`,
		"<b>&amp;</b>", "tab\there\nline", "caf\u00e9", "\u653f\u52a1", "\u2028\u2029", "bad \xff utf-8", "\x01"}
	str := func() string { return strs[r.IntN(len(strs))] }
	est := func() Estimate { return Estimate{num(), num(), r.IntN(200)} }
	var kpis []KPI
	var rows []IntervalRow
	for i := range 400 {
		k := KPI{Name: str(), Group: str(), Label: str(), Unit: Unit(str()), Estimate: est()}
		if i%2 == 0 {
			k.Stage = str()
		}
		for range r.IntN(4) {
			k.Values = append(k.Values, num())
		}
		kpis = append(kpis, k)
		row := IntervalRow{Stage: str(), From: float64(r.IntN(1440)), To: r.Float64() * 1e4, Closed: i%3 == 0,
			Arrivals: est(), Wait: est(), ServiceLevel: est(), Utilisation: est(), Staff: est(), OnDuty: est(), Queue: est()}
		if i%2 == 1 {
			row.Weekday = str()
		}
		rows = append(rows, row)
	}
	var refKPIs []refKPI
	for _, k := range kpis {
		rk := refKPI{Name: k.Name, Stage: k.Stage, Group: k.Group, Label: k.Label, Unit: k.Unit, Estimate: refEst(k.Estimate)}
		for _, v := range k.Values {
			rk.Values = append(rk.Values, refNum(v))
		}
		refKPIs = append(refKPIs, rk)
	}
	var refRows []refInterval
	for _, x := range rows {
		refRows = append(refRows, refInterval{x.Stage, x.Weekday, x.From, x.To, x.Closed, refEst(x.Arrivals), refEst(x.Wait),
			refEst(x.ServiceLevel), refEst(x.Utilisation), refEst(x.Staff), refEst(x.OnDuty), refEst(x.Queue)})
	}
	for i := range kpis {
		same(t, "KPI", kpis[i], refKPIs[i])
		same(t, "interval row", rows[i], refRows[i])
	}
	// As summary.json is written: indented, without HTML escaping by the
	// encoder, each KPI and row as json.Marshal wrote it before (with
	// HTML escaping).
	raw := func(v any) json.RawMessage {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	var rawKPIs, rawRows []json.RawMessage
	for i := range refKPIs {
		rawKPIs, rawRows = append(rawKPIs, raw(refKPIs[i])), append(rawRows, raw(refRows[i]))
	}
	indented := func(v any) []byte {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(v); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	type doc struct {
		KPIs      any `json:"kpis"`
		Intervals any `json:"intervals"`
	}
	if got, want := indented(doc{kpis, rows}), indented(doc{rawKPIs, rawRows}); !bytes.Equal(got, want) {
		t.Errorf("indented documents differ:\n%.300s\nwant\n%.300s", got, want)
	}
	if _, err := json.Marshal(IntervalRow{From: math.NaN()}); err == nil {
		t.Error("interval row from NaN: got no error; want encoding/json's")
	}
}

// same wants v's MarshalJSON to give json.Marshal(ref).
func same(t *testing.T, what string, v json.Marshaler, ref any) {
	t.Helper()
	got, err := v.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	want, err := json.Marshal(ref)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s:\n got %s\nwant %s", what, got, want)
	}
}

// TestResultsAppendJSON wants AppendJSON to write what encoding/json
// writes for Results with HTML escaping off, as summary.json is written:
// with every optional part present and absent, strings JSON or HTML would
// escape, and encoding/json's error for a number it cannot write.
func TestResultsAppendJSON(t *testing.T) {
	est := func(f float64) Estimate { return Estimate{f, f / 10, 3} }
	full := &Results{
		Model: `a <b> & "c"`, Seed: 1<<64 - 1, Replications: 3, Confidence: 0.95, Days: 28, Warmup: 1e-7, Interval: 30,
		Stages: []string{"booking", "caf\u00e9", "\u2028", "bad \xff"}, Pools: []string{"desk"},
		KPIs: []KPI{
			{Name: "booking.wait.mean", Stage: "booking", Group: "booking", Label: "wait <mean>", Unit: Minutes, Estimate: est(2), Values: []float64{1, math.NaN(), 3}},
			{Name: "journey.customers", Group: "journey", Label: "customers", Unit: Customers, Estimate: est(math.Inf(1))},
		},
		Intervals:     []IntervalRow{{Stage: "booking", From: 0, To: 30, Arrivals: est(4)}, {Stage: "x&y", From: 30, To: 60, Closed: true}},
		ByWeekday:     []IntervalRow{{Stage: "booking", Weekday: "mon", From: 0, To: 30, Wait: est(1e21)}},
		PoolIntervals: []PoolIntervalRow{{Pool: "desk", From: 0, To: 30, Busy: est(2)}},
		PoolByWeekday: []PoolIntervalRow{{Pool: "desk", Weekday: "tue", From: 0, To: 30}},
		OpenDays:      20, OpenDaysPerWeek: 5,
		DayRows:  []DayRow{{Day: 1, Weekday: "tue", Open: true, Rating: est(8)}},
		Breaches: []Breach{{KPI: "booking.wait.mean", Stage: "booking", From: -1, To: -1, Above: true, Limit: 1, Value: 2, Share: 0.5}},
		Events:   1 << 40,
	}
	reference := func(r *Results) ([]byte, error) {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if err := enc.Encode((*resultsJSON)(r)); err != nil {
			return nil, err
		}
		return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
	}
	nan := math.NaN()
	tests := []struct {
		name string
		r    *Results
	}{
		{"every part", full},
		{"nothing", &Results{}},
		{"no optional parts", &Results{Model: "m", Stages: []string{}, KPIs: []KPI{}, Intervals: []IntervalRow{}}},
		{"NaN confidence", &Results{Confidence: nan}},
		{"NaN open days", &Results{OpenDays: nan}},
		{"infinite interval", &Results{Intervals: []IntervalRow{{To: math.Inf(1)}}}},
		{"NaN weekday interval", &Results{ByWeekday: []IntervalRow{{From: nan}}}},
		{"NaN breach", &Results{Breaches: []Breach{{Value: nan}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want, wantErr := reference(tt.r)
			got, err := tt.r.AppendJSON([]byte("prefix"))
			if (err != nil) != (wantErr != nil) {
				t.Fatalf("got error %v; want %v", err, wantErr)
			}
			if err != nil {
				return
			}
			if !bytes.Equal(got, append([]byte("prefix"), want...)) {
				t.Errorf("got\n%s\nwant\nprefix%s", got, want)
			}
		})
	}
}
