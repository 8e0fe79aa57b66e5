package service

import (
	"bufio"
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"strings"
)

// Role is what a token lets its holder do.
type Role string

// Roles. An admin may do everything a reviewer may.
const (
	RoleReviewer Role = "reviewer"
	RoleAdmin    Role = "admin"
)

// TokensEnv is the environment variable that may hold the tokens, in the
// token file format with lines separated by newlines or semicolons.
const TokensEnv = "EXPORTGUARD_TOKENS"

// minTokenLen is the shortest token accepted: 128 bits as hex.
const minTokenLen = 32

// Principal is who presented a token.
type Principal struct {
	Name string
	Role Role
}

type token struct {
	sum [sha256.Size]byte
	p   Principal
}

// Tokens are the bearer tokens the reviewer and admin endpoints accept.
// Only their SHA-256 sums are kept; a presented token is compared with
// every one in constant time.
type Tokens struct {
	list []token
}

// Len returns how many tokens there are.
func (t *Tokens) Len() int { return len(t.list) }

// ParseTokens reads tokens, one a line: ROLE NAME TOKEN, where ROLE is
// reviewer or admin, NAME is who holds it (written into dispositions and
// logs) and TOKEN is at least 32 characters (for example
// `openssl rand -hex 32`). Blank lines and lines starting with # are
// skipped. file names the source in errors.
func ParseTokens(r io.Reader, file string) (*Tokens, error) {
	t := &Tokens{}
	sc := bufio.NewScanner(r)
	seenName := map[string]bool{}
	seenSum := map[[sha256.Size]byte]bool{}
	var errs []error
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		f := strings.Fields(text)
		if len(f) != 3 {
			errs = append(errs, fmt.Errorf("%s:%d: want ROLE NAME TOKEN, found %d fields", file, line, len(f)))
			continue
		}
		role := Role(f[0])
		if role != RoleReviewer && role != RoleAdmin {
			errs = append(errs, fmt.Errorf("%s:%d: role %q: want reviewer or admin", file, line, f[0]))
			continue
		}
		if len(f[2]) < minTokenLen {
			errs = append(errs, fmt.Errorf("%s:%d: the token of %s has %d characters; want at least %d", file, line, f[1], len(f[2]), minTokenLen))
			continue
		}
		if seenName[f[1]] {
			errs = append(errs, fmt.Errorf("%s:%d: %s has a token already", file, line, f[1]))
			continue
		}
		sum := sha256.Sum256([]byte(f[2]))
		if seenSum[sum] {
			errs = append(errs, fmt.Errorf("%s:%d: the token of %s is another holder's token", file, line, f[1]))
			continue
		}
		seenName[f[1]], seenSum[sum] = true, true
		t.list = append(t.list, token{sum: sum, p: Principal{Name: f[1], Role: role}})
	}
	if err := sc.Err(); err != nil {
		errs = append(errs, fmt.Errorf("%s: %w", file, err))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return t, nil
}

// LoadTokens reads the token file at path; with path "" it reads
// $EXPORTGUARD_TOKENS. With neither it returns no tokens, and every
// protected endpoint answers 401.
func LoadTokens(path string) (*Tokens, error) {
	if path == "" {
		env := os.Getenv(TokensEnv)
		return ParseTokens(strings.NewReader(strings.ReplaceAll(env, ";", "\n")), "$"+TokensEnv)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("tokens: %w", err)
	}
	defer f.Close()
	return ParseTokens(f, path)
}

// Check returns who holds tok. Every stored token is compared, each in
// constant time, so the time taken says nothing about which one is near.
func (t *Tokens) Check(tok string) (Principal, bool) {
	if t == nil || tok == "" {
		return Principal{}, false
	}
	sum := sha256.Sum256([]byte(tok))
	var found Principal
	ok := 0
	for _, x := range t.list {
		eq := subtle.ConstantTimeCompare(sum[:], x.sum[:])
		if eq == 1 {
			found = x.p
		}
		ok |= eq
	}
	return found, ok == 1
}

// SessionCookie is the cookie the reviewer page keeps the token in after
// logging in (HttpOnly, SameSite=Strict).
const SessionCookie = "exportguard_session"

// FromRequest returns the token of r: the bearer token of the
// Authorization header, or else the session cookie.
func FromRequest(r *http.Request) string {
	if h := r.Header.Get("Authorization"); h != "" {
		scheme, tok, ok := strings.Cut(h, " ")
		if ok && strings.EqualFold(scheme, "Bearer") {
			return strings.TrimSpace(tok)
		}
		return ""
	}
	if c, err := r.Cookie(SessionCookie); err == nil {
		return c.Value
	}
	return ""
}

type principalKey struct{}

// PrincipalFrom returns the principal Require put into ctx.
func PrincipalFrom(ctx context.Context) (Principal, bool) {
	p, ok := ctx.Value(principalKey{}).(Principal)
	return p, ok
}

// Require wraps next so that only holders of a token with role (or admin)
// reach it. Others get 401 with a WWW-Authenticate header (403 for a
// reviewer on an admin endpoint), and each refusal is logged with the
// path and the peer. onFail writes the refusal (nil: a JSON error).
func (t *Tokens) Require(role Role, logger *slog.Logger, onFail func(w http.ResponseWriter, r *http.Request, status int, msg string), next http.Handler) http.Handler {
	if onFail == nil {
		onFail = func(w http.ResponseWriter, _ *http.Request, status int, msg string) {
			w.Header().Set("Content-Type", "application/json; charset=utf-8")
			w.WriteHeader(status)
			fmt.Fprintf(w, "{\"error\": %q}\n", msg)
		}
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tok := FromRequest(r)
		p, ok := t.Check(tok)
		if !ok {
			why := "no token"
			if tok != "" {
				why = "unknown token"
			}
			logger.LogAttrs(r.Context(), slog.LevelWarn, "unauthenticated request refused",
				slog.String("method", r.Method), slog.String("path", r.URL.Path), slog.String("remote", r.RemoteAddr), slog.String("why", why))
			w.Header().Set("WWW-Authenticate", `Bearer realm="exportguard"`)
			onFail(w, r, http.StatusUnauthorized, "authentication required: send Authorization: Bearer TOKEN")
			return
		}
		if role == RoleAdmin && p.Role != RoleAdmin {
			logger.LogAttrs(r.Context(), slog.LevelWarn, "forbidden request refused",
				slog.String("method", r.Method), slog.String("path", r.URL.Path), slog.String("remote", r.RemoteAddr), slog.String("who", p.Name))
			onFail(w, r, http.StatusForbidden, "this endpoint needs an admin token")
			return
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), principalKey{}, p)))
	})
}
