package scenarios

import (
	"math"

	"github.com/svcsim/svcsim/sim"
	yaml "go.yaml.in/yaml/v4"
)

// maxBookSlots bounds an appointment book's slots over its horizon, as
// sim.Book does.
const maxBookSlots = 1_000_000

var bookFields = []string{
	"slot", "min_lead", "horizon", "walk_in_share", "overbook", "no_show", "no_show_per_day",
	"no_show_max", "punctuality", "lead_target", "order",
}

func (d *decoder) book(n *yaml.Node, path string) *sim.Book {
	f := d.fields(n, path, bookFields...)
	if f == nil {
		return nil
	}
	b := &sim.Book{}
	for _, k := range []string{"slot", "horizon"} {
		if f[k] == nil {
			d.errorf(n, path, "missing %s (slot: the appointment length, e.g. 20m; horizon: how far ahead one can book, e.g. 14d)", k)
		}
	}
	b.Slot = d.dayPart(f["slot"], path+".slot", sim.MaxSlotsPerDay, "10m, 15m, 20m or 30m")
	b.Horizon = d.positiveDuration(f["horizon"], path+".horizon")
	if b.Slot > 0 && b.Horizon/b.Slot > maxBookSlots {
		d.errorf(f["horizon"], path+".horizon", "spans %.0f slots of %s; at most %d (a shorter horizon or longer slots)", math.Floor(b.Horizon/b.Slot), f["slot"].Value, maxBookSlots)
	}
	if f["min_lead"] != nil {
		b.MinLead = d.duration(f["min_lead"], path+".min_lead")
		if b.MinLead >= b.Horizon && b.Horizon > 0 {
			d.errorf(f["min_lead"], path+".min_lead", "must be shorter than the horizon (got %s); valid: less than %s", f["min_lead"].Value, f["horizon"].Value)
		}
	}
	if f["walk_in_share"] != nil {
		b.WalkInShare = d.numberIn(f["walk_in_share"], path+".walk_in_share", 0, 0.999)
	}
	if f["overbook"] != nil {
		b.Overbook = d.numberIn(f["overbook"], path+".overbook", 0, 10)
	}
	if f["no_show"] != nil {
		b.NoShow = d.prob(f["no_show"], path+".no_show")
	}
	if f["no_show_per_day"] != nil {
		b.NoShowPerDay = d.prob(f["no_show_per_day"], path+".no_show_per_day")
	}
	if f["no_show_max"] != nil {
		b.NoShowMax = d.prob(f["no_show_max"], path+".no_show_max")
	}
	if f["punctuality"] != nil {
		b.Punctuality = d.dist(f["punctuality"], path+".punctuality", true)
	}
	if f["lead_target"] != nil {
		b.LeadTarget = d.positiveDuration(f["lead_target"], path+".lead_target")
	}
	if f["order"] != nil {
		b.Order = sim.BookOrder(d.choice(f["order"], path+".order", []string{"appointments_first", "arrival_order", "walk_ins_first"}))
	}
	return b
}
