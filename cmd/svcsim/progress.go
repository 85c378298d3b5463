package main

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

// progressEvery is how often progress is reported when stderr is not a
// terminal (a CI log, a batch job's output file).
const progressEvery = 10 * time.Second

// progress shows replications done on stderr, of a run or of a whole
// experiment: an mpb bar with an ETA on a terminal, a plain line every
// progressEvery elsewhere (CI logs, cluster job output), nothing with
// --quiet. It never writes to stdout, so results do not depend on it.
type progress struct {
	mu    sync.Mutex
	w     io.Writer
	p     *mpb.Progress
	bar   *mpb.Bar
	total int
	done  int
	name  string
	start time.Time
	last  time.Time
	quiet bool
}

func newProgress(w io.Writer, total int, quiet bool) *progress {
	b := &progress{w: w, total: total, start: time.Now(), last: time.Now(), quiet: quiet}
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

// update is experiment.Options.Progress: n more replications done, of
// the scenario name unless it is "".
func (b *progress) update(name string, n int) {
	if name != "" {
		b.mu.Lock()
		b.name = name
		b.mu.Unlock()
	}
	b.advance(n)
}

func (b *progress) advance(n int) {
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
	if now := time.Now(); now.Sub(b.last) >= progressEvery && b.done < b.total {
		elapsed := now.Sub(b.start)
		eta := time.Duration(float64(elapsed) / float64(b.done) * float64(b.total-b.done))
		fmt.Fprintf(b.w, "svcsim: %d of %d replications done (%s: %s elapsed, about %s left)\n",
			b.done, b.total, b.name, elapsed.Round(time.Second), eta.Round(time.Second))
		b.last = now
	}
}

func (b *progress) finish() {
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
