package workbench_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/svcsim/svcsim/workbench"
)

// A workbench is an http.Handler: here on a test server, offering the
// built-in scenarios only (no folder). Opening the clinic shows its
// staffing grid, a row per stage, ready to edit.
func ExampleNew() {
	w := workbench.New(workbench.Options{Version: "example"})
	srv := httptest.NewServer(w)
	defer srv.Close()

	res, err := http.Get(srv.URL + "/open?id=builtin:clinic")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer res.Body.Close()
	page, _ := io.ReadAll(res.Body)
	fmt.Println(res.StatusCode, strings.Contains(string(page), "booking"))
	// Output: 200 true
}
