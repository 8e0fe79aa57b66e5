// Package attest is a signed delay-measurement protocol between a device
// (an AI chip), landmarks at known places and a verifier, so that the
// round-trip times [verify.Verify] reasons about come from the device itself
// and cannot be made smaller than light allows.
//
// The protocol, in one session between a landmark and a device:
//
//  1. The device sends Hello with its id (over UDP; over TCP when UDP gets
//     no answer after a few tries).
//  2. The landmark sends a Challenge: a fresh 32-byte nonce from
//     crypto/rand, its own id and a sample number, and starts a timer on its
//     monotonic clock.
//  3. The device answers with an Ed25519 signature over (nonce, device id,
//     landmark id, its monotonic counter), made with a key that never leaves
//     it (in production, a key in the chip's secure element).
//  4. The landmark stops the timer. It repeats 2–3 up to [MaxSamples] times,
//     at most one challenge per [MinSampleInterval], with a fresh nonce for
//     every sample and every retry, then writes a [Record] (the samples with
//     their nonces, counters, signatures and round-trip times, and the
//     landmark's position and its uncertainty) signed with the landmark's
//     own key.
//
// A [Verifier] accepts a record only when the landmark's key is enrolled
// in the [Registry] and its signature holds, the position it states is the
// enrolled one, every device signature holds under the device's enrolled
// key, every nonce is fresh and was never seen before, and the device's
// counter only goes up. The minimum round-trip time of each accepted record
// then goes to [verify.Verify]; [Verifier.Verify] returns the verdict with
// every landmark's evidence and every rejection, and [SignVerdict] seals it
// as a [VerdictRecord] that screening accepts as location evidence.
//
// What this proves and what it does not: a signature made over a fresh
// nonce shows that the holder of the device key answered after the nonce
// was drawn, so the reply cannot have come from farther than light travels
// in half the round trip — a relay can only add delay. It does not detect
// a cloned or extracted key (a copy near the landmark answers for the
// device), nor a chip that stays put while it is used remotely from a
// country of concern, nor a landmark that lies about its position or times
// (a compromised landmark key forges any record). [Limitations] says so in
// every verdict.
package attest
