package attest

import (
	"encoding/binary"
	"fmt"
	"io"
	"net"
	"time"
)

// A link carries messages of one session: UDP datagrams to one peer, or
// length-framed messages on a TCP connection.
type link interface {
	send(msg []byte) error
	// recv returns the next message and when it arrived, or an error once
	// deadline passes.
	recv(deadline time.Time) ([]byte, time.Time, error)
	name() string
}

type packet struct {
	b  []byte
	at time.Time
}

// udpLink is a landmark's side of a UDP session: the read loop hands it
// the datagrams from its peer.
type udpLink struct {
	conn *net.UDPConn
	peer *net.UDPAddr
	in   chan packet
}

func (l *udpLink) send(msg []byte) error {
	_, err := l.conn.WriteToUDP(msg, l.peer)
	return err
}

func (l *udpLink) recv(deadline time.Time) ([]byte, time.Time, error) {
	t := time.NewTimer(time.Until(deadline))
	defer t.Stop()
	select {
	case p := <-l.in:
		return p.b, p.at, nil
	case <-t.C:
		return nil, time.Time{}, errTimeout
	}
}

func (l *udpLink) name() string { return "udp" }

// tcpLink frames messages with a 2-byte length.
type tcpLink struct {
	conn net.Conn
	buf  [2 + MaxMessageSize]byte
}

func (l *tcpLink) send(msg []byte) error { return writeFrame(l.conn, msg) }

func (l *tcpLink) recv(deadline time.Time) ([]byte, time.Time, error) {
	if err := l.conn.SetReadDeadline(deadline); err != nil {
		return nil, time.Time{}, err
	}
	b, err := readFrame(l.conn, l.buf[:])
	return b, time.Now(), err
}

func (l *tcpLink) name() string { return "tcp" }

func writeFrame(w io.Writer, msg []byte) error {
	if len(msg) > MaxMessageSize {
		return fmt.Errorf("attest: message of %d bytes exceeds %d", len(msg), MaxMessageSize)
	}
	b := make([]byte, 2, 2+len(msg))
	binary.BigEndian.PutUint16(b, uint16(len(msg)))
	_, err := w.Write(append(b, msg...))
	return err
}

// readFrame reads one length-framed message into buf; a length above
// MaxMessageSize is an error, never an allocation.
func readFrame(r io.Reader, buf []byte) ([]byte, error) {
	if _, err := io.ReadFull(r, buf[:2]); err != nil {
		return nil, err
	}
	n := int(binary.BigEndian.Uint16(buf[:2]))
	if n > MaxMessageSize {
		return nil, &WireError{Offset: 0, Reason: fmt.Sprintf("frame of %d bytes exceeds %d", n, MaxMessageSize)}
	}
	if _, err := io.ReadFull(r, buf[2:2+n]); err != nil {
		return nil, err
	}
	return append([]byte(nil), buf[2:2+n]...), nil
}

type timeoutError struct{}

func (timeoutError) Error() string { return "attest: timed out" }
func (timeoutError) Timeout() bool { return true }

var errTimeout error = timeoutError{}
