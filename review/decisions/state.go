package decisions

import "slices"

// State is where an application stands in the review chain, derived from
// its latest step decision.
type State string

// The states.
const (
	PendingCounty   State = "pending_county"
	Returned        State = "returned"
	PendingCity     State = "pending_city"
	NotRecommended  State = "not_recommended"
	PendingProvince State = "pending_province"
	Approved        State = "approved"
	Rejected        State = "rejected"
	Inspection      State = "inspection"
)

// States lists the states in the order of the chain.
var States = []State{PendingCounty, Returned, PendingCity, NotRecommended, PendingProvince, Inspection, Approved, Rejected}

// after maps an outcome to the state it leads to.
var after = map[Outcome]State{
	Pass: PendingCity, Return: Returned,
	Recommend: PendingProvince, NotRecommend: NotRecommended,
	Approve: Approved, Reject: Rejected, Inspect: Inspection,
}

// StateOf derives the state from a history (oldest first): the outcome of
// the latest step decision, or PendingCounty without one.
func StateOf(history []Decision) State {
	for i := len(history) - 1; i >= 0; i-- {
		if d := history[i]; d.Kind == KindStep {
			return after[d.Outcome]
		}
	}
	return PendingCounty
}

// open lists the states in which each step may decide: its own pending
// state, and the states its own outcomes lead to (a step may revise its
// decision until the next step has decided).
var open = map[Step][]State{
	County:   {PendingCounty, Returned, PendingCity},
	City:     {PendingCity, PendingProvince, NotRecommended},
	Province: {PendingProvince, Inspection, Approved, Rejected},
}

// Open reports whether step may decide in state s.
func Open(step Step, s State) bool { return slices.Contains(open[step], s) }

// Latest returns the latest step decision of step in a history, or nil.
func Latest(history []Decision, step Step) *Decision {
	for i := len(history) - 1; i >= 0; i-- {
		if d := &history[i]; d.Kind == KindStep && d.Step == step {
			return d
		}
	}
	return nil
}

// Effective returns, per criterion id, the latest criterion decision.
func Effective(history []Decision) map[string]*Decision {
	out := map[string]*Decision{}
	for i := range history {
		if d := &history[i]; d.Kind == KindCriterion {
			out[d.Criterion] = d
		}
	}
	return out
}

// Region returns the latest region correction's division, or "".
func Region(history []Decision) string {
	for i := len(history) - 1; i >= 0; i-- {
		if history[i].Kind == KindRegion {
			return history[i].Division
		}
	}
	return ""
}
