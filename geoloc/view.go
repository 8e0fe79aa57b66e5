package geoloc

import (
	"net/netip"
	"sync/atomic"
)

// A View pins one generation of a Locator's databases: its Locate and
// Databases answer from the same files even while Reload swaps new ones
// into the Locator, so a caller that reports which databases (and build
// dates) a decision rests on names the ones its locations came from. A
// View holds the old files open until Close; keep it for one unit of work.
// It is safe for concurrent use.
type View struct {
	s      *snapshot
	closed atomic.Bool
}

// View returns the current databases, pinned until the View is closed. It
// returns ErrClosed after the Locator is closed.
func (l *Locator) View() (*View, error) {
	s := l.acquire()
	if s == nil {
		return nil, ErrClosed
	}
	return &View{s: s}, nil
}

// Generation numbers the Locator's database sets: 1 for the set New
// opened, one more for each successful Reload. Two Views with the same
// generation from the same Locator see the same databases.
func (v *View) Generation() uint64 { return v.s.gen }

// Locate is Locator.Locate on the pinned databases. After Close it
// returns ErrClosed.
func (v *View) Locate(addr netip.Addr) (Location, error) {
	addr, nr, err := prepare(addr)
	if err != nil {
		return Location{}, err
	}
	if nr != "" {
		return Location{IP: addr, NotRoutable: nr}, nil
	}
	if v.closed.Load() {
		return Location{IP: addr}, ErrClosed
	}
	return v.s.locate(addr)
}

// Databases describes the pinned databases, as Locator.Databases does.
func (v *View) Databases() []DBInfo { return v.s.infos() }

// Close releases the pinned databases; files a Reload replaced are closed
// once no View or lookup uses them. Close is idempotent.
func (v *View) Close() {
	if v.closed.CompareAndSwap(false, true) {
		v.s.release()
	}
}
