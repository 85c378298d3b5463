package progress_test

import (
	"os"

	"github.com/svcsim/svcsim/progress"
)

// A bar for 20 replications: on a terminal it draws itself; elsewhere it
// prints a line every progress.Every, so this quick example prints
// nothing.
func Example() {
	bar := progress.New(os.Stdout, 20, false)
	defer bar.Finish()
	for range 20 {
		bar.Update("clinic", 1)
	}
	// Output:
}

// The progress of one run of 20 replications: update is the run's
// sim.Options.Progress. Off a terminal a quick run prints nothing.
func ExampleStart() {
	update, end := progress.Start(os.Stdout, "clinic", 20)
	defer end()
	for i := range 20 {
		update(i+1, 20)
	}
	// Output:
}
