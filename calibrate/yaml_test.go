package calibrate

import "testing"

// TestYAMLFormsAScenarioReads: tolerances of 1,000 hours and more are
// written without an exponent (a scenario file does not read
// "1.67e+03h"), and a touchpoint name YAML would misread is quoted.
func TestYAMLFormsAScenarioReads(t *testing.T) {
	for _, tt := range []struct {
		min  float64
		want string
	}{
		{1670 * 60, "1670h"},
		{21400 * 60, "21400h"},
		{150, "2.5h"},
		{45.678, "45.7m"},
		{0.5, "30s"},
		{0.001, "0.06s"},
	} {
		if got := minutes(tt.min); got != tt.want {
			t.Errorf("minutes(%g) = %q; want %q", tt.min, got, tt.want)
		}
	}
	for name, want := range map[string]string{"booking": "booking", "follow_up-2.b": "follow_up-2.b", "a: b#c": `"a: b#c"`, "": `""`} {
		if got := yamlKey(name); got != want {
			t.Errorf("yamlKey(%q) = %s; want %s", name, got, want)
		}
	}
}
