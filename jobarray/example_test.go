package jobarray_test

import (
	"fmt"
	"os"

	"github.com/svcsim/svcsim/jobarray"
)

// Task 2 of a Kubernetes Indexed Job of 4 completions.
func ExampleIndex() {
	os.Setenv("JOB_COMPLETION_INDEX", "2")
	defer os.Unsetenv("JOB_COMPLETION_INDEX")
	i, err := jobarray.Index(4, true)
	fmt.Println(i, err)
	// Output:
	// 2 <nil>
}
