package sim

import (
	"encoding/json"
	"math"
)

// jsonNum renders NaN and infinities as null, which JSON has no number for.
type jsonNum float64

func (v jsonNum) MarshalJSON() ([]byte, error) {
	f := float64(v)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return []byte("null"), nil
	}
	return json.Marshal(f)
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
	return json.Marshal(estimateJSON{jsonNum(e.Mean), jsonNum(e.HalfWidth), e.N})
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
	j := kpiJSON{Name: k.Name, Stage: k.Stage, Group: k.Group, Label: k.Label, Unit: k.Unit, Estimate: k.Estimate}
	for _, v := range k.Values {
		j.Values = append(j.Values, jsonNum(v))
	}
	return json.Marshal(j)
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
	return json.Marshal(intervalJSON(r))
}

// UnmarshalJSON reads what MarshalJSON writes.
func (r *IntervalRow) UnmarshalJSON(b []byte) error {
	var j intervalJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*r = IntervalRow(j)
	return nil
}
