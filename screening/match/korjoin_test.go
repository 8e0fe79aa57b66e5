package match

import (
	"context"
	"testing"

	"github.com/exportguard/exportguard/rules"
	"github.com/exportguard/exportguard/screening/lists"
)

// TestKorSegments checks the readings of joined words as Hangul
// syllables: every split the tables allow (the n'g of McCune–Reischauer
// written without its apostrophe reads n-g and ng-), none for a word of
// other letters.
func TestKorSegments(t *testing.T) {
	for _, c := range []struct {
		w    string
		keys []string
	}{
		{"namchongang", []string{"namconkan", "namcon_an"}},
		{"heungjin", []string{"honcin"}},
		{"hunjin", []string{"honcin"}},
		{"mohammed", nil},
		{"korea", nil},
		{"kim", nil}, // one syllable: not a joined word
	} {
		var segs [maxKorSegs]korSeg
		n := korSegments(c.w, segs[:])
		var got []string
		for i := 0; i < n; i++ {
			got = append(got, segs[i].keyString())
		}
		if len(got) != len(c.keys) {
			t.Errorf("%s: readings %v, want %v", c.w, got, c.keys)
			continue
		}
		for i := range got {
			if got[i] != c.keys[i] {
				t.Errorf("%s: readings %v, want %v", c.w, got, c.keys)
				break
			}
		}
	}
	match := func(a, b string) bool {
		var sa, sb [maxKorSegs]korSeg
		na, nb := korSegments(a, sa[:]), korSegments(b, sb[:])
		for i := 0; i < na; i++ {
			for j := 0; j < nb; j++ {
				if korSegsMatch(&sa[i], &sb[j]) {
					return true
				}
			}
		}
		return false
	}
	for _, p := range [][2]string{{"hunjin", "heungjin"}, {"pyongyang", "pyeongyang"}, {"namchongang", "namchonggang"}, {"kymsan", "kumsan"}, {"phenyan", "pyongyang"}} {
		if !match(p[0], p[1]) {
			t.Errorf("%s and %s: want one word", p[0], p[1])
		}
	}
	for _, p := range [][2]string{{"hunjin", "hanjin"}, {"namchongang", "namhung"}, {"kumsan", "kumsong"}} {
		if match(p[0], p[1]) {
			t.Errorf("%s and %s: want other words", p[0], p[1])
		}
	}
}

// TestKoreanJoinedWord checks that a word of a Korean organisation's name
// is found split at other syllable boundaries or respelt with a final n for
// ng, and that the reading is kept to organisations of Korea.
func TestKoreanJoinedWord(t *testing.T) {
	kp, err := rules.ParseCountry("KP")
	if err != nil {
		t.Fatal(err)
	}
	entries := func(addr []lists.Address) []*lists.Entry {
		return []*lists.Entry{
			{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "NAMCHONGANG TRADING CORPORATION", Addresses: addr},
			{Source: lists.SourceSDN, ID: "2", Type: lists.TypeEntity, Name: "KOREA HEUNGJIN TRADING COMPANY", Addresses: addr},
		}
	}
	korea := NewIndex(entries([]lists.Address{{Country: kp}}))
	other := NewIndex(entries(nil))
	for _, c := range []struct{ query, want string }{
		{"NAM CHONG GAN TRADING CORPORATION", "1"},
		{"Hunjin Trading Co.", "2"},
	} {
		for _, ix := range []*Index{korea, other} {
			ms, err := ix.Search(context.Background(), Query{Name: c.query})
			if err != nil {
				t.Fatal(err)
			}
			found := len(ms) > 0 && ms[0].Entry.ID == c.want
			if want := ix == korea; found != want {
				t.Errorf("%q (Korean entries %v): matches %+v, want found %v", c.query, want, ms, want)
			}
		}
	}
}
