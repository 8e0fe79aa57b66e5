// Package verify checks where a device (an AI chip, a server) can be, from
// the round-trip times it shows to landmarks at known places.
//
// No signal is faster than light, so a reply within RTT milliseconds puts
// the responder within speed × RTT / 2 of the landmark. Each landmark gives
// a disc on the sphere (an s2 cap); the device lies in their intersection,
// the feasible region. [Verify] judges every country or region asked for
// against that region, through s2 cell coverings and exact polygon-to-cell
// distances:
//
//   - "excluded": no point of the feasible region lies in (or within the
//     boundary tolerance of) the region. This is sound: it holds for every
//     RTT at or above the physical minimum at the default speed, the speed
//     of light in vacuum.
//   - "inside": the whole feasible region lies within the region, at least
//     the boundary tolerance away from its edge.
//   - "possible": anything else.
//   - "not_judged": no polygon for the region (for example a subdivision
//     such as "UA-14" for which the caller supplied none). Never "excluded".
//
// The overall [Verdict] says whether the evidence is consistent with the
// declared site, contradicts it, leaves a country of concern open, is
// insufficient (too few landmarks, discs too large, unsigned replies), or is
// contradictory (discs with no common point — reported, never enlarged).
//
// Countries come from an embedded Natural Earth 4.1.0 admin-0 1:10m table
// ([Countries], [Country]), keyed by ISO 3166-1 alpha-2 codes. Natural
// Earth draws Crimea as part of Russia; sanctioned regions need their own
// polygons, supplied as GeoJSON ([ParseRegions]) and keyed by ISO 3166-2
// codes such as "UA-43".
//
// What a verdict does not prove: a reply that is not signed by the device
// locates some network endpoint, not the device (relays and proxies); a
// cloned or extracted key makes a relay invisible; a device can add delay
// to look farther away, never remove it; landmark coordinates can be wrong;
// and a chip that stays put can still be used remotely from anywhere.
//
// The package imports nothing of the policy or screening packages and
// speaks ISO codes as strings.
package verify
