// Command svcsim simulates customer-service processes and reports their
// waits, service levels and staff use with confidence intervals.
//
// Run 'svcsim help' for the commands; docs/output.md describes the JSON and
// CSV output.
package main

import (
	"context"
	"os"
	"runtime"
	"runtime/debug"

	"github.com/svcsim/svcsim/internal/cmdline"
)

func main() {
	deferFirstGC()
	ctx := cmdline.StopOnSignals(context.Background(), "svcsim")
	os.Exit(code(run(ctx, os.Args[1:], os.Stdout, os.Stderr)))
}

// deferFirstGC lets the heap reach 8 MB rather than 4 before the first
// garbage collection, then restores the default. Start-up and a run's
// set-up allocate about 3-4 MB that stay live, so with the default a
// collection comes early in most runs (M2, a three-stage reference model,
// spent 2% of its time marking, and its engine ran with write barriers
// meanwhile), while later collections, once the heap has grown, are
// what the default makes them. A GOGC the user set is left alone.
func deferFirstGC() {
	if _, set := os.LookupEnv("GOGC"); set {
		return
	}
	def := debug.SetGCPercent(200)
	// The sentinel is unreachable from the start: its cleanup runs after
	// the first collection.
	runtime.AddCleanup(new(gcSentinel), func(p int) { debug.SetGCPercent(p) }, def)
}

// gcSentinel is large enough to get a heap block of its own (the tiny
// allocator would share one with other objects and delay its cleanup).
type gcSentinel struct{ _ [32]byte }
