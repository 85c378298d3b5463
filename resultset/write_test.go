package resultset

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
)

// cancelAfter is a context that reports cancellation from its n-th call
// to Err on, to interrupt a write between two files deterministically.
type cancelAfter struct {
	context.Context
	n     int32
	calls atomic.Int32
}

func (c *cancelAfter) Err() error {
	if c.calls.Add(1) >= c.n {
		return context.Canceled
	}
	return nil
}

// TestInterruptDuringWrite: a signal while result files are written
// leaves none of them, and no temporary file.
func TestInterruptDuringWrite(t *testing.T) {
	dir, err := Prepare(filepath.Join(t.TempDir(), "out"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := &cancelAfter{Context: context.Background(), n: 2}
	err = dir.Write(ctx, File{"a.csv", []byte("a\n")}, File{"b.csv", []byte("b\n")}, File{"c.csv", []byte("c\n")})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v; want the cancellation", err)
	}
	entries, _ := os.ReadDir(dir.Path)
	for _, e := range entries {
		t.Errorf("an interrupted write left %s", e.Name())
	}
}
