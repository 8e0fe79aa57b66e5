package attest

import (
	"encoding/binary"
	"fmt"
)

// Wire format. Every message starts with the 4-byte magic "EGA1" and a type
// byte; integers are big-endian; strings are a length byte and UTF-8 bytes
// (at most [MaxIDLen]). Over UDP a message is one datagram; over TCP each
// message is preceded by its length as a 2-byte integer.
const (
	magic = "EGA1"

	// MaxIDLen is the longest device or landmark id, in bytes.
	MaxIDLen = 64
	// NonceSize is the size of a challenge nonce.
	NonceSize = 32
	// MaxMessageSize bounds every message on the wire.
	MaxMessageSize = 512
)

// MsgType is the type byte of a wire message.
type MsgType byte

// Message types.
const (
	MsgHello     MsgType = 1 // device → landmark: start a session
	MsgChallenge MsgType = 2 // landmark → device: a nonce to sign
	MsgResponse  MsgType = 3 // device → landmark: the signature
	MsgDone      MsgType = 4 // landmark → device: the session's outcome
)

// Nonce is a landmark's fresh random challenge.
type Nonce [NonceSize]byte

// HelloSize is the size of every Hello: padded with zeros to more than a
// Challenge, so that a Hello sent from a forged address makes a landmark
// send no more bytes than it received (and at most two challenges, see
// [Landmark]).
const HelloSize = 128

// Hello opens a session.
type Hello struct {
	DeviceID string
}

// Challenge asks the device to sign Nonce.
type Challenge struct {
	Session    uint64
	Seq        uint16
	LandmarkID string
	Nonce      Nonce
}

// Response carries the device's signature over a challenge.
type Response struct {
	Session   uint64
	Seq       uint16
	Nonce     Nonce
	Counter   uint64
	DeviceID  string
	Signature [64]byte
}

// Done ends a session. Status is DoneOK, DoneRefused (rate limit or
// capacity) or DoneFailed (too many lost samples).
type Done struct {
	Session uint64
	Status  byte
	Samples uint16
}

// Done statuses.
const (
	DoneOK      byte = 0
	DoneRefused byte = 1
	DoneFailed  byte = 2
)

// WireError reports a message that cannot be parsed.
type WireError struct {
	Offset int
	Reason string
}

func (e *WireError) Error() string {
	return fmt.Sprintf("attest: bad message at byte %d: %s", e.Offset, e.Reason)
}

// Is reports whether target is [ErrBadMessage].
func (e *WireError) Is(target error) bool { return target == ErrBadMessage }

func header(t MsgType) []byte {
	b := make([]byte, 0, 128)
	b = append(b, magic...)
	return append(b, byte(t))
}

func appendID(b []byte, s string) []byte {
	return append(append(b, byte(len(s))), s...)
}

// Marshal encodes h. It panics on an id longer than MaxIDLen; use
// [ValidID] first.
func (h Hello) Marshal() []byte {
	b := appendID(header(MsgHello), mustID(h.DeviceID))
	return append(b, make([]byte, HelloSize-len(b))...)
}

// Marshal encodes c.
func (c Challenge) Marshal() []byte {
	b := header(MsgChallenge)
	b = binary.BigEndian.AppendUint64(b, c.Session)
	b = binary.BigEndian.AppendUint16(b, c.Seq)
	b = appendID(b, mustID(c.LandmarkID))
	return append(b, c.Nonce[:]...)
}

// Marshal encodes r.
func (r Response) Marshal() []byte {
	b := header(MsgResponse)
	b = binary.BigEndian.AppendUint64(b, r.Session)
	b = binary.BigEndian.AppendUint16(b, r.Seq)
	b = append(b, r.Nonce[:]...)
	b = binary.BigEndian.AppendUint64(b, r.Counter)
	b = appendID(b, mustID(r.DeviceID))
	return append(b, r.Signature[:]...)
}

// Marshal encodes d.
func (d Done) Marshal() []byte {
	b := header(MsgDone)
	b = binary.BigEndian.AppendUint64(b, d.Session)
	b = append(b, d.Status)
	return binary.BigEndian.AppendUint16(b, d.Samples)
}

func mustID(s string) string {
	if err := ValidID(s); err != nil {
		panic(err)
	}
	return s
}

// ValidID reports whether s can name a device or landmark: 1 to MaxIDLen
// bytes of ASCII letters, digits and "-_.:".
func ValidID(s string) error {
	if s == "" || len(s) > MaxIDLen {
		return fmt.Errorf("id %q: must be 1 to %d bytes", s, MaxIDLen)
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.' || c == ':') {
			return fmt.Errorf("id %q: byte %d (%q) is not a letter, digit or one of -_.:", s, i, c)
		}
	}
	return nil
}

// reader consumes a message strictly: every read checks the length, and
// the message must end exactly where its last field does.
type reader struct {
	b   []byte
	off int
	err error
}

func (r *reader) fail(reason string) {
	if r.err == nil {
		r.err = &WireError{Offset: r.off, Reason: reason}
	}
}

func (r *reader) take(n int, what string) []byte {
	if r.err != nil {
		return nil
	}
	if len(r.b)-r.off < n {
		r.fail(fmt.Sprintf("%s: need %d bytes, %d left", what, n, len(r.b)-r.off))
		return nil
	}
	v := r.b[r.off : r.off+n]
	r.off += n
	return v
}

func (r *reader) u8(what string) byte {
	if v := r.take(1, what); v != nil {
		return v[0]
	}
	return 0
}

func (r *reader) u16(what string) uint16 {
	if v := r.take(2, what); v != nil {
		return binary.BigEndian.Uint16(v)
	}
	return 0
}

func (r *reader) u64(what string) uint64 {
	if v := r.take(8, what); v != nil {
		return binary.BigEndian.Uint64(v)
	}
	return 0
}

func (r *reader) id(what string) string {
	n := int(r.u8(what + " length"))
	v := r.take(n, what)
	if r.err != nil {
		return ""
	}
	s := string(v)
	if err := ValidID(s); err != nil {
		r.off -= n
		r.fail(what + ": " + err.Error())
		return ""
	}
	return s
}

func (r *reader) end() error {
	if r.err == nil && r.off != len(r.b) {
		r.fail(fmt.Sprintf("%d trailing bytes", len(r.b)-r.off))
	}
	return r.err
}

// ParseMessage decodes one message and returns a Hello, Challenge,
// Response or Done value. It rejects a wrong magic, an unknown type, a
// bad id, a short message and trailing bytes, with the offset.
func ParseMessage(b []byte) (any, error) {
	if len(b) > MaxMessageSize {
		return nil, &WireError{Offset: MaxMessageSize, Reason: fmt.Sprintf("message of %d bytes exceeds %d", len(b), MaxMessageSize)}
	}
	r := &reader{b: b}
	if m := r.take(4, "magic"); r.err == nil && string(m) != magic {
		r.off = 0
		r.fail(fmt.Sprintf("magic %q, want %q", m, magic))
	}
	t := MsgType(r.u8("type"))
	if r.err != nil {
		return nil, r.err
	}
	var msg any
	switch t {
	case MsgHello:
		msg = Hello{DeviceID: r.id("device id")}
		if pad := r.take(HelloSize-r.off, "padding"); r.err == nil {
			for i, c := range pad {
				if c != 0 {
					r.off += i - len(pad)
					r.fail("padding: not zero")
					break
				}
			}
		}
	case MsgChallenge:
		var c Challenge
		c.Session = r.u64("session")
		c.Seq = r.u16("seq")
		c.LandmarkID = r.id("landmark id")
		copy(c.Nonce[:], r.take(NonceSize, "nonce"))
		msg = c
	case MsgResponse:
		var p Response
		p.Session = r.u64("session")
		p.Seq = r.u16("seq")
		copy(p.Nonce[:], r.take(NonceSize, "nonce"))
		p.Counter = r.u64("counter")
		p.DeviceID = r.id("device id")
		copy(p.Signature[:], r.take(64, "signature"))
		msg = p
	case MsgDone:
		var d Done
		d.Session = r.u64("session")
		d.Status = r.u8("status")
		if r.err == nil && d.Status > DoneFailed {
			r.off--
			r.fail(fmt.Sprintf("unknown status %d", d.Status))
		}
		d.Samples = r.u16("samples")
		msg = d
	default:
		r.off = 4
		r.fail(fmt.Sprintf("unknown message type %d", t))
	}
	if err := r.end(); err != nil {
		return nil, err
	}
	return msg, nil
}
