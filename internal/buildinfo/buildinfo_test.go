package buildinfo

import (
	"runtime/debug"
	"testing"
)

func TestFromInfo(t *testing.T) {
	vcs := func(kv ...string) []debug.BuildSetting {
		var out []debug.BuildSetting
		for i := 0; i < len(kv); i += 2 {
			out = append(out, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return out
	}
	rev := "138ac95135d2a101259d851e9a14d6894dc96e1a"
	tests := []struct {
		name string
		info *debug.BuildInfo
		want string
	}{
		{"no build information", nil, NoVersion},
		{"release", &debug.BuildInfo{Main: debug.Module{Version: "v1.2.3"}}, "v1.2.3"},
		{"pseudo-version from a checkout",
			&debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261207133400-138ac95135d2+dirty"}, Settings: vcs("vcs.revision", rev)},
			"v0.0.0-20261207133400-138ac95135d2+dirty"},
		{"revision and time",
			&debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs("vcs.revision", rev, "vcs.time", "2026-12-07T13:34:00Z", "vcs.modified", "false")},
			"devel 138ac95135d2 (2026-12-07T13:34:00Z)"},
		{"modified",
			&debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs("vcs.revision", rev, "vcs.time", "2026-12-07T13:34:00Z", "vcs.modified", "true")},
			"devel 138ac95135d2 (2026-12-07T13:34:00Z, with uncommitted changes)"},
		{"nothing recorded", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs("-buildmode", "exe")}, NoVersion},
		{"empty main module (go test)", &debug.BuildInfo{}, NoVersion},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FromInfo(tt.info); got != tt.want {
				t.Errorf("got %q; want %q", got, tt.want)
			}
		})
	}
}
