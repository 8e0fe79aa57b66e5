package namekey

import "testing"

func TestKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Côte d'Ivoire", "cotedivoire"},
		{"COTE D IVOIRE", "cotedivoire"},
		{"Cote dIvoire", "cotedivoire"},
		{"ＣＨＩＮＡ", "china"},
		{"TÜRKİYE", "turkiye"},
		{"The Netherlands", "netherlands"},
		{"Bahamas, The", "bahamas"},
		{"the", "the"},
		{"Region: Crimea", "crimea"},
		{"region: kafia kingi", "kafiakingi"},
		{"U.S.A.", "usa"},
		{"中华人民共和国", "中华人民共和国"},
		{"الصّين", "الصين"},
		{"Россия", "россия"},
		{"Straße", "strasse"},
		{"  ", ""},
		{"Iran (Islamic Republic of)", "iranislamicrepublicof"},
		{"Democratic People's Republic of Korea", "democraticpeoplesrepublicofkorea"},
	}
	for _, tt := range tests {
		if got := Key(tt.in); got != tt.want {
			t.Errorf("Key(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
