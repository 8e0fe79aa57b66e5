package screening

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

func sup(party, entry, hash string) Suppression {
	return Suppression{Party: party, EntryKey: entry, EntryHash: hash, Kind: NotAMatch,
		Reason: "different company, other registration number", Reviewer: "j.doe",
		Created: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)}
}

func TestMemoryStoreLapsesOnEntryChangeAndExpiry(t *testing.T) {
	ctx := context.Background()
	m := NewMemoryStore()
	s := sup("ACME TRADING", "EL:123", "h1")
	s.Expires = time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	if err := m.Add(ctx, s); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	if _, ok := m.Lookup("ACME TRADING", "EL:123", "h1", at); !ok {
		t.Fatal("want the record in force")
	}
	if _, ok := m.Lookup("ACME TRADING", "EL:123", "h2", at); ok {
		t.Fatal("a changed entry (other hash) must not be suppressed")
	}
	if _, ok := m.Lookup("ACME TRADING", "EL:123", "h1", s.Expires); ok {
		t.Fatal("an expired record must not apply")
	}
	if _, ok := m.Lookup("OTHER", "EL:123", "h1", at); ok {
		t.Fatal("another party must not be suppressed")
	}
}

func TestSuppressionValidate(t *testing.T) {
	err := (&Suppression{Kind: "maybe"}).Validate()
	if err == nil {
		t.Fatal("want an error")
	}
	for _, want := range []string{"party is empty", "entry_key is empty", "entry_hash is empty", `kind "maybe"`, "reviewer is empty", "reason is empty"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
}

func TestFileStoreReopenAndTornTail(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "suppressions.jsonl")
	fs, err := OpenFileStore(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		if err := fs.Add(ctx, sup(fmt.Sprint("P", i), "SDN:1", "h")); err != nil {
			t.Fatal(err)
		}
	}
	fs.Close()
	// A crash in the middle of a write leaves half a line.
	f, _ := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString(`{"party":"P3","entry_key":"SDN:1","entry_ha`)
	f.Close()

	fs, err = OpenFileStore(path)
	if err != nil {
		t.Fatalf("reopen after torn write: %v", err)
	}
	if fs.Recovered() != int64(len(`{"party":"P3","entry_key":"SDN:1","entry_ha`)) {
		t.Errorf("Recovered = %d", fs.Recovered())
	}
	if q := fs.Quarantined(); len(q) != 1 || q[0].Line != 4 || q[0].Text != `{"party":"P3","entry_key":"SDN:1","entry_ha` {
		t.Errorf("Quarantined = %+v", q)
	}
	for i := range 3 {
		if _, ok := fs.Lookup(fmt.Sprint("P", i), "SDN:1", "h", time.Now()); !ok {
			t.Errorf("committed record P%d lost", i)
		}
	}
	if err := fs.Add(ctx, sup("P4", "SDN:1", "h")); err != nil {
		t.Fatal(err)
	}
	fs.Close()
	fs, err = OpenFileStore(path)
	if err != nil {
		t.Fatalf("reopen after append past a torn tail: %v", err)
	}
	defer fs.Close()
	if _, ok := fs.Lookup("P4", "SDN:1", "h", time.Now()); !ok {
		t.Error("record appended after recovery lost")
	}
}

// TestFileStoreQuarantinesInvalidLines: complete lines that are not valid
// records (hand edits, damage) are skipped and copied to the quarantine
// file; the file itself is not changed and the records around them load.
func TestFileStoreQuarantinesInvalidLines(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.jsonl")
	good := `{"party":"P","entry_key":"EL:1","entry_hash":"h","kind":"accepted","reason":"r","reviewer":"x"}`
	noReviewer := `{"party":"Q","entry_key":"EL:2","entry_hash":"h","kind":"accepted","reason":"r"}`
	content := "{not json}\n" + good + "\n" + noReviewer + "\n"
	os.WriteFile(path, []byte(content), 0o644)
	for range 2 { // reopening does not copy a line to the quarantine twice
		fs, err := OpenFileStore(path)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := fs.Lookup("P", "EL:1", "h", time.Now()); !ok {
			t.Error("the valid record between two bad lines was not loaded")
		}
		q := fs.Quarantined()
		if len(q) != 2 || q[0].Line != 1 || q[0].Offset != 0 || q[0].Text != "{not json}" ||
			q[1].Line != 3 || q[1].Offset != int64(len("{not json}\n"+good+"\n")) || q[1].Err != "reviewer is empty" {
			t.Errorf("Quarantined = %+v", q)
		}
		fs.Close()
	}
	if b, _ := os.ReadFile(path); string(b) != content {
		t.Errorf("the suppression file was changed:\n%s", b)
	}
	qb, _ := os.ReadFile(path + ".quarantine")
	want := `{"line":1,"offset":0,"error":"invalid character 'n' looking for beginning of object key string","text":"{not json}"}` + "\n" +
		`{"line":3,"offset":107,"error":"reviewer is empty","text":` + strconv.Quote(noReviewer) + "}\n"
	if string(qb) != want {
		t.Errorf("quarantine file:\n%s\nwant:\n%s", qb, want)
	}
}

func TestFileStoreConcurrentWriters(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "s.jsonl")
	a, err := OpenFileStore(path)
	if err != nil {
		t.Fatal(err)
	}
	b, err := OpenFileStore(path) // a second handle, as a second process would have
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		st := a
		if g%2 == 1 {
			st = b
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 25 {
				if err := st.Add(ctx, sup(fmt.Sprintf("G%d-%d", g, i), "EL:9", "h")); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	a.Close()
	b.Close()
	c, err := OpenFileStore(path)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if c.Recovered() != 0 {
		t.Errorf("interleaved writes left a torn line (%d bytes)", c.Recovered())
	}
	for g := range 8 {
		for i := range 25 {
			if _, ok := c.Lookup(fmt.Sprintf("G%d-%d", g, i), "EL:9", "h", time.Now()); !ok {
				t.Fatalf("record G%d-%d lost", g, i)
			}
		}
	}
}

// TestFileStoreCrash kills a writer process with SIGKILL while it appends,
// then checks that every record the writer reported as committed is there
// and the file opens cleanly.
func TestFileStoreCrash(t *testing.T) {
	if os.Getenv("EXPORTGUARD_CRASH_WRITER") != "" {
		crashWriter(os.Getenv("EXPORTGUARD_CRASH_WRITER"))
		return
	}
	if testing.Short() {
		t.Skip("spawns a process")
	}
	path := filepath.Join(t.TempDir(), "s.jsonl")
	cmd := exec.Command(os.Args[0], "-test.run=^TestFileStoreCrash$")
	cmd.Env = append(os.Environ(), "EXPORTGUARD_CRASH_WRITER="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	committed := -1
	for sc.Scan() {
		if n, err := strconv.Atoi(strings.TrimPrefix(sc.Text(), "committed ")); err == nil {
			committed = n
			if n >= 200 {
				break
			}
		}
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	if committed < 0 {
		t.Fatal("writer committed nothing")
	}
	fs, err := OpenFileStore(path)
	if err != nil {
		t.Fatalf("reopen after kill: %v", err)
	}
	defer fs.Close()
	for i := 0; i <= committed; i++ {
		if _, ok := fs.Lookup(fmt.Sprint("P", i), "SDN:7", "h", time.Now()); !ok {
			t.Fatalf("record %d was reported committed but is lost", i)
		}
	}
}

func crashWriter(path string) {
	fs, err := OpenFileStore(path)
	if err != nil {
		fmt.Println("open:", err)
		os.Exit(1)
	}
	for i := 0; ; i++ {
		if err := fs.Add(context.Background(), sup(fmt.Sprint("P", i), "SDN:7", "h")); err != nil {
			fmt.Println("add:", err)
			os.Exit(1)
		}
		fmt.Printf("committed %d\n", i)
	}
}

// TestFileStoreSeesOtherWriters: a review recorded through one handle (as
// by another process sharing the file) applies through the other at once.
func TestFileStoreSeesOtherWriters(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "s.jsonl")
	a, err := OpenFileStore(path)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := OpenFileStore(path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if _, ok := b.Lookup("ACME", "EL:1", "h", time.Now()); ok {
		t.Fatal("found a record before it was written")
	}
	if err := a.Add(ctx, sup("ACME", "EL:1", "h")); err != nil {
		t.Fatal(err)
	}
	// Half a line from a writer still at work is not read yet.
	f, _ := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString(`{"party":"BETA","entry_key":"EL:2",`)
	if _, ok := b.Lookup("ACME", "EL:1", "h", time.Now()); !ok {
		t.Fatal("a record added through the other handle is not seen")
	}
	f.WriteString(`"entry_hash":"h","kind":"accepted","reason":"licensed","reviewer":"k.lee"}` + "\n")
	f.Close()
	if s, ok := b.Lookup("BETA", "EL:2", "h", time.Now()); !ok || s.Reviewer != "k.lee" {
		t.Fatalf("the completed line is not seen: %+v %v", s, ok)
	}
}

// TestMemoryStoreEmpty checks the record count that lets a screening skip
// the party key and look-ups: none at first, one after an Add, still one
// when the same party and entry are recorded again.
func TestMemoryStoreEmpty(t *testing.T) {
	m := NewMemoryStore()
	if !m.empty() {
		t.Fatal("a new store is not empty")
	}
	ctx := context.Background()
	for range 2 {
		if err := m.Add(ctx, sup(PartyKey("Acme Trading LLC"), "SDN:1", "h1")); err != nil {
			t.Fatal(err)
		}
		if m.empty() || m.records.Load() != 1 {
			t.Fatalf("after an Add: empty %v, %d records; want one", m.empty(), m.records.Load())
		}
	}
}
