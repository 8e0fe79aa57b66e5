//go:build !unix

package screening

import "os"

// lockFile is a no-op where advisory file locks are not available; writers
// in one process are still serialised by FileStore's mutex.
func lockFile(*os.File) (func(), error) { return func() {}, nil }
