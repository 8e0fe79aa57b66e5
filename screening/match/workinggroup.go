package match

// A body's kind said by "working" and a kind word. English names a body
// set up to do one task a working group, a working party or a working
// committee (Russian rabochaya gruppa, French groupe de travail): the two
// words say one kind of body, as committee or commission alone do, and
// "working" says nothing of which body it is. On the query's side of a
// swap of the body's kind (WORKING GROUP TO DETERMINE INSTANCES OF
// CRIMINAL CONTENT for COMMITTEE TO DETERMINE INSTANCES OF CRIMINAL
// CONTENT) it is read with the kind word after it (descriptorsLeft).

// bodyKindGroups are the descriptor groups of the words that "working"
// makes a body's kind of: group and committee (commission in it).
var bodyKindGroups = [...]uint16{variantGroupOf("group"), variantGroupOf("committee")}

// workingKind reports whether query word i is "working" and the next
// query word, left out with it (not in qm), is of bodyKindGroups.
func (sc *scratch) workingKind(i int, qm uint64) bool {
	if sc.qs[i].s != "working" || i+1 >= len(sc.qs) || qm&bit(i+1) != 0 {
		return false
	}
	g := sc.qs[i+1].group
	return g != 0 && (g == bodyKindGroups[0] || g == bodyKindGroups[1])
}
