//go:build unix

package lists

// Fault injection for the Updater: the process killed at each step of an
// update, a torn, corrupt or missing state.json, damaged list files, and a
// full disk. In every case the next start must screen on the last good
// lists (or refuse, never run on nothing unnoticed), and a feed cut by half
// must still be rejected by the shrink check. The killed processes are
// this test binary re-executed with EXPORTGUARD_LISTS_CHILD set.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// listsChild runs in the re-executed test binary: an Updater on dir with
// the test feeds at url that kills its own process at step, or that runs
// with the file size limited to fsize bytes (a full disk).
func listsChild() bool {
	spec, ok := os.LookupEnv("EXPORTGUARD_LISTS_CHILD")
	if !ok {
		return false
	}
	parts := strings.SplitN(spec, "|", 3) // mode:arg | dir | url
	mode, arg, _ := strings.Cut(parts[0], ":")
	u := NewUpdater(parts[1], WithFeeds(testFeeds(parts[2])...), WithLogger(slogDiscard()),
		WithClock(func() time.Time { return fetchTime.Add(time.Hour) }))
	switch mode {
	case "kill-at":
		u.failpoint = func(step string) {
			if step == arg {
				syscall.Kill(os.Getpid(), syscall.SIGKILL)
			}
		}
	case "fsize":
		var n int64
		fmt.Sscan(arg, &n)
		if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: uint64(n), Max: uint64(n)}); err != nil {
			fmt.Println("setrlimit:", err)
			os.Exit(2)
		}
	}
	_, rep, err := u.Update(context.Background())
	fmt.Printf("accepted=%v reason=%q err=%v\n", rep.Accepted, rep.Reason, err)
	return true
}

// runListsChild runs the child and returns its output and exit error.
func runListsChild(t *testing.T, test, mode, dir, url string) (string, error) {
	t.Helper()
	if testing.Short() {
		t.Skip("spawns a process")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^"+test+"$")
	cmd.Env = append(os.Environ(), "EXPORTGUARD_LISTS_CHILD="+mode+"|"+dir+"|"+url)
	out, err := cmd.Output()
	return string(out), err
}

// expectLastGood checks what a restarted process finds in dir: a last good
// snapshot whose DPL has dplCount entries, and an Updater that rejects a
// DPL cut by half, keeps that snapshot, and accepts the next good feed.
func expectLastGood(t *testing.T, dir string, ls *listServer, url string, dplCount int) {
	t.Helper()
	last, err := LoadLastGood(dir)
	if err != nil {
		t.Fatalf("restart: LoadLastGood: %v", err)
	}
	if dpl, _ := last.Source(SourceDPL); dpl.Count != dplCount {
		t.Fatalf("restart: DPL has %d entries, want %d", dpl.Count, dplCount)
	}
	good := append([]byte(nil), ls.files["/dpl.txt"]...)
	lines := strings.SplitAfter(string(good), "\n")
	ls.set("/dpl.txt", []byte(strings.Join(lines[:len(lines)/2], "")), "")
	u := NewUpdater(dir, WithFeeds(testFeeds(url)...), WithLogger(slogDiscard()), WithClock(func() time.Time { return fetchTime.Add(2 * time.Hour) }))
	snap, rep, err := u.Update(context.Background())
	want := fmt.Sprintf("source DPL shrank from %d to 290 entries (more than 10%%)", dplCount)
	if !errors.Is(err, ErrUpdateRejected) || rep.Reason != want {
		t.Fatalf("restart: a DPL cut by half: err %v, reason %q; want %q", err, rep.Reason, want)
	}
	if snap == nil || u.Current() != snap || snap.Len() != last.Len() {
		t.Fatalf("restart: the rejected update did not keep the last good snapshot (%v)", snap)
	}
	ls.set("/dpl.txt", good, "")
	snap, _, err = u.Update(context.Background())
	if err != nil || snap == nil {
		t.Fatalf("restart: a good update after recovery: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "current", "state.json")); err != nil {
		t.Errorf("after recovery: %v", err)
	}
}

// TestUpdaterKilledAtEachStep kills an update of DPL 577 → 576 entries
// (one real order removed) at each step of the swap. Before the new copy
// is renamed into place the restart finds 577, after it 576; never
// nothing, and the shrink check still holds.
func TestUpdaterKilledAtEachStep(t *testing.T) {
	if listsChild() {
		return
	}
	for _, tc := range []struct {
		step string
		dpl  int
	}{
		{stepFetched, 577}, {stepStaged, 577}, {stepOldMoved, 577}, {stepNewMoved, 576}, {stepSwapped, 576},
	} {
		t.Run(tc.step, func(t *testing.T) {
			_, ls, _, dir := goodUpdater(t)
			url := ls.url
			ls.set("/dpl.txt", withoutGarcia(ls.files["/dpl.txt"]), "")
			out, err := runListsChild(t, "TestUpdaterKilledAtEachStep", "kill-at:"+tc.step, dir, url)
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
				t.Fatalf("the update was not killed at %s: %v, output %q", tc.step, err, out)
			}
			expectLastGood(t, dir, ls, url, tc.dpl)
		})
	}
}

// TestUpdaterDamagedState: state.json torn, corrupt or missing. The files
// beside it still load (by the feeds' layout), so a restart screens on
// them (undated, since their fetch dates were in state.json) and the
// shrink check compares with them; before, a restart had no snapshot and
// the next update was accepted unchecked.
func TestUpdaterDamagedState(t *testing.T) {
	for _, tc := range []struct {
		name   string
		damage func(path string)
	}{
		{"torn", func(p string) { b, _ := os.ReadFile(p); os.WriteFile(p, b[:len(b)/2], 0o644) }},
		{"corrupt", func(p string) { os.WriteFile(p, []byte("\x00\x00\x00\x00"), 0o644) }},
		{"missing", func(p string) { os.Remove(p) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, ls, _, dir := goodUpdater(t)
			tc.damage(filepath.Join(dir, "current", "state.json"))
			last, err := LoadLastGood(dir)
			if err != nil {
				t.Fatal(err)
			}
			if dpl, _ := last.Source(SourceDPL); dpl.Count != 577 || !dpl.Undated() {
				t.Errorf("DPL from damaged state: %d entries, as of %v (%q), fetched %v; want 577, undated", dpl.Count, dpl.AsOf, dpl.AsOfFrom, dpl.FetchedAt)
			}
			expectLastGood(t, dir, ls, ls.url, 577)
		})
	}
}

// TestUpdaterRefusesWithoutABaseline: the list files of the last good copy
// are damaged and no previous copy exists. Update must not accept new
// lists unchecked (a feed cut by half would pass): it refuses, says how to
// start afresh, and returns no snapshot, so the caller screens with
// data.missing.
func TestUpdaterRefusesWithoutABaseline(t *testing.T) {
	_, ls, _, dir := goodUpdater(t)
	os.WriteFile(filepath.Join(dir, "current", "dpl", "dpl.txt"), []byte("not a list\n"), 0o644)
	if _, err := LoadLastGood(dir); err == nil {
		t.Fatal("LoadLastGood accepted a damaged copy")
	}
	u := NewUpdater(dir, WithFeeds(testFeeds(ls.url)...), WithLogger(slogDiscard()))
	snap, rep, err := u.Update(context.Background())
	if snap != nil || !errors.Is(err, ErrUpdateRejected) || !strings.HasPrefix(rep.Reason, "the last good lists in "+dir+" cannot be read") {
		t.Fatalf("snap %v, err %v, reason %q", snap, err, rep.Reason)
	}
	if !strings.Contains(err.Error(), "dpl.txt: wrong file format") {
		t.Errorf("the error does not say what is damaged: %v", err)
	}
	// The operator moves the damaged copy aside: the next update is a first one.
	os.Rename(filepath.Join(dir, "current"), filepath.Join(dir, "damaged-by-hand"))
	if _, rep, err := u.Update(context.Background()); err != nil || !rep.Accepted {
		t.Fatalf("after moving the damaged copy aside: %v %+v", err, rep)
	}
}

// TestUpdaterCrashBetweenRenamesRestoresThePreviousCopy: the state a kill
// at stepOldMoved leaves (no current, a complete .old) is put back as
// current by the next Update, and a damaged current beside a good .old is
// moved aside, not deleted.
func TestUpdaterCrashBetweenRenamesRestoresThePreviousCopy(t *testing.T) {
	_, ls, good, dir := goodUpdater(t)
	cur, old := filepath.Join(dir, "current"), filepath.Join(dir, ".old")
	copyTree(t, cur, old) // .old: a good copy
	os.WriteFile(filepath.Join(cur, "dpl", "dpl.txt"), []byte("garbage"), 0o644)
	u2 := NewUpdater(dir, WithFeeds(testFeeds(ls.url)...), WithLogger(slogDiscard()), WithClock(func() time.Time { return fetchTime }))
	snap, rep, err := u2.Update(context.Background())
	if err != nil || snap == nil || snap.Len() != good.Len() || rep.Reason != "not modified" {
		t.Fatalf("update after restoring .old: %v %+v", err, rep)
	}
	damaged, _ := filepath.Glob(filepath.Join(dir, ".damaged-*"))
	if len(damaged) != 1 {
		t.Fatalf("damaged copies kept: %v", damaged)
	}
	if b, _ := os.ReadFile(filepath.Join(damaged[0], "dpl", "dpl.txt")); string(b) != "garbage" {
		t.Errorf("the damaged copy was not kept as it was: %q", b)
	}
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Errorf(".old still there: %v", err)
	}
}

// TestUpdaterFullDisk runs an update in a process whose files may not grow
// past 100,000 bytes (dpl.txt and cons_prim.csv are larger): the new
// dpl.txt cannot be stored, nor the unchanged cons_prim.csv copied, the
// update is rejected, and the last good copy on disk is untouched.
func TestUpdaterFullDisk(t *testing.T) {
	if listsChild() {
		return
	}
	_, ls, _, dir := goodUpdater(t)
	before := treeDigest(t, filepath.Join(dir, "current"))
	ls.set("/dpl.txt", withoutGarcia(ls.files["/dpl.txt"]), "")
	out, err := runListsChild(t, "TestUpdaterFullDisk", "fsize:100000", dir, ls.url)
	if err != nil {
		t.Fatalf("child: %v %s", err, out)
	}
	if !strings.HasPrefix(out, `accepted=false reason="2 of 5 downloads failed"`) ||
		!strings.Contains(out, "/dpl.txt: cannot store the file after 100000 bytes: write ") ||
		!strings.Contains(out, "/cons_prim.csv: cannot copy the stored file (not modified): ") || !strings.Contains(out, "file too large") {
		t.Fatalf("child output %q", out)
	}
	if after := treeDigest(t, filepath.Join(dir, "current")); after != before {
		t.Error("a failed update changed the last good copy")
	}
	expectLastGood(t, dir, ls, ls.url, 577)
}

// treeDigest lists the files under dir with their contents' lengths and
// first bytes, enough to see a change.
func treeDigest(t *testing.T, dir string) string {
	t.Helper()
	var b bytes.Buffer
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		c, _ := os.ReadFile(p)
		fmt.Fprintf(&b, "%s %d %x\n", p, len(c), c[:min(len(c), 64)])
		return nil
	})
	return b.String()
}
