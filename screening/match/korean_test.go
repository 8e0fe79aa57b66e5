package match

import "testing"

func TestKoreanSameSyllable(t *testing.T) {
	same := [][2]string{
		{"seung", "sung"}, {"sub", "sop"}, {"seop", "sub"}, {"phil", "pil"}, {"song", "sung"},
		{"seong", "sung"}, {"chol", "chul"}, {"cheol", "chol"}, {"jong", "chung"}, {"gil", "kil"},
		{"gyu", "kyu"}, {"hyun", "hyon"}, {"hui", "hee"}, {"thak", "tak"}, {"khang", "kang"},
		{"young", "yong"}, {"ock", "ok"}, {"il", "ill"},
		{"hek", "hyok"}, {"pek", "paek"}, {"ryn", "reun"}, // through Russian: е for ㅕ, э for ㅐ, ы for ㅡ
	}
	for _, p := range same {
		if !koreanSameSyllable(p[0], p[1]) || !koreanSameSyllable(p[1], p[0]) {
			t.Errorf("%s and %s: want one syllable", p[0], p[1])
		}
	}
	other := [][2]string{
		{"gi", "gil"}, {"yun", "yung"}, {"pak", "paek"}, {"su", "sun"}, {"hek", "hak"},
		{"jang", "jong"}, {"wan", "wang"}, {"yongsu", "yongsun"}, {"ossoff", "o"}, {"min", "myn"},
		{"chol", "chol"},
	}
	for _, p := range other {
		if koreanSameSyllable(p[0], p[1]) {
			t.Errorf("%s and %s: want other syllables", p[0], p[1])
		}
	}
}
