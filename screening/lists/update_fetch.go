package lists

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
)

// fetch downloads one file to dst.
func (u *Updater) fetch(ctx context.Context, f Feed, ff FeedFile, dst string, prev feedState, havePrev bool) (FeedReport, feedState) {
	fr := FeedReport{Feed: f.Name, File: ff.Name, URL: ff.URL}
	st := feedState{FetchedAt: u.now().UTC()}
	ctx, cancel := context.WithTimeout(ctx, u.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, ff.URL, nil)
	if err != nil {
		fr.Err = err
		return fr, st
	}
	req.Header.Set("Accept-Encoding", "gzip")
	if havePrev {
		if prev.ETag != "" {
			req.Header.Set("If-None-Match", prev.ETag)
		}
		if prev.LastModified != "" {
			req.Header.Set("If-Modified-Since", prev.LastModified)
		}
	}
	resp, err := u.client.Do(req)
	if err != nil {
		fr.Err = err
		return fr, st
	}
	defer resp.Body.Close()
	fr.Status = resp.StatusCode
	switch {
	case resp.StatusCode == http.StatusNotModified && havePrev:
		fr.NotModified = true
		st.ETag, st.LastModified = prev.ETag, prev.LastModified
		if e := resp.Header.Get("ETag"); e != "" {
			st.ETag = e
		}
		return fr, st
	case resp.StatusCode != http.StatusOK:
		fr.Err = fmt.Errorf("HTTP %s", resp.Status)
		return fr, st
	}
	if resp.ContentLength > u.maxBytes {
		fr.Err = fmt.Errorf("file is %d bytes, over the %d-byte cap", resp.ContentLength, u.maxBytes)
		return fr, st
	}
	body := bufio.NewReader(io.LimitReader(resp.Body, u.maxBytes+1))
	var r io.Reader = body
	gz := false
	if magic, _ := body.Peek(2); bytes.Equal(magic, []byte{0x1f, 0x8b}) || resp.Header.Get("Content-Encoding") == "gzip" {
		gz = true
		zr, err := gzip.NewReader(body)
		if err != nil {
			fr.Err = fmt.Errorf("bad gzip: %w", err)
			return fr, st
		}
		r = zr
	}
	out, err := os.Create(dst)
	if err != nil {
		fr.Err = err
		return fr, st
	}
	n, werr, err := storeBody(out, io.LimitReader(r, u.maxBytes+1))
	fr.Bytes = n
	fr.Err = u.bodyErr(n, werr, err, gz, resp.ContentLength)
	st.ETag = resp.Header.Get("ETag")
	st.LastModified = resp.Header.Get("Last-Modified")
	return fr, st
}

// storeBody copies r into out, syncs and closes it, and returns the bytes
// copied, the error of writing or storing the file (werr: a full
// disk), and the first error of the copy, sync or close (err).
func storeBody(out *os.File, r io.Reader) (n int64, werr, err error) {
	w := &writeErr{w: out}
	n, err = io.Copy(w, r)
	if err == nil {
		w.err = out.Sync()
		err = w.err
	}
	if cerr := out.Close(); err == nil {
		w.err = cerr
		err = cerr
	}
	return n, w.err, err
}

// bodyErr judges a stored download of n bytes (gz: gzip-decoded; length:
// the Content-Length, -1 if none) from the errors storeBody returned; nil
// means the file is whole.
func (u *Updater) bodyErr(n int64, werr, err error, gz bool, length int64) error {
	switch {
	case werr != nil:
		return fmt.Errorf("cannot store the file after %d bytes: %w", n, werr)
	case err != nil && gz:
		return fmt.Errorf("bad gzip data after %d bytes: %w", n, err)
	case err != nil:
		return fmt.Errorf("download cut short after %d bytes: %w", n, err)
	case n > u.maxBytes:
		return fmt.Errorf("file is over the %d-byte cap", u.maxBytes)
	case length >= 0 && !gz && n != length:
		return fmt.Errorf("download cut short: %d of %d bytes", n, length)
	case n == 0:
		return fmt.Errorf("%w: the server sent no data", ErrEmptyFile)
	}
	return nil
}

// writeErr remembers whether a copy failed writing (a full disk) rather
// than reading (the download).
type writeErr struct {
	w   io.Writer
	err error
}

func (w *writeErr) Write(b []byte) (int, error) {
	n, err := w.w.Write(b)
	if err != nil {
		w.err = err
	}
	return n, err
}
