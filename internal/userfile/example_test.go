package userfile_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/svcsim/svcsim/internal/userfile"
)

func ExampleRead() {
	dir, err := os.MkdirTemp("", "userfile-example-")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	plan := filepath.Join(dir, "plan.json")
	if err := os.WriteFile(plan, make([]byte, 3<<20), 0o644); err != nil {
		panic(err)
	}
	for _, path := range []string{plan, dir} {
		_, err := userfile.Read(path, userfile.Plan)
		if e, ok := errors.AsType[*userfile.Error](err); ok {
			fmt.Println(e.Msg)
		}
	}
	// Output:
	// 3.1 MB is larger than the 1 MiB a plan file may be
	// a directory, not a file; valid: the path of a plan file
}
