package match

import "testing"

func TestCompoundEnd(t *testing.T) {
	for _, c := range []struct {
		q, t string
		want bool
	}{
		{"munir", "mustafamunir", true},
		{"hossein", "amirhossein", true},
		{"bagher", "mohammadbagher", true},
		{"zadeh", "hosseinzadeh", false}, // a suffix that makes a family name
		{"ullah", "azizullah", false},    // the name of God
		{"bakar", "aboubakar", false},    // a kunya
		{"reza", "alireza", false},       // too short an end
		{"munir", "xyzmunir", false},     // no given name before it
	} {
		if got := compoundEnd(c.q, c.t); got != c.want {
			t.Errorf("compoundEnd(%q, %q) = %v, want %v", c.q, c.t, got, c.want)
		}
	}
}

// TestCompoundEndNames checks, on the index of the real-alias evaluation,
// a compound given name said by its last element beside the rest of the
// name, and the element alone beside the surname, which stays apart.
func TestCompoundEndNames(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the index of the real-alias evaluation")
	}
	checkMatches(t, realAliasIndex(t), []personCase{
		{"BASRAI, Murtuza Munir", "BASRAI, Murtuza Mustafamunir", true}, // 0.586 without
		{"BASRAI, Munir", "BASRAI, Murtuza Mustafamunir", false},
	})
}
