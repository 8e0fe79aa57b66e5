package match

// A Persian compound surname written apart with its last element as the
// surname and its first among the given names (NEJAD, Vali Mostafa for
// MOSTAFANEJAD, Vali; SHAHI, Omid Abed for ABEDSHAHI, Omid) is the name
// said given names first (Vali Mostafa Nejad), where the two elements
// stand together and, written as one word, are the listed word: that
// writing scores 1, as every other writing of the same words does (Vali
// Mostafa Nejad, MOSTAFA NEJAD, Vali). The comma leaves the first element
// among the given names, where it may also be a father's name; but so it
// may in the name said in order, which the run of two words already
// scores as the listed word.

// swappedJoinSim is the similarity of the listed compound t and the query
// words a and b written together (a the compound's start, b its rest, a
// swapped compound of sameJoined): 1 when t is their letters, splitSim
// for a respelling.
func swappedJoinSim(t, a, b string) float32 {
	if len(t) == len(a)+len(b) && t[:len(a)] == a && t[len(a):] == b {
		return 1
	}
	return splitSim
}
