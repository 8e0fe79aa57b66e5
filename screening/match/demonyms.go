package match

import (
	"strings"

	"github.com/exportguard/exportguard/rules"
	"github.com/exportguard/exportguard/screening/lists"
)

// demonyms holds the English adjectives of countries (Lebanese, Iranian,
// Syrian) with their ISO 3166 codes (Korean and Congolese stand for two
// countries each), the words a name puts in front of an organisation to say where
// it is, as countryWord reads the country's name (IRANIAN MINISTRY OF
// PETROLEUM for MINISTRY OF PETROLEUM). General knowledge of English,
// compiled for exportguard (see internal/variants/PROVENANCE.md); no
// spelling is taken from a list entry. The countries' names themselves
// are read by rules.ResolveDestination.
var demonyms = map[string]string{
	"afghan": "AF", "albanian": "AL", "algerian": "DZ", "andorran": "AD", "angolan": "AO",
	"argentine": "AR", "argentinian": "AR", "armenian": "AM", "australian": "AU",
	"austrian": "AT", "azerbaijani": "AZ", "azeri": "AZ", "bahamian": "BS", "bahraini": "BH",
	"bangladeshi": "BD", "barbadian": "BB", "belarusian": "BY", "belarussian": "BY",
	"belgian": "BE", "belizean": "BZ", "beninese": "BJ", "bhutanese": "BT", "bolivian": "BO",
	"bosnian": "BA", "botswanan": "BW", "brazilian": "BR", "british": "GB", "bruneian": "BN",
	"bulgarian": "BG", "burkinabe": "BF", "burmese": "MM", "burundian": "BI", "cambodian": "KH",
	"cameroonian": "CM", "canadian": "CA", "chadian": "TD", "chilean": "CL", "chinese": "CN",
	"colombian": "CO", "comoran": "KM", "congolese": "CD CG", "croatian": "HR", "cuban": "CU",
	"cypriot": "CY", "czech": "CZ", "danish": "DK", "djiboutian": "DJ", "dominican": "DO",
	"dutch": "NL", "ecuadorian": "EC", "egyptian": "EG", "emirati": "AE", "eritrean": "ER",
	"estonian": "EE", "ethiopian": "ET", "fijian": "FJ", "filipino": "PH", "finnish": "FI",
	"french": "FR", "gabonese": "GA", "gambian": "GM", "georgian": "GE", "german": "DE",
	"ghanaian": "GH", "greek": "GR", "guatemalan": "GT", "guinean": "GN", "guyanese": "GY",
	"haitian": "HT", "honduran": "HN", "hungarian": "HU", "icelandic": "IS", "indian": "IN",
	"indonesian": "ID", "iranian": "IR", "iraqi": "IQ", "irish": "IE", "israeli": "IL",
	"italian": "IT", "ivorian": "CI", "jamaican": "JM", "japanese": "JP", "jordanian": "JO",
	"kazakh": "KZ", "kazakhstani": "KZ", "kenyan": "KE", "korean": "KP KR", "kosovar": "XK",
	"kuwaiti": "KW", "kyrgyz": "KG", "laotian": "LA", "latvian": "LV", "lebanese": "LB",
	"liberian": "LR", "libyan": "LY", "lithuanian": "LT", "luxembourgish": "LU",
	"macedonian": "MK", "malagasy": "MG", "malawian": "MW", "malaysian": "MY", "maldivian": "MV",
	"malian": "ML", "maltese": "MT", "mauritanian": "MR", "mauritian": "MU", "mexican": "MX",
	"moldovan": "MD", "monegasque": "MC", "mongolian": "MN", "montenegrin": "ME",
	"moroccan": "MA", "mozambican": "MZ", "namibian": "NA", "nepalese": "NP", "nepali": "NP",
	"nicaraguan": "NI", "nigerian": "NG", "nigerien": "NE", "norwegian": "NO", "omani": "OM",
	"pakistani": "PK", "palestinian": "PS", "panamanian": "PA", "paraguayan": "PY",
	"peruvian": "PE", "polish": "PL", "portuguese": "PT", "qatari": "QA", "romanian": "RO",
	"russian": "RU", "rwandan": "RW", "salvadoran": "SV", "saudi": "SA", "senegalese": "SN",
	"serbian": "RS", "seychellois": "SC", "singaporean": "SG", "slovak": "SK", "slovakian": "SK",
	"slovenian": "SI", "somali": "SO", "somalian": "SO", "spanish": "ES", "sudanese": "SD",
	"surinamese": "SR", "swedish": "SE", "swiss": "CH", "syrian": "SY", "taiwanese": "TW",
	"tajik": "TJ", "tajikistani": "TJ", "tanzanian": "TZ", "thai": "TH", "togolese": "TG",
	"tunisian": "TN", "turkish": "TR", "turkmen": "TM", "ugandan": "UG", "ukrainian": "UA",
	"uruguayan": "UY", "uzbek": "UZ", "uzbekistani": "UZ", "venezuelan": "VE",
	"vietnamese": "VN", "yemeni": "YE", "yemenite": "YE", "zambian": "ZM", "zimbabwean": "ZW",
}

// demonymWord reports whether the query word w is the English adjective
// of a country (demonyms): said in front of the whole of a listed
// organisation's name it says where the organisation is, as the country's
// name does (countryWord).
func demonymWord(w string) bool {
	return len(w) >= 4 && demonyms[w] != ""
}

// entryCountryWord reports whether the query word w names a country of
// the listed entry e: its adjective (demonyms) or, read by
// rules.ResolveDestination, its name. Words of fewer than four letters are
// not read, as two-letter country codes are also words and legal forms (AO,
// SA).
func entryCountryWord(e *lists.Entry, w string) bool {
	if len(w) < 4 {
		return false
	}
	if demonyms[w] != "" {
		return entryDemonym(e, w)
	}
	d, err := rules.ResolveDestination(w)
	return err == nil && !d.Region.IsValid() && entryHasCountry(e, d.Country)
}

// entryDemonym reports whether w is the adjective of a country of one of
// the entry e's addresses (demonyms: LEBANESE, SYRIAN).
func entryDemonym(e *lists.Entry, w string) bool {
	for _, code := range strings.Fields(demonyms[w]) {
		if c, err := rules.ParseCountry(code); err == nil && entryHasCountry(e, c) {
			return true
		}
	}
	return false
}
