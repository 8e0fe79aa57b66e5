package rules

import (
	"sync/atomic"
	"time"
)

// Group membership memo: a Policy answers InGroup from a table per day,
// one row per country, each row the set of groups the country is in that
// day. A license determination asks ten or more such questions of the
// same day; the table turns each from map look-ups and date arithmetic
// into a bit test. Rows are filled on first use, so a memo costs only the
// countries asked about.

// memoGroups are the groups a memo row holds, one bit each: every group
// ParseGroup accepts.
var memoGroups = func() (gs []Group) {
	for _, l := range []byte{'A', 'B', 'D', 'E'} {
		if groupMax[l] == 0 {
			gs = append(gs, Group{letter: l})
		}
		for n := uint8(1); n <= groupMax[l]; n++ {
			gs = append(gs, Group{letter: l, num: n})
		}
	}
	return gs
}()

// groupBit returns g's bit in a memo row; false for a group no row holds.
func groupBit(g Group) (uint32, bool) {
	for i, m := range memoGroups {
		if m == g {
			return 1 << i, true
		}
	}
	return 0, false
}

// rowDone marks a filled row; the groups use the bits below it.
const rowDone = 1 << 31

// groupMemo is the membership table of one day.
type groupMemo struct {
	// given is the date the memo was made for, as given; day is that
	// day, which the rows answer for.
	given, day time.Time
	rows       [26 * 26]atomic.Uint32 // by countrySlot; 0 until filled
}

// countrySlot is c's row index in a groupMemo; false for a code outside
// A–Z.
func countrySlot(c Country) (int, bool) {
	a, b := c.c[0]-'A', c.c[1]-'A'
	if a >= 26 || b >= 26 {
		return 0, false
	}
	return int(a)*26 + int(b), true
}

// memoDays bounds the days a Policy keeps a memo for at once: a batch
// screens on one date or a few.
const memoDays = 4

// groupMemos holds a Policy's memos, the most recent days'.
type groupMemos struct {
	slots [memoDays]atomic.Pointer[groupMemo]
	next  atomic.Uint32 // the slot a new day replaces
}

// memo returns the memo of date (which p.date turns into a day), making
// one in place of the oldest if none is kept. The date as given is
// compared first: callers ask with the same date again and again, and
// working out its day costs more than the look-up it saves.
func (ms *groupMemos) memo(p *Policy, date time.Time) *groupMemo {
	for i := range ms.slots {
		if m := ms.slots[i].Load(); m != nil && m.given.Equal(date) {
			return m
		}
	}
	d := p.date(date)
	for i := range ms.slots {
		if m := ms.slots[i].Load(); m != nil && m.day.Equal(d) {
			return m
		}
	}
	m := &groupMemo{given: date, day: d}
	ms.slots[ms.next.Add(1)%memoDays].Store(m)
	return m
}

// in reports whether c is in g on the memo's day under pg, filling c's row
// from pg on first use.
func (m *groupMemo) in(pg *policyGroups, c Country, g Group) bool {
	slot, ok := countrySlot(c)
	bit, known := groupBit(g)
	if !ok || !known {
		return pg.in(c, g, m.day)
	}
	row := m.rows[slot].Load()
	if row == 0 {
		row = rowDone
		for i, mg := range memoGroups {
			if pg.in(c, mg, m.day) {
				row |= 1 << i
			}
		}
		m.rows[slot].Store(row)
	}
	return row&bit != 0
}
