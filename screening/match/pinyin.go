package match

import pinyin "github.com/mozillazg/go-pinyin"

// pinyinDict is go-pinyin's character dictionary (code point to readings
// with tone marks, most common reading first).
var pinyinDict = pinyin.PinyinDict
