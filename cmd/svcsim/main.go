// Command svcsim simulates customer-service processes and reports their
// waits, service levels and staff use with confidence intervals.
//
// Run 'svcsim help' for the commands; docs/output.md describes the JSON and
// CSV output.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"syscall"
	"time"
)

func main() {
	deferFirstGC()
	ctx, cancel := context.WithCancel(context.Background())
	sig := make(chan os.Signal, 4)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	go stopOn(sig, cancel)
	os.Exit(code(run(ctx, os.Args[1:], os.Stdout, os.Stderr)))
}

// stopOn cancels the command at the first signal (Ctrl-C, SIGTERM), which
// then stops within a second, writing nothing half-done. One signal often
// comes twice (timeout(1) signals the command and then its whole process
// group; so may a shell or a scheduler): only a signal a second or more
// after the first means "stop at once", and exits without cleaning up.
func stopOn(sig <-chan os.Signal, cancel func()) {
	<-sig
	cancel()
	first := time.Now()
	for range sig {
		if time.Since(first) >= time.Second {
			fmt.Fprintln(os.Stderr, "svcsim: stopped at once by a second signal; files being written may be left half-done")
			os.Exit(130)
		}
	}
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
