package sim

import "fmt"

// CapacityError is a replication that stopped because Model.MaxInSystem
// customers were in the system at once: the demand exceeds what the staff
// can serve, so the queues would grow until memory runs out. No results
// are produced for such a run; the error says when the bound was reached.
type CapacityError struct {
	Model string
	Rep   int     // the replication that reached the bound
	Limit int     // customers in the system at once
	At    float64 // minutes from the start of day 0
}

func (e *CapacityError) Error() string {
	day := int(e.At / MinutesPerDay)
	tod := e.At - float64(day)*MinutesPerDay
	return fmt.Sprintf("sim: model %q, replication %d: %d customers in the system at once on day %d at %02d:%02d; the demand exceeds what the staff can serve and the queues grow without end (raise the bound with --max-in-system if the load is meant to be this high)",
		e.Model, e.Rep, e.Limit, day+1, int(tod)/60, int(tod)%60)
}
