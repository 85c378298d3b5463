package sim

import (
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
	b := make([]byte, 0, 256+24*len(k.Values))
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
		return append(b, "null}"...), nil
	}
	for i, v := range k.Values {
		if i == 0 {
			b = append(b, '[')
		} else {
			b = append(b, ',')
		}
		b = appendNum(b, v)
	}
	return append(b, "]}"...), nil
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
	b := make([]byte, 0, 640)
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
	return append(b, '}'), nil
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
