//go:build unix

package screening

// Fault injection for FileStore: another process writing while the store
// opens, a writer killed mid-line, a full disk. Each case checks that no
// record Add acknowledged is lost. The other processes are this test
// binary re-executed with EXPORTGUARD_SUPPRESS_CHILD set.

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// child re-executes the test binary to run test with the given role.
func child(t *testing.T, test, role, path string) (*exec.Cmd, io.WriteCloser, *bufio.Scanner) {
	t.Helper()
	if testing.Short() {
		t.Skip("spawns a process")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^"+test+"$")
	cmd.Env = append(os.Environ(), "EXPORTGUARD_SUPPRESS_CHILD="+role+":"+path)
	cmd.Stderr = os.Stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	return cmd, in, bufio.NewScanner(out)
}

// childRole returns the role and path this process was started with, if
// it is a child.
func childRole() (role, path string, ok bool) {
	return strings.Cut(os.Getenv("EXPORTGUARD_SUPPRESS_CHILD"), ":")
}

func expectLine(t *testing.T, sc *bufio.Scanner, want string) {
	t.Helper()
	if !sc.Scan() {
		t.Fatalf("child exited before saying %q", want)
	}
	if sc.Text() != want {
		t.Fatalf("child said %q, want %q", sc.Text(), want)
	}
}

const recordLine = `{"party":"SLOW","entry_key":"SDN:9","entry_hash":"h","kind":"not_a_match","reason":"other person","reviewer":"j.doe","created":"2026-11-01T00:00:00Z"}` + "\n"

// TestFileStoreOpenWaitsForAWriterInAnotherProcess: another process holds
// the lock and has written half a record (the kernel made part of its
// write visible). Opening the store must not treat that half line as torn
// and cut it: it waits for the lock, and the record is there once the
// writer acknowledges it. The old store truncated the half line, and the
// writer's second half then landed as garbage.
func TestFileStoreOpenWaitsForAWriterInAnotherProcess(t *testing.T) {
	if role, path, ok := childRole(); ok {
		if role == "half-writer" {
			halfWriter(path)
		}
		return
	}
	path := filepath.Join(t.TempDir(), "s.jsonl")
	seed, err := OpenFileStore(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := seed.Add(context.Background(), sup("FIRST", "SDN:1", "h")); err != nil {
		t.Fatal(err)
	}
	seed.Close()

	_, in, out := child(t, "TestFileStoreOpenWaitsForAWriterInAnotherProcess", "half-writer", path)
	expectLine(t, out, "half")
	opened := make(chan *FileStore, 1)
	go func() {
		fs, err := OpenFileStore(path)
		if err != nil {
			t.Error(err)
		}
		opened <- fs
	}()
	// Give an open that ignores the lock time to do its damage; a correct
	// one stays blocked until the writer finishes.
	var fs *FileStore
	select {
	case fs = <-opened:
	case <-time.After(300 * time.Millisecond):
	}
	fmt.Fprintln(in, "finish")
	expectLine(t, out, "acked")
	if fs == nil {
		fs = <-opened
	}
	if fs == nil {
		t.FailNow()
	}
	defer fs.Close()
	if _, ok := fs.Lookup("SLOW", "SDN:9", "h", time.Now()); !ok {
		t.Error("the record acknowledged by the other process is not seen by the store opened meanwhile")
	}
	again, err := OpenFileStore(path)
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	for _, p := range []string{"FIRST", "SLOW"} {
		if _, ok := again.Lookup(p, map[string]string{"FIRST": "SDN:1", "SLOW": "SDN:9"}[p], "h", time.Now()); !ok {
			t.Errorf("acknowledged record %s lost", p)
		}
	}
	if q := again.Quarantined(); len(q) != 0 {
		t.Errorf("Quarantined = %+v", q)
	}
}

// halfWriter writes a record in two parts under the file lock, waiting
// for the parent between them.
func halfWriter(path string) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		panic(err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		panic(err)
	}
	f.WriteString(recordLine[:40])
	fmt.Println("half")
	bufio.NewReader(os.Stdin).ReadString('\n')
	f.WriteString(recordLine[40:])
	f.Sync()
	fmt.Println("acked")
	syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	f.Close()
}

// TestFileStoreOpenWhileAnotherProcessAppends opens the store again and
// again while another process appends; every record the other process
// acknowledged must be there at the end.
func TestFileStoreOpenWhileAnotherProcessAppends(t *testing.T) {
	if role, path, ok := childRole(); ok {
		if role == "appender" {
			appender(path, 300)
		}
		return
	}
	path := filepath.Join(t.TempDir(), "s.jsonl")
	os.WriteFile(path, nil, 0o644)
	cmd, _, out := child(t, "TestFileStoreOpenWhileAnotherProcessAppends", "appender", path)
	acked := make(chan int)
	go func() {
		last := -1
		for out.Scan() {
			if n, err := strconv.Atoi(strings.TrimPrefix(out.Text(), "acked ")); err == nil {
				last = n
			}
		}
		acked <- last
	}()
	// The child's output is read to its end before cmd.Wait: Wait closes
	// the pipe, and calling it while lines are still unread loses them
	// (os/exec: "incorrect to call Wait before all reads from the pipe
	// have completed").
	opens, last := 0, -1
loop:
	for {
		select {
		case last = <-acked:
			break loop
		default:
		}
		fs, err := OpenFileStore(path)
		if err != nil {
			t.Fatalf("open %d while another process appends: %v", opens, err)
		}
		if q := fs.Quarantined(); len(q) != 0 {
			t.Errorf("open %d quarantined a line another process was writing: %+v", opens, q)
		}
		fs.Close()
		opens++
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("appender: %v", err)
	}
	if last != 299 {
		t.Fatalf("appender acknowledged up to %d, want 299", last)
	}
	fs, err := OpenFileStore(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fs.Close()
	for i := 0; i <= last; i++ {
		if _, ok := fs.Lookup(fmt.Sprint("A", i), "SDN:7", "h", time.Now()); !ok {
			t.Fatalf("record A%d was acknowledged but is lost (after %d concurrent opens)", i, opens)
		}
	}
	t.Logf("%d opens during %d appends", opens, last+1)
}

func appender(path string, n int) {
	fs, err := OpenFileStore(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "open:", err)
		os.Exit(1)
	}
	for i := range n {
		if err := fs.Add(context.Background(), sup(fmt.Sprint("A", i), "SDN:7", "h")); err != nil {
			fmt.Fprintln(os.Stderr, "add:", err)
			os.Exit(1)
		}
		fmt.Printf("acked %d\n", i)
	}
	fs.Close()
}

// TestFileStoreAppendAfterAWriterDiedMidLine: a writer is killed in the
// middle of a line while this store is open; the next Add must start a new
// line, so that its record survives the next open. The old store glued it
// onto the torn line, and the next open dropped both.
func TestFileStoreAppendAfterAWriterDiedMidLine(t *testing.T) {
	if role, path, ok := childRole(); ok {
		if role == "dier" {
			f, _ := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
			syscall.Flock(int(f.Fd()), syscall.LOCK_EX)
			f.WriteString(recordLine[:50])
			f.Sync()
			fmt.Println("half")
			syscall.Kill(os.Getpid(), syscall.SIGKILL)
		}
		return
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "s.jsonl")
	fs, err := OpenFileStore(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := fs.Add(ctx, sup("BEFORE", "SDN:1", "h")); err != nil {
		t.Fatal(err)
	}
	cmd, _, out := child(t, "TestFileStoreAppendAfterAWriterDiedMidLine", "dier", path)
	expectLine(t, out, "half")
	cmd.Wait()
	if err := fs.Add(ctx, sup("AFTER", "SDN:2", "h")); err != nil {
		t.Fatal(err)
	}
	if _, ok := fs.Lookup("AFTER", "SDN:2", "h", time.Now()); !ok {
		t.Error("the new record is not visible")
	}
	fs.Close()
	fs, err = OpenFileStore(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fs.Close()
	for p, e := range map[string]string{"BEFORE": "SDN:1", "AFTER": "SDN:2"} {
		if _, ok := fs.Lookup(p, e, "h", time.Now()); !ok {
			t.Errorf("acknowledged record %s lost", p)
		}
	}
	if q := fs.Quarantined(); len(q) != 1 || q[0].Line != 2 || q[0].Text != recordLine[:50] {
		t.Errorf("want the torn line quarantined as line 2, got %+v", q)
	}
}

// TestFileStoreFullDisk: a write cut short by a full disk fails Add (the
// record is not acknowledged) and leaves part of a line; once there is
// space again, the next record lands on its own line and survives reopen.
func TestFileStoreFullDisk(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "s.jsonl")
	fs, err := OpenFileStore(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := fs.Add(ctx, sup("OK1", "SDN:1", "h")); err != nil {
		t.Fatal(err)
	}
	full := true
	fs.write = func(f *os.File, b []byte) (int, error) {
		if full {
			n, _ := f.Write(b[:len(b)/2])
			return n, syscall.ENOSPC
		}
		return f.Write(b)
	}
	err = fs.Add(ctx, sup("LOST", "SDN:2", "h"))
	if !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("Add on a full disk: got %v, want ENOSPC", err)
	}
	if _, ok := fs.Lookup("LOST", "SDN:2", "h", time.Now()); ok {
		t.Error("a record that failed to write is visible")
	}
	full = false
	if err := fs.Add(ctx, sup("OK2", "SDN:3", "h")); err != nil {
		t.Fatal(err)
	}
	fs.Close()
	fs, err = OpenFileStore(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fs.Close()
	for p, e := range map[string]string{"OK1": "SDN:1", "OK2": "SDN:3"} {
		if _, ok := fs.Lookup(p, e, "h", time.Now()); !ok {
			t.Errorf("acknowledged record %s lost", p)
		}
	}
	if q := fs.Quarantined(); len(q) != 1 || q[0].Line != 2 || !strings.HasPrefix(q[0].Text, `{"party":"LOST"`) {
		t.Errorf("want the half-written record quarantined as line 2, got %+v", q)
	}
}

// TestFileStoreFileSizeLimit is the full disk for real: a process whose
// files may not grow past a limit (RLIMIT_FSIZE) appends until a write is
// cut short. Every record it acknowledged must load; the cut record is
// not acknowledged and is quarantined; the next record, written with room
// again, lands on its own line.
func TestFileStoreFileSizeLimit(t *testing.T) {
	if role, path, ok := childRole(); ok {
		if role == "limited" {
			fs, err := OpenFileStore(path)
			if err != nil {
				fmt.Println("open:", err)
				os.Exit(1)
			}
			var lim syscall.Rlimit
			syscall.Getrlimit(syscall.RLIMIT_FSIZE, &lim)
			lim.Cur = 1000
			if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &lim); err != nil {
				fmt.Println("setrlimit:", err)
				os.Exit(1)
			}
			for i := 0; ; i++ {
				if err := fs.Add(context.Background(), sup(fmt.Sprint("L", i), "SDN:5", "h")); err != nil {
					fmt.Printf("failed %d: %v\n", i, errors.Is(err, syscall.EFBIG))
					return
				}
				fmt.Printf("acked %d\n", i)
			}
		}
		return
	}
	path := filepath.Join(t.TempDir(), "s.jsonl")
	os.WriteFile(path, nil, 0o644)
	cmd, _, out := child(t, "TestFileStoreFileSizeLimit", "limited", path)
	last, failed := -1, ""
	for out.Scan() {
		if n, err := strconv.Atoi(strings.TrimPrefix(out.Text(), "acked ")); err == nil {
			last = n
		} else if strings.HasPrefix(out.Text(), "failed ") {
			failed = out.Text()
		}
	}
	cmd.Wait()
	// Each record is 181 bytes: 5 fit in 1000, the 6th is cut after 95.
	if last != 4 || failed != "failed 5: true" {
		t.Fatalf("acked up to %d, then %q; want 4, then failed 5 with EFBIG", last, failed)
	}
	if st, _ := os.Stat(path); st.Size() != 1000 {
		t.Errorf("file is %d bytes, want the 1000 the limit allowed", st.Size())
	}
	fs, err := OpenFileStore(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i <= last; i++ {
		if _, ok := fs.Lookup(fmt.Sprint("L", i), "SDN:5", "h", time.Now()); !ok {
			t.Errorf("acknowledged record L%d lost", i)
		}
	}
	if q := fs.Quarantined(); len(q) != 1 || q[0].Line != 6 || !strings.HasPrefix(q[0].Text, `{"party":"L5"`) {
		t.Errorf("want the cut record quarantined as line 6, got %+v", q)
	}
	if err := fs.Add(context.Background(), sup("AFTER", "SDN:6", "h")); err != nil {
		t.Fatal(err)
	}
	fs.Close()
	fs, err = OpenFileStore(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fs.Close()
	if _, ok := fs.Lookup("AFTER", "SDN:6", "h", time.Now()); !ok {
		t.Error("the record added once there was room again is lost")
	}
}
