package progress

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"
	"golang.org/x/term"
)

// Every is how often a Bar reports when its writer is not a terminal.
const Every = 10 * time.Second

// A Bar counts replications done out of a total. Its methods are safe for
// concurrent use.
type Bar struct {
	mu    sync.Mutex
	w     io.Writer
	p     *mpb.Progress
	bar   *mpb.Bar
	total int
	done  int
	name  string
	start time.Time
	last  time.Time
	every time.Duration
	quiet bool
}

// New returns a bar for total replications written to w: an mpb bar with
// an ETA when w is a terminal that reports its width, plain lines every
// Every otherwise, nothing when quiet. Call Finish when the work ends.
func New(w io.Writer, total int, quiet bool) *Bar {
	b := &Bar{w: w, total: total, start: time.Now(), last: time.Now(), every: Every, quiet: quiet}
	// A terminal that reports no width (a bare pseudo-terminal) gets the
	// plain lines: mpb draws nothing there.
	if f, ok := w.(*os.File); ok && !quiet && term.IsTerminal(int(f.Fd())) && termWidth(f) > 0 {
		b.p = mpb.New(mpb.WithOutput(w), mpb.WithWidth(40))
		b.bar = b.p.AddBar(int64(total),
			mpb.PrependDecorators(decor.Any(func(decor.Statistics) string {
				b.mu.Lock()
				defer b.mu.Unlock()
				return b.name
			}, decor.WCSyncSpaceR), decor.CountersNoUnit("%d/%d replications", decor.WCSyncSpace)),
			mpb.AppendDecorators(decor.Percentage(decor.WCSyncSpace), decor.Name(" eta "), decor.AverageETA(decor.ET_STYLE_GO)),
		)
	}
	return b
}

// Update records n more replications done, of the scenario name unless
// it is "". It is experiment.Options.Progress.
func (b *Bar) Update(name string, n int) {
	if name != "" {
		b.mu.Lock()
		b.name = name
		b.mu.Unlock()
	}
	b.advance(n)
}

func (b *Bar) advance(n int) {
	if b.quiet {
		return
	}
	if b.bar != nil {
		b.bar.IncrBy(n)
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.done += n
	if now := time.Now(); now.Sub(b.last) >= b.every && b.done < b.total {
		elapsed := now.Sub(b.start)
		eta := time.Duration(float64(elapsed) / float64(b.done) * float64(b.total-b.done))
		fmt.Fprintf(b.w, "svcsim: %d of %d replications done (%s: %s elapsed, about %s left)\n",
			b.done, b.total, b.name, elapsed.Round(time.Second), eta.Round(time.Second))
		b.last = now
	}
}

// Finish stops the bar on a terminal; it writes nothing otherwise.
func (b *Bar) Finish() {
	if b.p != nil {
		b.bar.Abort(false)
		b.p.Wait()
	}
}

func termWidth(f *os.File) int {
	w, _, err := term.GetSize(int(f.Fd()))
	if err != nil {
		return 0
	}
	return w
}

// Start starts a bar for the replications of one run of the scenario
// name, written to w, and returns the run's progress function (as
// sim.Options.Progress takes it) and the function to call when the run
// ends. With w bound, it is staffing.Options.Start.
func Start(w io.Writer, name string, replications int) (progress func(done, total int), end func()) {
	b := New(w, replications, false)
	b.Update(name, 0)
	return func(int, int) { b.Update("", 1) }, b.Finish
}
