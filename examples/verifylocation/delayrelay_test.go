package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"sync"
	"testing"
	"time"
)

// The delay relay stands in for distance on one network path: it forwards
// UDP datagrams and TCP streams between a listening address and a target,
// holding everything for a fixed one-way delay in each direction. (The
// kernels of the build machines have no sch_netem, so `tc qdisc ... netem
// delay` is not available.) It runs as this test binary re-executed inside
// a network namespace, see TestHelperDelayRelay.

type delayed struct {
	b   []byte
	due time.Time
}

// delayQueue writes each item at its due time, in order. The queue is
// bounded: a burst beyond it is dropped, as a congested link would. When
// the sender closes the queue, everything in it is still written, then
// drained is closed.
func delayQueue(ctx context.Context, write func([]byte) error) (q chan<- delayed, drained <-chan struct{}) {
	c := make(chan delayed, 256)
	fin := make(chan struct{})
	go func() {
		defer close(fin)
		failed := false
		for d := range c {
			if failed {
				continue // keep draining so the sender never blocks
			}
			if w := time.Until(d.due); w > 0 {
				select {
				case <-time.After(w):
				case <-ctx.Done():
					failed = true
					continue
				}
			}
			failed = write(d.b) != nil
		}
	}()
	return c, fin
}

func push(q chan<- delayed, b []byte, delay time.Duration) {
	select {
	case q <- delayed{append([]byte(nil), b...), time.Now().Add(delay)}:
	default:
	}
}

// relayUDP forwards datagrams from clients of pc to target and back, each
// way after delay; every client gets its own upstream socket.
func relayUDP(ctx context.Context, pc *net.UDPConn, target string, delay time.Duration) error {
	var mu sync.Mutex
	up := map[string]chan<- delayed{}
	buf := make([]byte, 65536)
	for {
		n, from, err := pc.ReadFromUDP(buf)
		if err != nil {
			return err
		}
		mu.Lock()
		q, ok := up[from.String()]
		if !ok {
			c, err := net.Dial("udp", target)
			if err != nil {
				mu.Unlock()
				return err
			}
			q, _ = delayQueue(ctx, func(b []byte) error { _, err := c.Write(b); return err })
			up[from.String()] = q
			back, _ := delayQueue(ctx, func(b []byte) error { _, err := pc.WriteToUDP(b, from); return err })
			go func() {
				rb := make([]byte, 65536)
				for {
					n, err := c.Read(rb)
					if err != nil {
						var ne net.Error
						if errors.As(err, &ne) && ne.Timeout() || ctx.Err() != nil {
							return
						}
						continue // ICMP unreachable while the target starts
					}
					push(back, rb[:n], delay)
				}
			}()
		}
		mu.Unlock()
		push(q, buf[:n], delay)
	}
}

// relayTCP forwards each accepted connection to target, each way after
// delay.
func relayTCP(ctx context.Context, ln net.Listener, target string, delay time.Duration) error {
	for {
		c, err := ln.Accept()
		if err != nil {
			return err
		}
		go func() {
			defer c.Close()
			u, err := net.Dial("tcp", target)
			if err != nil {
				return
			}
			defer u.Close()
			done := make(chan struct{}, 2)
			// pipe forwards src to dst with the delay; at the end of src
			// it writes out everything still queued, then passes the end
			// on (a half close), so nothing in flight is lost.
			pipe := func(dst, src net.Conn) {
				defer func() { done <- struct{}{} }()
				q, drained := delayQueue(ctx, func(b []byte) error { _, err := dst.Write(b); return err })
				buf := make([]byte, 4096)
				for {
					n, err := src.Read(buf)
					if n > 0 {
						push(q, buf[:n], delay)
					}
					if err != nil {
						close(q)
						<-drained
						if tc, ok := dst.(*net.TCPConn); ok && err == io.EOF {
							tc.CloseWrite()
						} else {
							dst.Close()
						}
						return
					}
				}
			}
			go pipe(u, c)
			go pipe(c, u)
			<-done
			<-done
		}()
	}
}

// TestHelperDelayRelay is the relay process: it does nothing unless the
// test re-executes itself with EG_RELAY_LISTEN, EG_RELAY_TARGET and
// EG_RELAY_DELAY set.
func TestHelperDelayRelay(t *testing.T) {
	listen, target := os.Getenv("EG_RELAY_LISTEN"), os.Getenv("EG_RELAY_TARGET")
	if listen == "" {
		t.Skip("helper process for the network-namespace test")
	}
	delay, err := time.ParseDuration(os.Getenv("EG_RELAY_DELAY"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	ua, err := net.ResolveUDPAddr("udp", listen)
	if err != nil {
		t.Fatal(err)
	}
	pc, err := net.ListenUDP("udp", ua)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", listen)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Printf("relay ready %s -> %s, %s each way\n", listen, target, delay)
	errs := make(chan error, 2)
	go func() { errs <- relayUDP(ctx, pc, target, delay) }()
	go func() { errs <- relayTCP(ctx, ln, target, delay) }()
	t.Fatal(<-errs)
}
