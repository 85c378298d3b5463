package scenarios

import (
	"errors"
	"strconv"
	"strings"
	"testing"
)

// posCase is a scenario with one defect and where it must be reported:
// the error must start with "test.yaml:LINE:COL: FIELD: " and contain
// want.
type posCase struct {
	name      string
	src       string
	line, col int
	field     string
	want      string
}

func checkPositions(t *testing.T, cases []posCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse(nil, "test.yaml", []byte(c.src))
			var es Errors
			if !errors.As(err, &es) {
				t.Fatalf("got %v; want Errors", err)
			}
			prefix := "test.yaml:" + strconv.Itoa(c.line) + ":" + strconv.Itoa(c.col) + ": "
			if c.field != "" {
				prefix += c.field + ": "
			}
			for _, e := range es {
				if strings.Contains(e.Error(), c.want) {
					if !strings.HasPrefix(e.Error(), prefix) {
						t.Errorf("got %q; want it to start with %q", e.Error(), prefix)
					}
					return
				}
			}
			t.Errorf("no error containing %q in:\n%v", c.want, err)
		})
	}
}

// TestLateChecksReportTheirField covers problems found once the whole
// model is known: each is reported at the field it is about, not at the
// file's first key.
func TestLateChecksReportTheirField(t *testing.T) {
	checkPositions(t, []posCase{
		{"preference shares over 1", strings.Replace(minimal, "    route: [desk]\n", "    route: [desk]\n    preferences: [{share: 0.7, time: 08:00-12:00}, {share: 0.6, time: 12:00-16:00}]\n", 1),
			7, 18, "channels.phone.preferences", "the shares sum to 1.3;"},
		{"booking horizon too long", strings.Replace(minimal, "    staff: 3\n", "    staff: 3\n    appointments: {slot: 1m, horizon: 1000d}\n", 1),
			12, 39, "stages.desk.appointments.horizon", "spans 1440000 slots of 1m; at most 1000000"},
		{"two touchpoints for one wait", minimal + "satisfaction:\n  touchpoints:\n    booking_wait: {stage: desk}\n    service_wait: {stage: desk}\n",
			15, 27, "satisfaction.touchpoints.service_wait.stage", "touchpoint booking_wait already scores the wait at stage \"desk\""},
		{"engine check names the channel", strings.Replace(minimal, "route: [desk]", "route: [{stage: desk, appointment: true}]", 1),
			4, 11, "channels.phone", "is visited by appointment but has no appointment book"},
	})
}

// TestBadBytesHaveAPosition: bytes YAML cannot read are reported at their
// line and column (in characters), quoting only the byte.
func TestBadBytesHaveAPosition(t *testing.T) {
	checkPositions(t, []posCase{
		{"invalid UTF-8", "name: mini\ntitle: caf\xe9\n", 2, 11, "", "invalid UTF-8 (byte 0xE9)"},
		{"invalid UTF-8 after multibyte", "name: mini\ntitle: é\xff\n", 2, 9, "", "invalid UTF-8 (byte 0xFF)"},
		{"NUL", "name: mini\nopen: 08:00-16:00\ntitle: a\x00b\n", 3, 9, "", "control character U+0000"},
		{"escape", "name: \x1b[31mmini\n", 1, 7, "", "control character U+001B"},
		{"C1 control", "name: mini\u0090\n", 1, 11, "", "control character U+0090"},
	})
	// A tab, CR LF line ends and NEL are fine.
	if _, err := Parse(nil, "test.yaml", []byte(strings.ReplaceAll(minimal, "\n", "\r\n"))); err != nil {
		t.Errorf("CR LF line ends: %v", err)
	}
}
