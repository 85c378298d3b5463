package buildinfo_test

import (
	"fmt"
	"runtime/debug"

	"github.com/svcsim/svcsim/internal/buildinfo"
)

// A build in a git checkout without a module version names the commit.
func ExampleFromInfo() {
	info := &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "138ac95135d2a101259d851e9a14d6894dc96e1a"},
		{Key: "vcs.time", Value: "2026-12-07T13:34:00Z"},
	}}
	fmt.Println(buildinfo.FromInfo(info))
	// Output: devel 138ac95135d2 (2026-12-07T13:34:00Z)
}
