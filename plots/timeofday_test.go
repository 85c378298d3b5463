package plots

import (
	"strings"
	"testing"
)

func TestByTimeOfDayUnknownMeasure(t *testing.T) {
	sc := []Scenario{{Name: "today", Results: synthetic([]string{"booking"}, 1)}}
	if _, err := DefaultStyle().ByTimeOfDay(sc, "booking", "colour"); err == nil || !strings.Contains(err.Error(), "service_level") {
		t.Errorf("bad measure: %v; want an error listing the measures", err)
	}
}
