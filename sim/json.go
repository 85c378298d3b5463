package sim

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
)

// The MarshalJSON methods here append their JSON directly, byte for byte
// what encoding/json gives for the structs below (TestMarshalJSONDirect):
// a run's summary holds thousands of estimates, and a json.Marshal per
// estimate and per number, each output then checked and copied by the
// caller's encoder, made writing the results as slow as a day of
// simulation.

// jsonNum renders NaN and infinities as null, which JSON has no number for.
type jsonNum float64

func (v jsonNum) MarshalJSON() ([]byte, error) {
	return appendNum(nil, float64(v)), nil
}

// appendNum appends f as encoding/json writes a float64 (ES6 number
// formatting: %f-like, but exponent form below 1e-6 and from 1e21, with
// exponents unpadded), and NaN and infinities as null.
func appendNum(b []byte, f float64) []byte {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return append(b, "null"...)
	}
	format := byte('f')
	if a := math.Abs(f); a != 0 && (a < 1e-6 || a >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' { // e-09 to e-9
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

// appendStr appends s as json.Marshal writes a string: quoted, with HTML
// characters escaped. Plain ASCII, the usual case, is copied; anything
// else goes through json.Marshal.
func appendStr(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x80 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			q, _ := json.Marshal(s) // a string always marshals
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// appendPlainStr appends s as encoding/json writes a string with HTML
// escaping off, as it writes the fields of Results. Plain ASCII is copied;
// anything else goes through encoding/json.
func appendPlainStr(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x80 || c == '"' || c == '\\' {
			b, _ = appendEncoded(b, s) // a string always encodes
			return b
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// appendStrs appends ss as a JSON array of strings, or null for nil.
func appendStrs(b []byte, ss []string) []byte {
	if ss == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendPlainStr(b, s)
	}
	return append(b, ']')
}

// appendEncoded appends v as encoding/json writes it with HTML escaping
// off.
func appendEncoded(b []byte, v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return b, err
	}
	return append(b, bytes.TrimSuffix(buf.Bytes(), []byte("\n"))...), nil
}

// appendKey appends ,"name": to b.
func appendKey(b []byte, name string) []byte {
	b = append(b, ',', '"')
	b = append(b, name...)
	return append(b, '"', ':')
}

func (v *jsonNum) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*v = jsonNum(math.NaN())
		return nil
	}
	var f float64
	err := json.Unmarshal(b, &f)
	*v = jsonNum(f)
	return err
}

type estimateJSON struct {
	Mean      jsonNum `json:"mean"`
	HalfWidth jsonNum `json:"half_width"`
	N         int     `json:"n"`
}

// MarshalJSON writes {"mean", "half_width", "n"}, with null for undefined
// values.
func (e Estimate) MarshalJSON() ([]byte, error) {
	return e.appendJSON(make([]byte, 0, 64)), nil
}

func (e Estimate) appendJSON(b []byte) []byte {
	b = appendNum(append(b, `{"mean":`...), e.Mean)
	b = appendNum(append(b, `,"half_width":`...), e.HalfWidth)
	b = strconv.AppendInt(append(b, `,"n":`...), int64(e.N), 10)
	return append(b, '}')
}

// UnmarshalJSON reads what MarshalJSON writes.
func (e *Estimate) UnmarshalJSON(b []byte) error {
	var j estimateJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*e = Estimate{float64(j.Mean), float64(j.HalfWidth), j.N}
	return nil
}

type kpiJSON struct {
	Name     string    `json:"name"`
	Stage    string    `json:"stage,omitempty"`
	Group    string    `json:"group"`
	Label    string    `json:"label"`
	Unit     Unit      `json:"unit"`
	Estimate Estimate  `json:"estimate"`
	Values   []jsonNum `json:"values"`
}

// MarshalJSON writes the KPI with null for undefined values.
func (k KPI) MarshalJSON() ([]byte, error) {
	return k.appendJSON(make([]byte, 0, 256+24*len(k.Values))), nil
}

// UnmarshalJSON reads what MarshalJSON writes.
func (k *KPI) UnmarshalJSON(b []byte) error {
	var j kpiJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*k = KPI{Name: j.Name, Stage: j.Stage, Group: j.Group, Label: j.Label, Unit: j.Unit, Estimate: j.Estimate}
	for _, v := range j.Values {
		k.Values = append(k.Values, float64(v))
	}
	return nil
}

type intervalJSON struct {
	Stage        string   `json:"stage"`
	Weekday      string   `json:"weekday,omitempty"`
	From         float64  `json:"from_min"`
	To           float64  `json:"to_min"`
	Closed       bool     `json:"closed,omitempty"`
	Arrivals     Estimate `json:"arrivals_per_hour"`
	Wait         Estimate `json:"wait_mean_min"`
	ServiceLevel Estimate `json:"service_level"`
	Utilisation  Estimate `json:"utilisation"`
	Staff        Estimate `json:"staff"`
	OnDuty       Estimate `json:"staff_on_duty"`
	Queue        Estimate `json:"queue_mean"`
}

// MarshalJSON writes the row with snake_case keys that carry their units.
func (r IntervalRow) MarshalJSON() ([]byte, error) {
	if !finite(r.From) || !finite(r.To) {
		return json.Marshal(intervalJSON(r)) // encoding/json's error
	}
	return r.appendJSON(make([]byte, 0, 640)), nil
}

// appendJSON appends r as MarshalJSON writes it; r.From and r.To are
// finite.
func (r *IntervalRow) appendJSON(b []byte) []byte {
	b = appendStr(append(b, `{"stage":`...), r.Stage)
	if r.Weekday != "" {
		b = appendStr(append(b, `,"weekday":`...), r.Weekday)
	}
	b = appendNum(append(b, `,"from_min":`...), r.From)
	b = appendNum(append(b, `,"to_min":`...), r.To)
	if r.Closed {
		b = append(b, `,"closed":true`...)
	}
	for _, x := range []struct {
		key string
		e   *Estimate
	}{
		{"arrivals_per_hour", &r.Arrivals}, {"wait_mean_min", &r.Wait}, {"service_level", &r.ServiceLevel},
		{"utilisation", &r.Utilisation}, {"staff", &r.Staff}, {"staff_on_duty", &r.OnDuty}, {"queue_mean", &r.Queue},
	} {
		b = x.e.appendJSON(appendKey(b, x.key))
	}
	return append(b, '}')
}

// appendRows appends rows as a JSON array, or null for none; every row's
// From and To are finite.
func appendRows(b []byte, rows []IntervalRow) []byte {
	if rows == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i := range rows {
		if i > 0 {
			b = append(b, ',')
		}
		b = rows[i].appendJSON(b)
	}
	return append(b, ']')
}

func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }

// UnmarshalJSON reads what MarshalJSON writes.
func (r *IntervalRow) UnmarshalJSON(b []byte) error {
	var j intervalJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*r = IntervalRow(j)
	return nil
}

// AppendJSON appends r as a JSON object to b: byte for byte what
// encoding/json writes for r with HTML escaping off, as summary.json is
// written, but without going through reflection and a copy of each KPI
// and row. Writing the results of a run is part of every 'svcsim run', and
// the copies of the growing document cost as much as the formatting.
// Strings that need escaping and the rarer parts (pools' rows, days,
// breaches) still go through encoding/json; a number JSON cannot hold
// gives encoding/json's error.
func (r *Results) AppendJSON(b []byte) ([]byte, error) {
	if !r.directJSON() {
		return appendEncoded(b, (*resultsJSON)(r))
	}
	b = appendPlainStr(append(b, `{"model":`...), r.Model)
	b = strconv.AppendUint(append(b, `,"seed":`...), r.Seed, 10)
	b = strconv.AppendInt(append(b, `,"replications":`...), int64(r.Replications), 10)
	b = appendNum(append(b, `,"confidence":`...), r.Confidence)
	b = strconv.AppendInt(append(b, `,"days":`...), int64(r.Days), 10)
	b = appendNum(append(b, `,"warmup_min":`...), r.Warmup)
	b = appendNum(append(b, `,"interval_min":`...), r.Interval)
	b = appendStrs(append(b, `,"stages":`...), r.Stages)
	if len(r.Pools) > 0 {
		b = appendStrs(append(b, `,"pools":`...), r.Pools)
	}
	b = append(b, `,"kpis":`...)
	if r.KPIs == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i := range r.KPIs {
			if i > 0 {
				b = append(b, ',')
			}
			b = r.KPIs[i].appendJSON(b)
		}
		b = append(b, ']')
	}
	b = appendRows(append(b, `,"intervals":`...), r.Intervals)
	if len(r.ByWeekday) > 0 {
		b = appendRows(append(b, `,"intervals_by_weekday":`...), r.ByWeekday)
	}
	var err error
	for _, x := range []struct {
		key  string
		v    any
		omit bool
	}{
		{"pool_intervals", r.PoolIntervals, len(r.PoolIntervals) == 0},
		{"pool_intervals_by_weekday", r.PoolByWeekday, len(r.PoolByWeekday) == 0},
	} {
		if !x.omit {
			if b, err = appendEncoded(appendKey(b, x.key), x.v); err != nil {
				return b, err
			}
		}
	}
	b = appendNum(append(b, `,"open_days":`...), r.OpenDays)
	b = strconv.AppendInt(append(b, `,"open_days_per_week":`...), int64(r.OpenDaysPerWeek), 10)
	for _, x := range []struct {
		key  string
		v    any
		omit bool
	}{
		{"days_series", r.DayRows, len(r.DayRows) == 0},
		{"breaches", r.Breaches, len(r.Breaches) == 0},
	} {
		if !x.omit {
			if b, err = appendEncoded(appendKey(b, x.key), x.v); err != nil {
				return b, err
			}
		}
	}
	b = strconv.AppendInt(append(b, `,"events":`...), r.Events, 10)
	return append(b, '}'), nil
}

// resultsJSON is Results without its methods, for encoding/json.
type resultsJSON Results

// directJSON reports whether AppendJSON can write r itself: every number
// that encoding/json writes as a plain float64 is finite.
func (r *Results) directJSON() bool {
	if !finite(r.Confidence) || !finite(r.Warmup) || !finite(r.Interval) || !finite(r.OpenDays) {
		return false
	}
	for _, rows := range [][]IntervalRow{r.Intervals, r.ByWeekday} {
		for i := range rows {
			if !finite(rows[i].From) || !finite(rows[i].To) {
				return false
			}
		}
	}
	return true
}

// appendJSON appends k as MarshalJSON writes it.
func (k *KPI) appendJSON(b []byte) []byte {
	b = appendStr(append(b, `{"name":`...), k.Name)
	if k.Stage != "" {
		b = appendStr(append(b, `,"stage":`...), k.Stage)
	}
	b = appendStr(append(b, `,"group":`...), k.Group)
	b = appendStr(append(b, `,"label":`...), k.Label)
	b = appendStr(append(b, `,"unit":`...), string(k.Unit))
	b = k.Estimate.appendJSON(append(b, `,"estimate":`...))
	b = append(b, `,"values":`...)
	if len(k.Values) == 0 { // a nil slice
		return append(b, "null}"...)
	}
	for i, v := range k.Values {
		if i == 0 {
			b = append(b, '[')
		} else {
			b = append(b, ',')
		}
		b = appendNum(b, v)
	}
	return append(b, "]}"...)
}
