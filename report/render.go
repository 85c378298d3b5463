package report

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"

	"github.com/svcsim/svcsim/plots"
	"github.com/svcsim/svcsim/resultset"
)

// render draws ch in format as sty.Render does, but returns ctx's error
// as soon as ctx is done. Drawing is gonum/plot's and cannot be told to
// stop: a chart of a long run at a fine interval takes seconds, so it
// runs on a goroutine of its own, left to finish into a buffer nobody
// reads. A command then exits at once; a long-lived caller pays for the
// rest of that one chart, not for the charts after it.
func render(ctx context.Context, sty *plots.Style, ch *plots.Chart, format string, size plots.Size) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	type drawn struct {
		b   []byte
		err error
	}
	done := make(chan drawn, 1) // the goroutine never blocks on it
	go func() {
		var b bytes.Buffer
		err := sty.Render(&b, ch, format, size) // recovers a panic of the drawing
		done <- drawn{b.Bytes(), err}
	}()
	select {
	case d := <-done:
		return d.b, d.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// writeFile writes data to the file path atomically, as
// resultset.WriteFile does, unless ctx is done before the file is in
// place: an interruption leaves the earlier file as it was.
func writeFile(ctx context.Context, path string, data []byte) error {
	return resultset.WriteFiles(ctx, filepath.Dir(path), resultset.File{Name: filepath.Base(path), Data: data})
}

// save draws ch into the file path, in the format its extension names,
// as sty.Save does, stopping as render does when ctx is done: the file
// is then not written.
func save(ctx context.Context, sty *plots.Style, ch *plots.Chart, path string, size plots.Size) error {
	b, err := render(ctx, sty, ch, strings.TrimPrefix(filepath.Ext(path), "."), size)
	if err != nil {
		return err
	}
	return plots.WriteFileAtomic(path, b)
}
