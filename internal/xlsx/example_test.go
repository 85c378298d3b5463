package xlsx_test

import (
	"bytes"
	"fmt"

	"github.com/svcsim/svcsim/internal/xlsx"
)

func Example() {
	var w xlsx.Workbook
	s, err := w.AddSheet("summary")
	if err != nil {
		panic(err)
	}
	s.FreezeRows = 1
	s.Widths = []float64{24, 14}
	head := func(t string) xlsx.Cell { c := xlsx.Text(t); c.Bold = true; return c }
	s.AddRow(head("KPI"), head("mean"))
	s.AddRow(xlsx.Text("served within 1m"), xlsx.Number(0.842, "0.0%"))
	var b bytes.Buffer
	if _, err := w.WriteTo(&b); err != nil {
		panic(err)
	}
	fmt.Println(s.Name(), s.Rows(), "rows")
	// Output: summary 2 rows
}
