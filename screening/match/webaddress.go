package match

import "strings"

// A web address written for an organisation's name: its www and its
// top-level domain say where the name is found, not who it is
// (WWW.SERCUBA.COM for SERCUBA).

// webAddressWords returns, a bit per word of qs, the query words that the
// raw query name says are a web address's: a first word www written with
// its dot (www.), and the last word or two that the name writes each after
// a dot glued to the word before it, a domain's last parts (webDomain:
// .COM, .COM.CU). Against an
// organisation's name they are the query's own words (qOrgOwn) and count
// nothing when left over.
func webAddressWords(name string, qs []qtok) uint64 {
	if len(qs) < 2 || len(name) < 6 || strings.IndexByte(name, '.') < 0 {
		return 0
	}
	var m uint64
	if len(name) > 4 && strings.EqualFold(name[:4], "www.") && qs[0].s == "www" {
		m |= 1
	}
	n := strings.TrimRight(name, " /")
	for i := len(qs) - 1; i >= 1 && i >= len(qs)-2; i-- {
		dot := strings.LastIndexByte(n, '.')
		if dot <= 0 || n[dot-1] == ' ' || !webDomain(qs[i].s) || !strings.EqualFold(n[dot+1:], qs[i].s) {
			break
		}
		m |= bit(i)
		n = n[:dot]
	}
	return m
}

// writesWebAddress reports whether the raw name writes a web address as
// webAddressWords reads one (www. first, or a domain's last part after a
// dot glued to the word before it), which its normalised form does not
// show (NameReading).
func writesWebAddress(name string) bool {
	if len(name) > 4 && strings.EqualFold(name[:4], "www.") {
		return true
	}
	n := strings.TrimRight(name, " /")
	dot := strings.LastIndexByte(n, '.')
	return dot > 0 && n[dot-1] != ' ' && webDomain(n[dot+1:])
}

// webDomain reports whether w is a top-level domain: a generic one that
// names are registered under (com, net, org, info, biz) or a country's
// code of two letters.
func webDomain(w string) bool {
	if len(w) == 2 {
		return true
	}
	for _, g := range [...]string{"com", "net", "org", "info", "biz"} {
		if strings.EqualFold(w, g) {
			return true // in any case, without a lower-cased copy (writesWebAddress)
		}
	}
	return false
}
