package match

// Sound keys: an English word, its transcription through Russian read back
// into Latin letters, and the Russian forms built on either meet on one key
// ("ventures" and "venchurs", "solutions" and "solyushns", "mobile" and
// "mobayl", "mechanical" and "mekhanicheskii", "innovations" and
// "innovatsii", "Kovrov" and "kovrovskii", "Yaroslavl" and "yaroslavskiy").
//
// A word has keys of four kinds, each hashed with a seed of its own and
// filed in the fuzzy index:
//
//   - its sound, read literally (every letter as the Russian romanisation
//     uses it) and read as English (tion as shn, ture as chur, a silent
//     final e lengthening the vowel before it, ee as i, ay as ei, soft c
//     and g): both readings of both words are compared, so that either may
//     be the English one;
//   - the sound of its stem with the class of a suffix that Russian renders
//     with its own: -ical and -ic against -icheskiy (-icheskaya,
//     -icheskie …), -tion and -tions against -tsiya (-tsii …), -tional
//     against -tsionnyy, the plural -s against -y and -i;
//   - for a Russian adjective in -skiy (-skaya, -skoe …) or a relative
//     adjective in -nyy after a consonant (servisnaya, avtomobilnyi), its
//     stem, with and without an -ov- link and with a fleeting o or e
//     dropped (vologodskiy: vologd);
//   - for any other word, the nouns such an adjective is formed on: the word
//     itself, less a final vowel (Klintsy, Vologda), less a final -sk
//     (Novosibirsk) or the l of -vl (Yaroslavl), less -ian or -an (Siberian,
//     Belarusian).
//
// The adjective stems of one side are looked up among the noun forms of the
// other, never among other adjective stems, so that two nouns or two
// adjectives do not meet through a stripped ending. A listed noun's whole
// word is filed once, as its sound: a query's adjective stem is looked up
// there and among the shortened noun forms.

const (
	seedSoundP uint64 = 0x2545F4914F6CDD1D // the sound of the whole word
	seedSoundT uint64 = 0x9FB21C651E98DF25 // a stem and its suffix class
	seedSoundA uint64 = 0xD6E8FEB86659FD93 // an adjective's stem (listed word)
	seedSoundN uint64 = 0xA0761D6478BD642F // a noun an adjective may be formed on (listed word)

	maxSoundWord  = 40   // longest word given sound keys
	minSoundWord  = 4    // shortest word given sound keys
	minSoundKey   = 4    // shortest key (letters of the stem's sound)
	minSoundCons  = 2    // fewest consonants of a key
	minPluralCons = 3    // fewest consonants of a plural's stem (not mill-s, mell-i)
	minStemCons   = 2    // fewest consonants of a stem key, an adjective's stem or a noun form
	maxSoundKeys  = 12   // most keys of one word
	soundSim      = 0.88 // below closeMinSim: a pair of sounds, not of spellings
	placeAdjSim   = 0.85 // a Russian adjective against the noun it is formed on
	soundHitLimit = 16   // listed words taken through one key at most
	minNAdjStem   = 6    // shortest stem (and its sound) of an adjective in -nyy given keys (servis-naya; not polyar-naya)
)

// Suffix classes of the stem keys.
const (
	sufIcal   = '1' // -ical, -ic / -icheskiy
	sufTion   = '2' // -tion(s) / -tsiya
	sufTional = '3' // -tional / -tsionnyy
	sufPlural = '4' // -s / -y, -i
)

// soundKeys is the set of sound keys of one word.
type soundKeys struct {
	h   [maxSoundKeys]uint64
	sim [maxSoundKeys]float32
	n   int
}

func (ks *soundKeys) add(seed uint64, k []byte, sim float32) {
	minCons := minSoundCons
	if seed != seedSoundP {
		minCons = minStemCons
	}
	if len(k) < minSoundKey || ks.n == maxSoundKeys {
		return
	}
	// the consonants counted (consonants) and the key hashed (hashStr)
	// in one pass
	nc := 0
	h := fnvOffset ^ seed
	for _, c := range k {
		if c >= 'a' && c <= 'z' && !isSkelVowel(c) {
			nc++
		}
		h ^= uint64(c)
		h *= fnvPrime
	}
	if nc < minCons {
		return
	}
	if nc < 3 {
		// a key of two consonants says as little as a short skeleton
		// (Maiak, Mayak)
		sim = min(sim, skelEqualSim(len(k)))
	}
	for i := 0; i < ks.n; i++ {
		if ks.h[i] == h {
			return
		}
	}
	ks.h[ks.n] = h
	ks.sim[ks.n] = sim
	ks.n++
}

// consonants counts the consonants of a sound key (its suffix class
// aside).
func consonants(k []byte) int {
	n := 0
	for _, c := range k {
		if c >= 'a' && c <= 'z' && !isSkelVowel(c) {
			n++
		}
	}
	return n
}

// russianSuffix is an ending and what the stem before it is.
type russianSuffix struct {
	end  string
	kind byte // a suffix class, or 'A' for an adjective
}

// stemSuffixes lists the endings stripped for a stem key, longest first
// within each family; the first that fits is taken.
var stemSuffixes = []russianSuffix{
	// -icheskiy and its forms, against -ical and -ic
	{"icheskikh", sufIcal}, {"icheskogo", sufIcal}, {"icheskaya", sufIcal}, {"icheskaia", sufIcal},
	{"icheskoye", sufIcal}, {"icheskiye", sufIcal}, {"icheskuyu", sufIcal}, {"icheskiy", sufIcal},
	{"icheskii", sufIcal}, {"icheskoe", sufIcal}, {"icheskie", sufIcal}, {"icheskoy", sufIcal},
	{"icheskoi", sufIcal}, {"icheskim", sufIcal}, {"ichesky", sufIcal}, {"icheski", sufIcal},
	{"ichnyy", sufIcal}, {"ichnyi", sufIcal}, {"ichnaya", sufIcal},
	{"ical", sufIcal}, {"ics", sufIcal}, {"ic", sufIcal},
	// -tsionnyy, against -tional
	{"tsionnykh", sufTional}, {"tsionnogo", sufTional}, {"tsionnaya", sufTional}, {"tsionnaia", sufTional},
	{"tsionnoye", sufTional}, {"tsionnyye", sufTional}, {"tsionnyy", sufTional}, {"tsionnyi", sufTional},
	{"tsionnoe", sufTional}, {"tsionnye", sufTional}, {"tsionnoy", sufTional}, {"tsionnoi", sufTional},
	{"tsionny", sufTional}, {"tional", sufTional},
	// -tsiya, against -tion
	{"tsiyakh", sufTion}, {"tsiyami", sufTion}, {"tsiyam", sufTion}, {"tsiya", sufTion},
	{"tsiia", sufTion}, {"tsiyu", sufTion}, {"tsiey", sufTion}, {"tsiei", sufTion}, {"tsii", sufTion},
	{"tsiy", sufTion}, {"tions", sufTion}, {"tion", sufTion},
	// adjectives in -skiy (place adjectives)
	{"skikh", 'A'}, {"skogo", 'A'}, {"skaya", 'A'}, {"skaia", 'A'}, {"skoye", 'A'}, {"skiye", 'A'},
	{"skiy", 'A'}, {"skii", 'A'}, {"skoe", 'A'}, {"skie", 'A'}, {"skoy", 'A'}, {"skoi", 'A'},
	{"skyi", 'A'}, {"sky", 'A'}, {"ski", 'A'},
	// the same adjectives in Ukrainian and Polish (-skoho, -skykh, -skyy;
	// the feminine -ska and the neuter -ske: Feodosiyske, of Feodosiya),
	// and in Lithuanian and Latvian the genitive of a
	// country in -ija, which stands where English puts the adjective
	// (Latvijas for Latvian, Rusijos for Russian)
	{"skoho", 'A'}, {"skykh", 'A'}, {"skyy", 'A'}, {"ska", 'A'}, {"ske", 'A'},
	{"ijas", 'A'}, {"ijos", 'A'},
}

// suffixesByLast are the stemSuffixes by their last letter, in order.
var suffixesByLast = func() (t [256][]russianSuffix) {
	for _, s := range stemSuffixes {
		c := s.end[len(s.end)-1]
		t[c] = append(t[c], s)
	}
	return t
}()

// nAdjEndings are the endings of a relative adjective after its -n-.
var nAdjEndings = []string{"ykh", "ogo", "aya", "aia", "oye", "yye", "yy", "yi", "oe", "ye", "oy", "oi", "uyu", "ym"}

// soundKeysOf computes the sound keys of the normalised word w. For a query
// (query true), adjective stems are keyed to meet listed nouns and noun
// forms to meet listed adjective stems; for a listed word the other way
// round.
func soundKeysOf(ks *soundKeys, w string, query bool) {
	ks.n = 0
	if len(w) < minSoundWord || len(w) > maxSoundWord {
		return
	}
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return
		}
	}
	var buf [2*maxSoundWord + 8]byte
	// the whole word, read both ways (and as English without the vowel
	// before a silent e lengthened)
	var litBuf, engBuf [2*maxSoundWord + 8]byte
	lit := appendSound(litBuf[:0], w, false)
	engPlain := lit
	ks.add(seedSoundP, lit, soundSim)
	if readsAsEnglish(w) {
		ks.add(seedSoundP, appendSound(buf[:0], w, true), soundSim)
		engPlain = appendSoundMode(engBuf[:0], w, true, false)
		ks.add(seedSoundP, engPlain, soundSim)
	}
	// a stem and its suffix
	for _, s := range suffixesByLast[w[len(w)-1]] {
		if len(w) < len(s.end)+3 || w[len(w)-len(s.end):] != s.end {
			continue
		}
		stem := w[:len(w)-len(s.end)]
		if s.kind == 'A' {
			addAdjStems(ks, query, stem, buf[:0])
			return
		}
		for _, eng := range [2]bool{false, true} {
			k := appendSound(buf[:0], stem, eng)
			ks.add(seedSoundT, append(k, s.kind), soundSim)
		}
		return
	}
	// a relative adjective in -n- after a consonant (servisnaya,
	// avtomobilnyi)
	for _, e := range nAdjEndings {
		if n := len(w) - len(e) - 1; n >= minNAdjStem && w[n] == 'n' && w[n+1:] == e && !isVowelByte(w[n-1]) && w[n-1] != 'n' {
			if len(appendSound(buf[:0], w[:n], false)) >= minNAdjStem {
				addAdjStems(ks, query, w[:n], buf[:0])
			}
			return
		}
	}
	// a plural: English -s, Russian -y or -i, after a consonant
	if n := len(w) - 1; n >= 4 && !isVowelByte(w[n-1]) {
		switch c := w[n]; {
		case c == 's' && w[n-1] != 's', c == 'y', c == 'i':
			for _, eng := range [2]bool{false, true} {
				k := appendSound(buf[:0], w[:n], eng)
				if consonants(k) >= minPluralCons {
					ks.add(seedSoundT, append(k, sufPlural), soundSim)
				}
			}
		}
	}
	// the nouns an adjective may be formed on
	addNounForms(ks, query, w, lit, engPlain)
}

// readsAsEnglish reports whether w has a spelling that appendSound reads
// otherwise as English (c, g, ti, tu, ay, au, a final e): without one, both
// readings are one.
func readsAsEnglish(w string) bool {
	n := len(w)
	if w[n-1] == 'e' || w[n-1] == 's' && w[n-2] == 'e' {
		return true
	}
	for i := 0; i < n; i++ {
		switch w[i] {
		case 'c', 'g':
			return true
		case 't', 'a':
			if i+1 < n && (w[i+1] == 'i' || w[i+1] == 'u' || w[i+1] == 'y') {
				return true
			}
		}
	}
	return false
}

// addAdjStems adds the stem of a Russian adjective (kovrov, klintsov,
// vologod): as it is, without an -ov- or -ev- link or the -iy- of a noun
// in -iya (feodosiy-ske, of Feodosiya), and without a fleeting o or e
// before its last consonant.
func addAdjStems(ks *soundKeys, query bool, stem string, buf []byte) {
	var fleeting [maxSoundWord]byte
	forms := [3]string{stem}
	n := len(stem)
	if n >= 6 && (stem[n-2:] == "ov" || stem[n-2:] == "ev" || stem[n-2:] == "iy") {
		forms[1] = stem[:n-2]
	}
	if n >= 5 && (stem[n-2] == 'o' || stem[n-2] == 'e') && !isVowelByte(stem[n-1]) && !isVowelByte(stem[n-3]) {
		b := append(append(fleeting[:0], stem[:n-2]...), stem[n-1])
		forms[2] = bytesString(b)
	}
	for _, f := range forms {
		if f == "" {
			continue
		}
		k := appendSound(buf[:0], f, false)
		if !query {
			ks.add(seedSoundA, k, placeAdjSim)
			continue
		}
		// a listed noun's own sound is its whole word's (seedSoundP); its
		// shortened forms are filed apart (seedSoundN)
		ks.add(seedSoundN, k, placeAdjSim)
		ks.add(seedSoundP, k, placeAdjSim)
	}
}

// addNounForms adds the forms of a word w (its literal sound lit, its
// English sound engPlain) that a Russian adjective may be formed on: the
// word, less a final vowel, less -sk, less the l of -vl, less -ian or -an.
func addNounForms(ks *soundKeys, query bool, w string, lit, engPlain []byte) {
	n := len(w)
	seed := seedSoundN
	if query {
		// the whole word, which a listed word files as its sound
		// (seedSoundP) and a query looks up among adjectives' stems
		seed = seedSoundA
		ks.add(seed, lit, placeAdjSim)
		ks.add(seed, engPlain, placeAdjSim)
	}
	if isVowelByte(w[n-1]) {
		m := len(lit)
		for m > 0 && isSkelVowel(lit[m-1]) {
			m--
		}
		ks.add(seed, lit[:m], placeAdjSim)
	}
	trim := 0
	switch {
	case n >= 6 && w[n-2:] == "sk":
		trim = 2
	case n >= 5 && w[n-2:] == "vl":
		trim = 1
	case n >= 7 && (w[n-3:] == "ian" || w[n-3:] == "ean"):
		trim = 3
	case n >= 6 && w[n-2:] == "an":
		trim = 2
	}
	if trim > 0 && trim < len(lit) {
		ks.add(seed, lit[:len(lit)-trim], placeAdjSim)
	}
}

// appendSound appends the sound of w: consonants as the loan key reads
// them (kh, ch, ck, k, q and hard c as k; ts as s; dzh, zh as j; ph as f;
// w as v; x as ks; h dropped; doubled letters once), vowels in three
// classes (a; e, i and y as i; o and u as u), a run of one class once, and
// a y between a consonant and a vowel (the Russian softening of ya, yu)
// dropped. Read literally (eng false), c is s, as a Cyrillic С read as a
// Latin letter (tackom, taskom), when a consonant follows. Read as English (eng true): c and g before e, i or y are s
// and j; tion is shn; t before ur after a consonant is ch (ventures,
// venchurs); ee is i and oo is u; ay is ei; au before a consonant is av
// (auto, avto); a final e is silent and a vowel, one consonant and a final
// e read as the vowel's name (trade treid, mobile mobail), as does -es.
func appendSound(dst []byte, w string, eng bool) []byte {
	return appendSoundMode(dst, w, eng, eng)
}

// appendSoundMode is appendSound with the reading of a vowel before a
// silent final e as its name (magic) chosen apart from eng.
func appendSoundMode(dst []byte, w string, eng, magicE bool) []byte {
	start := len(dst)
	n := len(w)
	end := n
	magic := -1 // the vowel read as its name before a silent final e
	plural := false
	if eng && n >= 4 {
		// a final e (or -es) is silent after one consonant that follows a
		// vowel (trade, breeze, ventures), or after c or g (commerce);
		// after other consonants it is rather sounded (grande)
		silent := func(k int) bool {
			c := w[k]
			return !isVowelByte(c) && (isVowelByte(w[k-1]) || c == 'c' || c == 'g')
		}
		if w[n-1] == 'e' && silent(n-2) {
			end = n - 1
		} else if w[n-1] == 's' && w[n-2] == 'e' && silent(n-3) && w[n-3] != 's' && w[n-3] != 'x' {
			end, plural = n-2, true
		}
		if magicE && end < n && end >= 2 && !isVowelByte(w[end-1]) && isVowelByte(w[end-2]) && (end < 3 || !isVowelByte(w[end-3])) {
			magic = end - 2
		}
	}
	for i := 0; i < end; i++ {
		c := w[i]
		var nx byte
		if i+1 < n {
			nx = w[i+1]
		}
		if isVowelByte(c) {
			switch {
			case c == 'y' && i > 0 && !isVowelByte(w[i-1]) && i+1 < end && isVowelByte(nx) && nx != 'y':
				// softening: lya, lyu
			case eng && i == magic:
				switch c {
				case 'a':
					dst = soundPut(dst, start, 'i') // trade, treid
				case 'i', 'y':
					dst = soundPut(dst, start, 'a')
					dst = soundPut(dst, start, 'i') // mobile, mobail
				case 'o':
					dst = soundPut(dst, start, 'u')
				case 'u':
					dst = soundPut(dst, start, 'u')
				default:
					dst = soundPut(dst, start, 'i')
				}
			case eng && c == 'a' && nx == 'y':
				dst = soundPut(dst, start, 'i') // way, vey
				i++
			case eng && c == 'a' && nx == 'u' && i+2 < end && !isVowelByte(w[i+2]):
				dst = soundPut(dst, start, 'a')
				dst = soundPut(dst, start, 'v') // auto, avto
				i++
			default:
				dst = soundPut(dst, start, vowelClass(c))
			}
			continue
		}
		if eng {
			switch {
			case c == 't' && nx == 'i' && i+3 < n && w[i+2] == 'o' && w[i+3] == 'n':
				dst = soundPut(dst, start, 's') // tion, shn
				i += 2
				continue
			case c == 't' && nx == 'u' && i+2 < end && w[i+2] == 'r' && i > 0 && !isVowelByte(w[i-1]):
				dst = soundPut(dst, start, 'k') // ture, chur (ch reads k, as in the loan key)
				continue
			case c == 'c' && softens(nx):
				dst = soundPut(dst, start, 's')
				continue
			case c == 'g' && softens(nx) && i > 0:
				dst = soundPut(dst, start, 'j')
				continue
			}
		}
		switch {
		case c == 'x':
			dst = soundPut(dst, start, 'k')
			dst = soundPut(dst, start, 's')
		case c == 'w':
			dst = soundPut(dst, start, 'v')
		case c == 'h':
		case c == 'c' && nx != 0 && !isVowelByte(nx) && nx != 'h' && !eng:
			dst = soundPut(dst, start, 's')
		case c == 'g':
			dst = soundPut(dst, start, 'g')
		default:
			var out byte
			out, i = loanConsonant(w, i, c, nx)
			dst = soundPut(dst, start, out)
		}
	}
	if plural {
		dst = soundPut(dst, start, 's')
	}
	return dst
}

// soundPut appends c to the sound key dst[start:] unless it ends in c.
func soundPut(dst []byte, start int, c byte) []byte {
	if n := len(dst); n > start && dst[n-1] == c {
		return dst
	}
	return append(dst, c)
}

// vowelClass is the class of a vowel in a sound key: a; e, i and y as i;
// o and u as u.
func vowelClass(c byte) byte {
	switch c {
	case 'e', 'i', 'y':
		return 'i'
	case 'o', 'u':
		return 'u'
	}
	return 'a'
}

// soundHits adds the listed words that share a sound key with the query
// word q (number i): an English word against its transcription through
// Russian, a suffix against its Russian rendering, a Russian adjective
// against the noun it is formed on. A pair the other keys found closer
// keeps its similarity.
func (ix *Index) soundHits(sc *scratch, q *qtok, i int8) {
	if len(q.s) < minSoundWord || q.w == 0 || q.vowelless {
		return
	}
	var ks soundKeys
	soundKeysOf(&ks, q.s, true)
	for k := 0; k < ks.n; k++ {
		a, z := ix.fuzzyRange(ks.h[k])
		for n := 0; a < z && n < soundHitLimit; a, n = a+1, n+1 {
			t := ix.fuzzyTok(a)
			if ix.toks[t].s == q.s {
				continue
			}
			sc.raiseHit(simHit{i, i, t, ks.sim[k]})
		}
	}
}

// appendSoundFuzzyKeys adds the sound keys of the listed word s (token
// tok) to the fuzzy index.
func appendSoundFuzzyKeys(dst []fuzzyKey, s string, tok int32) []fuzzyKey {
	var ks soundKeys
	soundKeysOf(&ks, s, false)
	for k := 0; k < ks.n; k++ {
		dst = append(dst, fuzzyKey{ks.h[k], tok})
	}
	return dst
}

// adjectivePair reports whether e pairs one query word q with one listed
// word t of which one is a place's name and the other the Russian,
// Ukrainian or Polish adjective formed on it, or the Latvian or Lithuanian
// genitive that stands for it (Amur, Amursky; Feodosiya, Feodosiyske;
// Latvian, Latvijas): a name said as its adjective is the same name, as
// a word respelt is. The words' adjective stems and noun forms
// (soundKeysOf) are compared only for an edge at placeAdjSim, the
// similarity the sound keys give such a pair.
func adjectivePair(e *edge, q, t string) bool {
	if e.qlo != e.qhi || e.clo != e.chi || e.sim != placeAdjSim {
		return false
	}
	var qk, tk soundKeys
	soundKeysOf(&qk, q, true)
	soundKeysOf(&tk, t, false)
	for i := 0; i < qk.n; i++ {
		if qk.sim[i] != placeAdjSim {
			continue
		}
		for j := 0; j < tk.n; j++ {
			if tk.h[j] == qk.h[i] {
				return true
			}
		}
	}
	return false
}
