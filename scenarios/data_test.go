package scenarios

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
)

// TestInlineData checks the data section: a data file given in the
// scenario reads as the same file on disk would, takes the place of a file
// of that name on disk, and anything but text is an error at its line.
func TestInlineData(t *testing.T) {
	const roster = "stage,start,end,weekdays,count\ndesk,08:00,12:00,mon-fri,2\ndesk,12:00,16:00,mon-fri,3\n"
	const other = "stage,start,end,weekdays,count\ndesk,08:00,16:00,mon-fri,9\n"
	base := strings.Replace(minimal, "    staff: 3\n", "", 1) + "roster: data/roster.csv\n"
	inline := base + "data:\n  data/roster.csv: |\n    " + strings.ReplaceAll(strings.TrimSuffix(roster, "\n"), "\n", "\n    ") + "\n"

	fromDisk, err := load(fstest.MapFS{"s.yaml": {Data: []byte(base)}, "data/roster.csv": {Data: []byte(roster)}}, "s.yaml", "s.yaml")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		fsys fstest.MapFS
	}{
		{"alone", fstest.MapFS{}},
		{"over a file on disk", fstest.MapFS{"data/roster.csv": {Data: []byte(other)}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.fsys["s.yaml"] = &fstest.MapFile{Data: []byte(inline)}
			s, err := load(tt.fsys, "s.yaml", "s.yaml")
			if err != nil {
				t.Fatal(err)
			}
			if got, want := s.Model.Stages[0].Groups, fromDisk.Model.Stages[0].Groups; !reflect.DeepEqual(got, want) {
				t.Errorf("staff from the data section = %+v; want %+v (as from the file)", got, want)
			}
		})
	}

	bad := base + "data:\n  data/roster.csv: [1, 2]\n"
	_, err = Parse(nil, "s.yaml", []byte(bad))
	if err == nil || !strings.Contains(err.Error(), "s.yaml:13:20: data.data/roster.csv: expected the file's text") {
		t.Errorf("error = %v; want one at s.yaml:13:20 naming data.data/roster.csv", err)
	}
}
