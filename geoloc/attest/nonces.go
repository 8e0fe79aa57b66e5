package attest

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"strconv"
	"sync"
	"time"
)

// FileNonces is a [NonceStore] kept in a file, so that a record accepted
// by one run of a verifier is a replay to every later run. Each claimed
// nonce is appended as a line "<base64 nonce> <expiry, Unix seconds>";
// expired lines are dropped when the file is opened.
type FileNonces struct {
	mu   sync.Mutex
	f    *os.File
	seen map[Nonce]time.Time
	err  error
}

// OpenFileNonces opens or creates the store at path. now decides which
// entries have expired.
func OpenFileNonces(path string, now time.Time) (*FileNonces, error) {
	s := &FileNonces{seen: map[Nonce]time.Time{}}
	data, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for line := 1; sc.Scan(); line++ {
		f := bytes.Fields(sc.Bytes())
		if len(f) == 0 {
			continue
		}
		var n Nonce
		var exp int64
		if len(f) == 2 {
			err = n.UnmarshalText(f[0])
			if err == nil {
				exp, err = strconv.ParseInt(string(f[1]), 10, 64)
			}
		} else {
			err = errors.New("want a nonce and an expiry")
		}
		if err != nil {
			return nil, &ParseError{Source: path, Line: line, Reason: err.Error()}
		}
		if t := time.Unix(exp, 0); t.After(now) {
			s.seen[n] = t
		}
	}
	// Rewrite without the expired entries, then append from there.
	var b bytes.Buffer
	for n, t := range s.seen {
		fmt.Fprintf(&b, "%s %d\n", base64.StdEncoding.EncodeToString(n[:]), t.Unix())
	}
	if err := writeFileSync(path, b.Bytes()); err != nil {
		return nil, err
	}
	if s.f, err = os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0o600); err != nil {
		return nil, err
	}
	return s, nil
}

// Claim implements [NonceStore]. If the file cannot be written the nonce
// is refused (fail closed), and Err reports why.
func (s *FileNonces) Claim(n Nonce, expiry time.Time) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.seen[n]; ok || s.err != nil {
		return false
	}
	if _, err := fmt.Fprintf(s.f, "%s %d\n", base64.StdEncoding.EncodeToString(n[:]), expiry.Unix()+1); err != nil {
		s.err = err
		return false
	}
	s.seen[n] = expiry
	return true
}

// Err returns the first write error, if any.
func (s *FileNonces) Err() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

// Close syncs and closes the file.
func (s *FileNonces) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	err := s.f.Sync()
	if cerr := s.f.Close(); err == nil {
		err = cerr
	}
	return err
}
