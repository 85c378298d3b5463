package workbench

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"testing"
)

// BenchmarkRoundTrip is the server's round trip for one change of a
// staffing cell: a week of the clinic with ten replications, the request
// sent over HTTP, the change simulated (the base's results are kept from
// the first run, as the page's are), the paired differences and the
// answer's HTML made and read back. Two changes alternate so that each
// is simulated afresh.
func BenchmarkRoundTrip(b *testing.B) {
	bn := newBench(b, Options{})
	d, err := bn.w.doc("file:clinic.yaml", "")
	if err != nil {
		b.Fatal(err)
	}
	bodies := make([][]byte, 3)
	for i := range bodies {
		e := d.Unchanged()
		e.Staff[0][0] += i
		bodies[i], _ = json.Marshal(runRequest(d, e))
	}
	send := func(body []byte) {
		res, err := http.Post(bn.srv.URL+"/api/run", "application/json", bytes.NewReader(body))
		if err != nil {
			b.Fatal(err)
		}
		out, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if !bytes.Contains(out, []byte(`"result"`)) {
			b.Fatalf("no result: %s", out)
		}
	}
	send(bodies[0]) // the base
	i := 0
	for b.Loop() {
		send(bodies[1+i%2])
		i++
	}
}
