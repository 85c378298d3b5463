package cmdline

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// StopOnSignals returns ctx cancelled at the first SIGINT (Ctrl-C) or
// SIGTERM, so that a command stops within a second, writing nothing
// half-done. One signal often comes twice (timeout(1) signals the command
// and then its whole process group; so may a shell or a scheduler): only
// a signal a second or more after the first means "stop at once", and
// exits with status 130 without cleaning up, saying so on stderr as
// program.
func StopOnSignals(ctx context.Context, program string) context.Context {
	ctx, cancel := context.WithCancel(ctx)
	sig := make(chan os.Signal, 4)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-sig
		cancel()
		first := time.Now()
		for range sig {
			if time.Since(first) >= time.Second {
				fmt.Fprintf(os.Stderr, "%s: stopped at once by a second signal; files being written may be left half-done\n", program)
				os.Exit(130)
			}
		}
	}()
	return ctx
}
