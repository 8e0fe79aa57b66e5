package service

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

const (
	reviewerTok = "r3v13w3r-0123456789abcdef0123456789abcdef"
	adminTok    = "adm1n-0123456789abcdef0123456789abcdef0123"
)

func testTokens(t *testing.T) *Tokens {
	t.Helper()
	tk, err := ParseTokens(strings.NewReader("# who may review\nreviewer e.manager "+reviewerTok+"\n\nadmin ops "+adminTok+"\n"), "tokens.txt")
	if err != nil {
		t.Fatal(err)
	}
	return tk
}

func TestParseTokensErrors(t *testing.T) {
	in := "reviewer a\n" +
		"owner b " + reviewerTok + "\n" +
		"reviewer c short\n" +
		"reviewer d " + reviewerTok + "\n" +
		"admin d " + adminTok + "\n" +
		"admin e " + reviewerTok + "\n"
	_, err := ParseTokens(strings.NewReader(in), "tokens.txt")
	want := "tokens.txt:1: want ROLE NAME TOKEN, found 2 fields\n" +
		"tokens.txt:2: role \"owner\": want reviewer or admin\n" +
		"tokens.txt:3: the token of c has 5 characters; want at least 32\n" +
		"tokens.txt:5: d has a token already\n" +
		"tokens.txt:6: the token of e is another holder's token"
	if err == nil || err.Error() != want {
		t.Errorf("error:\n%v\nwant:\n%s", err, want)
	}
}

func TestLoadTokensFromEnvironment(t *testing.T) {
	t.Setenv(TokensEnv, "reviewer a "+reviewerTok+";admin b "+adminTok)
	tk, err := LoadTokens("")
	if err != nil {
		t.Fatal(err)
	}
	if p, ok := tk.Check(adminTok); !ok || p != (Principal{Name: "b", Role: RoleAdmin}) {
		t.Errorf("Check(admin) = %+v, %v", p, ok)
	}
	if _, err := LoadTokens("no-such-file"); err == nil || !strings.Contains(err.Error(), "tokens: open no-such-file") {
		t.Errorf("missing file: %v", err)
	}
}

func TestRequire(t *testing.T) {
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, nil))
	tk := testTokens(t)
	h := func(role Role) http.Handler {
		return tk.Require(role, logger, nil, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			p, _ := PrincipalFrom(r.Context())
			w.Write([]byte(p.Name))
		}))
	}
	for _, tc := range []struct {
		name   string
		role   Role
		auth   string
		cookie string
		status int
		body   string
	}{
		{"no token", RoleReviewer, "", "", 401, `{"error": "authentication required: send Authorization: Bearer TOKEN"}` + "\n"},
		{"wrong token", RoleReviewer, "Bearer " + reviewerTok + "x", "", 401, `{"error": "authentication required: send Authorization: Bearer TOKEN"}` + "\n"},
		{"basic scheme", RoleReviewer, "Basic " + reviewerTok, "", 401, `{"error": "authentication required: send Authorization: Bearer TOKEN"}` + "\n"},
		{"reviewer", RoleReviewer, "Bearer " + reviewerTok, "", 200, "e.manager"},
		{"reviewer by cookie", RoleReviewer, "", reviewerTok, 200, "e.manager"},
		{"admin on reviewer endpoint", RoleReviewer, "bearer " + adminTok, "", 200, "ops"},
		{"reviewer on admin endpoint", RoleAdmin, "Bearer " + reviewerTok, "", 403, `{"error": "this endpoint needs an admin token"}` + "\n"},
		{"admin", RoleAdmin, "Bearer " + adminTok, "", 200, "ops"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			logs.Reset()
			r := httptest.NewRequest("POST", "/v1/reload", nil)
			if tc.auth != "" {
				r.Header.Set("Authorization", tc.auth)
			}
			if tc.cookie != "" {
				r.AddCookie(&http.Cookie{Name: SessionCookie, Value: tc.cookie})
			}
			w := httptest.NewRecorder()
			h(tc.role).ServeHTTP(w, r)
			if w.Code != tc.status || w.Body.String() != tc.body {
				t.Errorf("got %d %q, want %d %q", w.Code, w.Body.String(), tc.status, tc.body)
			}
			if tc.status == 401 {
				if w.Header().Get("WWW-Authenticate") != `Bearer realm="exportguard"` {
					t.Errorf("WWW-Authenticate %q", w.Header().Get("WWW-Authenticate"))
				}
				if !strings.Contains(logs.String(), `msg="unauthenticated request refused" method=POST path=/v1/reload remote=192.0.2.1:1234`) {
					t.Errorf("refusal not logged: %s", logs.String())
				}
			}
		})
	}
}

func TestNoTokensRefuseEveryone(t *testing.T) {
	t.Setenv(TokensEnv, "")
	tk, err := LoadTokens("")
	if err != nil || tk.Len() != 0 {
		t.Fatalf("%v, %d tokens", err, tk.Len())
	}
	if _, ok := tk.Check(""); ok {
		t.Error("the empty token was accepted")
	}
}
