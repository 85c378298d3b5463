package sim

import "time"

// DayRow is one simulated day, summarised across replications.
type DayRow struct {
	Day        int      `json:"day"` // 0-based
	Weekday    string   `json:"weekday"`
	Open       bool     `json:"open"` // the business has opening hours on the day
	Arrivals   Estimate `json:"arrivals"`
	Rating     Estimate `json:"rating_mean"`
	NPS        Estimate `json:"nps"`
	Reviews    Estimate `json:"reviews"`
	Reputation Estimate `json:"reputation_displayed"`
	Multiplier Estimate `json:"demand_multiplier"`
	Revenue    Estimate `json:"revenue"`
}

func dayRows(m *Model, reps []Replication, conf float64) []DayRow {
	rows := make([]DayRow, m.Days)
	vals := make([][]float64, 7)
	for d := range rows {
		for i := range vals {
			vals[i] = vals[i][:0]
		}
		for ri := range reps {
			day := &reps[ri].Sat.Days[d]
			vals[0] = append(vals[0], float64(day.Arrivals))
			vals[1] = append(vals[1], ratio(day.RatingSum, float64(day.Rated)))
			vals[2] = append(vals[2], 100*ratio(float64(day.Promoters-day.Detractors), float64(day.Rated)))
			vals[3] = append(vals[3], float64(day.Reviews))
			vals[4] = append(vals[4], day.Displayed)
			vals[5] = append(vals[5], day.Multiplier)
			vals[6] = append(vals[6], day.Revenue)
		}
		w := time.Weekday((int(m.StartDay) + d) % 7)
		rows[d] = DayRow{
			Day: d, Weekday: weekdayName(w), Open: m.OpenDay(w), Arrivals: estimate(vals[0], conf), Rating: estimate(vals[1], conf), NPS: estimate(vals[2], conf),
			Reviews: estimate(vals[3], conf), Reputation: estimate(vals[4], conf), Multiplier: estimate(vals[5], conf),
			Revenue: estimate(vals[6], conf),
		}
	}
	return rows
}
