package match

import "strings"

// hanGloss maps the pinyin of common Chinese business terms to the English
// words the lists use for them, so that a name written in Han characters
// (海运 "hai yun") meets its English listing ("shipping"). It applies only to
// queries that contain Han characters. Place names need no gloss: their
// pinyin is their English name ("shang hai" joins to "shanghai").
var hanGloss = map[string][]string{}

func init() {
	for _, g := range [][2]string{
		{"guo ji", "international"}, {"hai yun", "shipping"}, {"chuan wu", "shipping"},
		{"hang yun", "shipping"}, {"ji shu", "technology"}, {"ke ji", "technology"},
		{"mao yi", "trading"}, {"jin chu kou", "import export"}, {"ji xie", "machinery"},
		{"zhong guo", "china"}, {"chao xian", "korea"}, {"xiang gang", "hongkong"},
		{"dian zi", "electronics"}, {"tong xin", "communications"}, {"ke xue", "science"},
		{"yan jiu suo", "research institute"}, {"yan jiu yuan", "research institute"},
		{"yan jiu", "research"}, {"gong ye", "industry"}, {"ji tuan", "group"},
		{"zi yuan", "resources"}, {"neng yuan", "energy"}, {"shi you", "petroleum"},
		{"hua gong", "chemical"}, {"hang kong", "aviation"}, {"hang tian", "aerospace"},
		{"wu liu", "logistics"}, {"tou zi", "investment"}, {"kong gu", "holdings"},
		{"fa zhan", "development"}, {"gong cheng", "engineering"}, {"zhi zao", "manufacturing"},
		{"yi qi", "instruments"}, {"he ying", "joint venture"}, {"lian he", "united"},
		{"hui she", "company"}, {"dian qi", "electric"}, {"qi ye", "enterprise"},
		{"shi ye", "industrial"}, {"ren min", "people s"}, {"da xue", "university"},
		{"jing mi", "precision"},
	} {
		hanGloss[g[0]] = strings.Fields(g[1])
		pinyinGloss[strings.ReplaceAll(g[0], " ", "")] = strings.Fields(g[1])
	}
	pinyinGlossShapes = shapesOf(pinyinGloss)
}

// pinyinGloss is hanGloss keyed by the syllables written as one word, as
// pinyin names in Latin letters write them ("jinchukou", "zhongguo").
var pinyinGloss = map[string][]string{}

// pinyinGlossShapes holds the shapes (shapeSet) of pinyinGloss's keys:
// pinyinHits asks them of every query word before the map.
var pinyinGlossShapes shapeSet

// pinyinHits adds, for a query word in Latin letters that is a glossed
// business term written in pinyin ("Zhongguo Jixie Jinchukou"), a hit
// against its English word, or a join hit against the two English words
// of a listed name ("jinchukou" against "import export").
func (ix *Index) pinyinHits(sc *scratch) {
	for i := range sc.qs {
		if !pinyinGlossShapes.has(sc.qs[i].s) {
			continue
		}
		g, ok := pinyinGloss[sc.qs[i].s]
		if !ok {
			continue
		}
		switch len(g) {
		case 1:
			if id, ok := ix.tokenID(g[0]); ok {
				sc.addHit(simHit{int8(i), int8(i), id, glossSim})
			}
		case 2:
			for _, r := range ix.joinRefsOf(g[0] + g[1]) {
				sc.joins = append(sc.joins, joinHit{q: int8(i), pos: r.pos, name: r.name, sim: glossSim})
			}
		}
	}
}

const maxGlossWords = 3

// glossHits adds, for runs of two or three query syllables that gloss to
// one English word of the index, a hit of the run against that word, beside
// the hits of the syllables themselves: a list may give a Chinese name in
// English ("International Shipping") or in pinyin ("Guoji Haiyun").
func (ix *Index) glossHits(sc *scratch) {
	for i := 0; i < len(sc.qs); i++ {
		b := sc.tmp[:0]
		for k := i; k < len(sc.qs) && k < i+maxGlossWords; k++ {
			if k > i {
				b = append(b, ' ')
			}
			b = append(b, sc.qs[k].s...)
			if k == i {
				continue
			}
			if g, ok := hanGloss[string(b)]; ok && len(g) == 1 {
				if id, ok := ix.tokenID(g[0]); ok {
					sc.addHit(simHit{int8(i), int8(k), id, glossSim})
				}
			}
		}
		sc.tmp = b[:0]
	}
}

// glossSim is the similarity of a glossed run of syllables and its English
// word.
const glossSim = 0.95

// hasHan reports whether s has a Han character.
func hasHan(s string) bool {
	for _, r := range s {
		if isHan(r) {
			return true
		}
	}
	return false
}
