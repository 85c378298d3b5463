package sim

// customer is a customer in the system, kept in the engine's slab and
// reused after the customer leaves.
type customer struct {
	key      uint64  // root of the customer's own random streams
	arrived  float64 // first arrival (journey start)
	joined   float64 // time the customer reached the current stage
	channel  int16
	class    int16
	level    int16 // queue priority level (0 = served first)
	group    int16 // staff group serving the customer
	pos      int32 // position on the channel's route
	stage    int32 // stage of the current visit
	step     int32 // stage visits begun so far: tags the random draws
	token    uint32
	next     int32 // free-list link
	counted  bool  // current stage visit is measured (reached after warm-up)
	measured bool  // journey is measured (started after warm-up)
	retry    bool  // the next arrival at a stage is a retry
	where    uint8
	isAppt   bool // at the stage for an appointment
	// complaint is set on the complaint-handling visit after an incident.
	complaint bool
	// reworking is stage+1 of the failed fix the customer is looping
	// back for; 0: none.
	reworking int16
	// svc is the current service's duration (min), for the handling
	// time; float32 keeps the record in one cache line.
	svc float32
}

// custExt holds what the satisfaction model and appointment books need
// to know about a customer, kept apart so that the hot customer record
// stays one cache line.
type custExt struct {
	visited       uint32 // wait touchpoints passed (bit set)
	qgroup        int32  // group that served at the quality stage, or -1
	incident      int32  // incident type, or -1
	incidentT     float64
	appt          float64 // appointment time
	lead          float64 // booking to appointment (minutes)
	failedFix     bool
	apptCounted   bool // the booking was made after the warm-up
	complaintDone bool
	recovered     bool
}

// where a customer is, for the end-of-run census.
const (
	inTransit uint8 = iota // delayed before a stage or waiting to retry
	inQueue
	inService
)

func (e *engine) newCustomer() int32 {
	if e.free >= 0 {
		i := e.free
		e.free = e.cust[i].next
		return i
	}
	e.cust = append(e.cust, customer{})
	if e.ext != nil {
		e.ext = append(e.ext, custExt{})
	}
	if e.sat != nil {
		for range e.sat.cfg.Waits {
			e.sat.tw = append(e.sat.tw, 0)
		}
	}
	return int32(len(e.cust) - 1)
}

func (e *engine) release(ci int32) {
	c := &e.cust[ci]
	tok := c.token + 1
	*c = customer{token: tok, next: e.free}
	e.free = ci
}

// extOf returns customer ci's extension, or nil when the model needs none.
func (e *engine) extOf(ci int32) *custExt {
	if e.ext == nil {
		return nil
	}
	return &e.ext[ci]
}

func (e *engine) stageOf(c *customer) *stageState {
	return &e.stages[c.stage]
}
