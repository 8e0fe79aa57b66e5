package main

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/exportguard/exportguard/screening"
	"github.com/exportguard/exportguard/screening/records"
)

// postgresEnv names a PostgreSQL server the tests may create databases on
// (.ci/run starts one; see README, Running the storage tests).
const postgresEnv = "EXPORTGUARD_TEST_POSTGRES"

// childEnv makes the test binary run the service (run with the arguments
// in childArgsEnv, separated by newlines) instead of the tests: the
// multi-process tests start it twice.
const (
	childEnv     = "ORDERSERVICE_TEST_CHILD"
	childArgsEnv = "ORDERSERVICE_TEST_ARGS"
)

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) == "1" {
		if err := run(strings.Split(os.Getenv(childArgsEnv), "\n"), quietLogger()); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// storageBackends returns the data sources of a fresh SQLite file and, if
// a server is configured, a fresh PostgreSQL database.
func storageBackends(t testing.TB) map[string]string {
	out := map[string]string{"sqlite": "sqlite:" + filepath.Join(t.TempDir(), "records.db")}
	admin := os.Getenv(postgresEnv)
	if admin == "" {
		t.Logf("%s is not set: PostgreSQL is skipped (see README, Running the storage tests)", postgresEnv)
		return out
	}
	out["postgres"] = newPostgresDB(t, admin)
	return out
}

// newPostgresDB creates a database on the server admin names and drops it
// when the test ends.
func newPostgresDB(t testing.TB, admin string) string {
	db, err := sql.Open("pgx", admin) // the driver records registers
	if err != nil {
		t.Fatalf("%s: %v", postgresEnv, err)
	}
	name := fmt.Sprintf("orderservice_test_%d", time.Now().UnixNano())
	if _, err := db.Exec("CREATE DATABASE " + name); err != nil {
		db.Close()
		t.Fatalf("creating %s on %s: %v", name, admin, err)
	}
	t.Cleanup(func() {
		if _, err := db.Exec("DROP DATABASE " + name + " WITH (FORCE)"); err != nil {
			t.Logf("dropping %s: %v", name, err)
		}
		db.Close()
	})
	return withDatabase(admin, name)
}

// withDatabase replaces the database name in a postgres:// URL.
func withDatabase(dsn, name string) string {
	rest := strings.SplitN(strings.TrimPrefix(strings.TrimPrefix(dsn, "postgresql://"), "postgres://"), "?", 2)
	hostPart, _, _ := strings.Cut(rest[0], "/")
	out := "postgres://" + hostPart + "/" + name
	if len(rest) == 2 {
		out += "?" + rest[1]
	}
	return out
}

// freeAddr returns a loopback address with a port nobody listens on.
func freeAddr(t testing.TB) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// startChild runs the service in a child process on addr and waits until
// it answers /healthz.
func startChild(t *testing.T, addr string, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"=1", childArgsEnv+"="+strings.Join(append([]string{"-addr", addr}, args...), "\n"))
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	for i := 0; ; i++ { // bounded: 60 s, a guard against a child that never starts
		resp, err := http.Get("http://" + addr + "/healthz")
		if err == nil {
			resp.Body.Close()
			return cmd
		}
		if i == 600 {
			t.Fatalf("the service on %s did not start: %v", addr, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestTwoProcessesOneKilled runs two order-service processes on one
// database under concurrent load from 8 clients and SIGKILLs one of them
// mid-run. Every decision a client received is recorded exactly once, no
// decision is recorded twice, and the chain verifies.
func TestTwoProcessesOneKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("multi-process test skipped with -short")
	}
	for name, dsn := range storageBackends(t) {
		t.Run(name, func(t *testing.T) {
			addrs := []string{freeAddr(t), freeAddr(t)}
			procs := []*exec.Cmd{startChild(t, addrs[0], "-db", dsn), startChild(t, addrs[1], "-db", dsn)}

			const clients, perClient = 8, 150
			var (
				mu      sync.Mutex
				acked   = map[string]bool{}
				sent    atomic.Int64
				killed  atomic.Bool
				wg      sync.WaitGroup
				killAt  = int64(clients * perClient / 3)
				httpc   = &http.Client{Timeout: 30 * time.Second}
				refused atomic.Int64
			)
			for c := range clients {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := range perClient {
						id := fmt.Sprintf("c%d-%d", c, i)
						target := addrs[(c+i)%2]
						if sent.Add(1) == killAt && killed.CompareAndSwap(false, true) {
							_ = procs[0].Process.Signal(syscall.SIGKILL)
						}
						body := strings.Replace(benchOrder, `"id":"o-1"`, `"id":"`+id+`"`, 1)
						resp, err := httpc.Post("http://"+target+"/v1/screen", jsonType, strings.NewReader(body))
						if err != nil {
							refused.Add(1)
							continue
						}
						_, _ = io.Copy(io.Discard, resp.Body)
						resp.Body.Close()
						if resp.StatusCode == 200 {
							mu.Lock()
							acked[id] = true
							mu.Unlock()
						}
					}
				}()
			}
			wg.Wait()
			_ = procs[0].Wait()
			if err := procs[1].Process.Signal(syscall.SIGTERM); err != nil {
				t.Fatal(err)
			}
			if err := procs[1].Wait(); err != nil {
				t.Fatalf("the surviving process did not stop cleanly: %v", err)
			}

			st, err := records.Open(context.Background(), dsn, records.WithLogger(quietLogger()))
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			v, err := st.Verify(context.Background())
			if err != nil || !v.OK() {
				t.Fatalf("verify: %v %q", err, v.Problems)
			}
			counts := map[string]int{}
			rows, err := st.DB().Query("SELECT decision_id FROM records")
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				var id string
				if err := rows.Scan(&id); err != nil {
					t.Fatal(err)
				}
				counts[id]++
			}
			rows.Close()
			for id, n := range counts {
				if n != 1 {
					t.Errorf("decision %s recorded %d times", id, n)
				}
			}
			var lost []string
			for id := range acked {
				if counts[id] != 1 {
					lost = append(lost, id)
				}
			}
			slices.Sort(lost)
			if len(lost) > 0 {
				t.Errorf("%d acknowledged decisions not recorded: %v", len(lost), lost)
			}
			if refused.Load() == 0 {
				t.Error("no request failed: the kill did not happen mid-run")
			}
			t.Logf("%s: %d sent, %d acknowledged, %d failed at the killed process, %d recorded (%d recorded but not acknowledged)",
				name, sent.Load(), len(acked), refused.Load(), v.Records, v.Records-int64(len(acked)))
		})
	}
}

// BenchmarkRecordedOrders is the service as a client sees it: 16
// concurrent clients on loopback posting orders (two parties, an IP, an
// AI chip) to one process that screens and records each before
// answering. It reports orders/s and the 99th-percentile latency.
func BenchmarkRecordedOrders(b *testing.B) {
	for name, dsn := range storageBackends(b) {
		b.Run(name, func(b *testing.B) {
			ctx := context.Background()
			st, err := records.Open(ctx, dsn, records.WithLogger(quietLogger()))
			if err != nil {
				b.Fatal(err)
			}
			s, err := screening.New(ctx, screening.WithSuppressions(st), screening.WithLogger(quietLogger()))
			if err != nil {
				b.Fatal(err)
			}
			srv := newServer(s, config{Records: st, Tokens: testTokens(b)}, quietLogger())
			defer srv.close()
			hs := httptest.NewServer(srv)
			defer hs.Close()
			tr := &http.Transport{MaxIdleConnsPerHost: 32}
			defer tr.CloseIdleConnections()
			client := &http.Client{Transport: tr}

			const clients = 16
			var (
				mu   sync.Mutex
				lats []time.Duration
				n    atomic.Int64
			)
			b.SetParallelism((clients + 1) / max(1, runtimeProcs()))
			cpu0 := cpuTime()
			start := time.Now()
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				var mine []time.Duration
				for pb.Next() {
					id := n.Add(1)
					body := strings.Replace(benchOrder, `"id":"o-1"`, fmt.Sprintf(`"id":"b-%d"`, id), 1)
					t0 := time.Now()
					resp, err := client.Post(hs.URL+"/v1/screen", jsonType, strings.NewReader(body))
					if err != nil {
						b.Error(err)
						return
					}
					_, _ = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					mine = append(mine, time.Since(t0))
					if resp.StatusCode != 200 {
						b.Errorf("status %d", resp.StatusCode)
						return
					}
				}
				mu.Lock()
				lats = append(lats, mine...)
				mu.Unlock()
			})
			elapsed := time.Since(start)
			cpu := cpuTime() - cpu0
			b.StopTimer()
			slices.Sort(lats)
			if len(lats) > 0 {
				b.ReportMetric(float64(len(lats))/elapsed.Seconds(), "orders/s")
				b.ReportMetric(float64(lats[len(lats)*99/100].Microseconds())/1000, "p99-ms")
				// The machine is shared: CPU time per order (this process,
				// clients included; not the PostgreSQL server's) says what
				// the wall-clock figures cannot.
				b.ReportMetric(float64(cpu.Microseconds())/float64(len(lats)), "cpu-µs/order")
			}
		})
	}
}

func runtimeProcs() int { return runtime.GOMAXPROCS(0) }

// cpuTime is the user and system CPU time this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
