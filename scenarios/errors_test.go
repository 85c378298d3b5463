package scenarios

import (
	"strings"
	"testing"
)

// TestErrorsSayWhatIsValid: an error that rejects a value of a scenario
// file says where, which field, what it got and what is valid.
func TestErrorsSayWhatIsValid(t *testing.T) {
	tests := []struct {
		name, old, new string
		want           string // the error after "test.yaml:LINE:COL: "
	}{
		{"days not whole", "name: mini\n", "name: mini\ndays: 1.5\n", `days: "1.5" is not a whole number; valid: a whole number from 1 to 3660`},
		{"start not a weekday", "name: mini\n", "name: mini\nstart: mond\n", `start: "mond" is not a weekday; valid: monday, tuesday, ... or mon, tue, ...`},
		{"warmup past the run", "name: mini\n", "name: mini\nwarmup: 2d\n", "warmup: must be shorter than the 1 simulated day(s) (got 2d); valid: less than 1d"},
		{"interval zero", "name: mini\n", "name: mini\ninterval: 0\n", "interval: must be longer than 0 (got 0); valid: a duration dividing a day, like 15m, 30m or 1h"},
		{"time of day", "open: 08:00-16:00", "open: 08:00-26:00", `open: "26:00" is not a time of day; valid: HH:MM from 00:00 to 24:00`},
		{"time range", "open: 08:00-16:00", "open: 08:00", `open: "08:00" is not a time range; valid: HH:MM-HH:MM, such as 08:00-12:30`},
		{"backwards range", "open: 08:00-16:00", "open: 16:00-08:00", `open: "16:00-08:00" ends before it starts; valid: a range within one day`},
		{"weekdays", "open: 08:00-16:00", "open: {wedding: 08:00-16:00}", `open: "wedding" is not a set of weekdays; valid: mon, mon-fri, sat,sun, weekdays, weekend or daily`},
		{"rate without unit", "30/h}", "30}", `channels.phone.rates.08:00-16:00: "30" is not a rate; valid: a number >= 0 with its unit, such as 12/h, 0.5/min or 300/d`},
		{"negative rate", "30/h}", "-30/h}", `"-30/h": a rate must be a number >= 0 with a unit; valid: a number >= 0 with its unit`},
		{"rate past the bound", "30/h}", "30/s}", `"30/s" is more than 100000 arrivals an hour, beyond any service desk (check the unit); valid: at most 100000/h`},
		{"duration", "target: 1m", "target: soon", `stages.desk.target: "soon" is not a duration; valid: a number >= 0 with its unit, such as 90s`},
		{"duration without unit", "target: 1m", "target: 5", `stages.desk.target: "5" needs a unit; valid: a number >= 0 with its unit`},
		{"negative duration", "target: 1m", "target: -5s", `stages.desk.target: "-5s": a duration must be a finite number >= 0; valid: a number >= 0 with its unit`},
		{"staff", "staff: 3", "staff: three", `stages.desk.staff: "three" is not a number of staff; valid: a whole number from 0 to 100000`},
		{"staff out of range", "staff: 3", "staff: 1e9", "stages.desk.staff: out of range (got 1e9); valid: 0\u2013100000"},
		{"choice", "staff: 3", "staff: 3\n    at_close: later", `stages.desk.at_close: "later" is not valid; valid: one of "serve", "send_away", "carry_over"`},
		{"boolean", "route: [desk]", "route: [{stage: desk, appointment: maybe}]", `channels.phone.route[0].appointment: "maybe" is not true or false; valid: true, false, yes, no, on or off`},
		{"probability", "route: [desk]", "route: [{stage: desk, probability: 1.5}]", "channels.phone.route[0].probability: must be between 0 and 1 (got 1.5)"},
		{"not a distribution", "exponential(4m)", "soon", `stages.desk.service: "soon" is not a distribution; valid: one of exponential`},
		{"unknown distribution", "exponential(4m)", "expo(4m)", `stages.desk.service: "expo(4m)": unknown distribution "expo"; valid: one of exponential`},
		{"arity", "exponential(4m)", "lognormal(4m)", `stages.desk.service: "lognormal(4m)": lognormal takes 2 value(s) (got 1); valid: lognormal(MEAN, SD)`},
		{"erlang phases", "exponential(4m)", "erlang(x, 4m)", `stages.desk.service: "erlang(x, 4m)": the number of phases K must be a whole number (got "x"); valid: 1` + "\u2013" + `1000000`},
		{"erlang phases out of range", "exponential(4m)", "erlang(0, 4m)", `stages.desk.service: "erlang(0, 4m)": the number of phases K: out of range (got 0); valid: 1` + "\u2013" + `1000000`},
		{"alert without comparison", "staff: 3\n", "staff: 3\nalerts: [desk.wait ~ 5m]\n", `alerts[0]: "desk.wait ~ 5m" has no comparison; valid: KPI OP VALUE`},
		{"alert limit", "staff: 3\n", "staff: 3\nalerts: [desk.wait > soon]\n", `alerts[0]: "desk.wait > soon": the limit "soon" is not a number; valid: a number, a share like 80% or a duration like 2m`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(minimal, tt.old) {
				t.Fatalf("the minimal scenario has no %q", tt.old)
			}
			_, err := parse(t, strings.Replace(minimal, tt.old, tt.new, 1))
			if err == nil {
				t.Fatalf("got no error; want %q", tt.want)
			}
			es, ok := err.(Errors)
			if !ok {
				t.Fatalf("got %T %v; want Errors", err, err)
			}
			for _, e := range es {
				if e.Line > 0 && strings.Contains(e.Error(), ": "+tt.want) {
					return
				}
			}
			t.Errorf("got %v; want an error at a line with %q", err, tt.want)
		})
	}
}
