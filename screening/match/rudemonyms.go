package match

// The adjectives of Russia, Belarus, Ukraine and the other former Soviet
// states as Russian (and Belarusian, Ukrainian) names write them in front
// of an organisation's name to say where it is: РОССИЙСКИЙ, БЕЛОРУССКИЙ
// ШИННЫЙ КОМБИНАТ, УКРАИНСКАЯ, КАЗАХСТАНСКАЯ. They stand where the English
// adjective does (RUSSIAN, BELARUSIAN: demonyms) and are read as it is,
// each stem with the endings of a Russian adjective in its usual
// romanisations (placeAdjEndings; the Ukrainian -yi, -a, -e besides).
// General knowledge of Russian, compiled for exportguard; no spelling is
// taken from a list entry.

// ruDemonymStems are the stems of the adjectives with the country's ISO
// 3166 code.
var ruDemonymStems = map[string]string{
	"rossiisk": "RU", "rossiysk": "RU", "rossisk": "RU", "russk": "RU",
	"belorussk": "BY", "belorusk": "BY", "belarusk": "BY",
	"ukrainsk": "UA", "ukrayinsk": "UA",
	"kazakhstansk": "KZ", "uzbekistansk": "UZ", "uzbeksk": "UZ",
	"kyrgyzsk": "KG", "kirgizsk": "KG", "tadzhiksk": "TJ", "tadzhikistansk": "TJ",
	"turkmensk": "TM", "armyansk": "AM", "gruzinsk": "GE",
	"azerbaidzhansk": "AZ", "azerbaydzhansk": "AZ", "moldavsk": "MD", "moldovsk": "MD",
	"latviisk": "LV", "latviysk": "LV", "litovsk": "LT", "estonsk": "EE",
}

func init() {
	for stem, code := range ruDemonymStems {
		for _, e := range placeAdjEndings {
			if _, ok := demonyms[stem+e]; !ok {
				demonyms[stem+e] = code
			}
		}
		for _, e := range [...]string{"yi", "a", "e"} {
			if _, ok := demonyms[stem+e]; !ok {
				demonyms[stem+e] = code
			}
		}
	}
}
