package simflags_test

import (
	"context"
	"fmt"

	"github.com/spf13/pflag"
	"github.com/svcsim/svcsim/internal/simflags"
)

// A command that takes the shared flags, checks them and loads its
// scenario as every simulating command does.
func Example() {
	var set simflags.Settings
	fs := pflag.NewFlagSet("demo", pflag.ContinueOnError)
	set.Register(fs, false)
	set.Outputs.Register(fs)
	if err := fs.Parse([]string{"-r", "12", "--days", "3", "clinic"}); err != nil {
		fmt.Println(err)
		return
	}
	if err := set.Check("demo"); err != nil {
		fmt.Println(err)
		return
	}
	sc, err := simflags.ResolveScenario(context.Background(), fs.Arg(0), set.LoadOptions())
	if err != nil {
		fmt.Println(err)
		return
	}
	o := set.Options(sc)
	fmt.Println(sc.Name(), o.Replications, "replications of", o.Days, "days, seed", o.Seed)

	// --charts without --out is a usage mistake.
	fs = pflag.NewFlagSet("demo", pflag.ContinueOnError)
	set = simflags.Settings{}
	set.Register(fs, false)
	set.Outputs.Register(fs)
	fs.Parse([]string{"--charts"})
	fmt.Println(set.Check("demo"))
	// Output:
	// clinic 12 replications of 3 days, seed 1
	// demo: --charts, --report and --xlsx need --out DIR
}
