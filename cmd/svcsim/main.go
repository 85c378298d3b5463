// Command svcsim simulates customer-service processes and reports their
// waits, service levels and staff use with confidence intervals.
//
// Run 'svcsim help' for the commands; docs/output.md describes the JSON and
// CSV output.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// After the first signal, restore the default handling so that a
	// second Ctrl-C kills a run that does not stop quickly enough.
	go func() {
		<-ctx.Done()
		stop()
	}()
	os.Exit(code(run(ctx, os.Args[1:], os.Stdout, os.Stderr)))
}
