package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"golang.org/x/term"
)

// progressEvery is how often progress is reported when stderr is not a
// terminal (a CI log, a batch job's output file).
const progressEvery = 10 * time.Second

// progress reports finished replications on stderr: on a terminal as one
// line rewritten in place, elsewhere as a plain line every progressEvery,
// so that logs stay readable. It never writes to stdout, so results do not
// depend on it.
type progress struct {
	w     io.Writer
	tty   bool
	name  string
	start time.Time
	last  time.Time
	shown bool
}

func newProgress(w io.Writer, name string) *progress {
	f, ok := w.(*os.File)
	now := time.Now()
	return &progress{w: w, tty: ok && term.IsTerminal(int(f.Fd())), name: name, start: now, last: now}
}

// update is sim.Options.Progress: sim calls it from one goroutine at a time.
func (p *progress) update(done, total int) {
	now := time.Now()
	elapsed := now.Sub(p.start)
	left := ""
	if done < total {
		eta := time.Duration(float64(elapsed) / float64(done) * float64(total-done))
		left = fmt.Sprintf(", about %s left", eta.Round(time.Second))
	}
	switch {
	case p.tty:
		fmt.Fprintf(p.w, "\r\x1b[K%s: %d of %d replications done (%s%s)", p.name, done, total, elapsed.Round(100*time.Millisecond), left)
		p.shown = true
	case now.Sub(p.last) >= progressEvery:
		fmt.Fprintf(p.w, "svcsim: %s: %d of %d replications done (%s%s)\n", p.name, done, total, elapsed.Round(time.Second), left)
		p.last = now
	}
}

// finish clears the terminal line, before results or an error are printed.
func (p *progress) finish() {
	if p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.shown = false
	}
}
