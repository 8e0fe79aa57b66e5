package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/css"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/google/go-cmp/cmp"
)

// realSampleReport screens the bundled sample order book (with its
// ownership file) on the real Screener and the embedded defaults, as
// "go run ./examples/audit" does, and returns the report's path and the
// decisions written.
func realSampleReport(t *testing.T) (string, []map[string]any) {
	t.Helper()
	dir := t.TempDir()
	out, report := filepath.Join(dir, "decisions.jsonl"), filepath.Join(dir, "report.html")
	a := app{newScreener: newScreener, now: func() time.Time { return time.Date(2026, 12, 6, 4, 0, 0, 0, time.UTC) }}
	res := runApp(t, a, "", "-out", out, "-report", report, "-ownership", "../../testdata/orders/ownership.csv", "../../testdata/orders/sample.csv")
	if res.code != exitOK {
		t.Fatalf("audit of the sample: exit %d: %s", res.code, res.stderr)
	}
	return report, decode(t, mustRead(t, out))
}

// wantIDs returns the ids of the decisions keep accepts, sorted.
func wantIDs(recs []map[string]any, keep func(map[string]any) bool) []string {
	var out []string
	for _, r := range recs {
		if keep(r) {
			out = append(out, fmt.Sprint(r["id"]))
		}
	}
	slices.Sort(out)
	return out
}

func hasReason(r map[string]any, code string) bool {
	for _, x := range r["reasons"].([]any) {
		if x.(map[string]any)["code"] == code {
			return true
		}
	}
	return false
}

// TestReportBrowser opens the report of the bundled sample in headless
// Chromium (Debian's chromium package, which .ci/run installs) as an auditor
// would: every decision is in the table; filtering by outcome and by reason
// code shows exactly the decisions with that outcome or code; the CSV the
// export button downloads holds exactly the rows the filters show; the
// print stylesheet hides the controls; and Chinese names render with a CJK
// font (fonts-noto-cjk, which .ci/run installs), not as empty boxes.
func TestReportBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped with -short")
	}
	exe := "/usr/bin/chromium"
	if _, err := os.Stat(exe); err != nil {
		if exe, err = exec.LookPath("chromium"); err != nil {
			t.Skip("headless browser test skipped: chromium not found (install Debian's chromium package: apt-get install -y chromium)")
		}
	}
	report, recs := realSampleReport(t)
	downloads := t.TempDir()

	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(exe), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.WindowSize(1400, 1000), chromedp.UserDataDir(t.TempDir()))
	defer cancelAlloc()
	bctx, cancel := chromedp.NewContext(allocCtx)
	defer cancel()
	// A guard against a hung browser, not a performance assertion.
	ctx, cancelT := context.WithTimeout(bctx, 120*time.Second)
	defer cancelT()

	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+report), chromedp.WaitReady(chromedp.CSS(`body[data-ready="1"]`))); err != nil {
		t.Fatalf("opening the report: %v", err)
	}
	if msg, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.getAttribute("data-script-error") || ""`)); err != nil || msg != "" {
		t.Fatalf("script error in the page: %q %v", msg, err)
	}
	visible := func() []string {
		t.Helper()
		ids, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
			`Array.from(document.querySelectorAll("#decisions tbody tr")).filter(r => !r.hidden && r.offsetParent !== null).map(r => r.dataset.id).sort()`))
		if err != nil {
			t.Fatal(err)
		}
		return ids
	}
	choose := func(id, value string) {
		t.Helper()
		// As a person picks an option: the value changes and the page hears
		// a change event.
		if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.ID(id), value),
			chromedp.Evaluate[chromedp.Void](`document.getElementById("`+id+`").dispatchEvent(new Event("change"))`)); err != nil {
			t.Fatal(err)
		}
	}
	shown := func() string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("shown")))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}

	// Every decision is there, allow included.
	all := wantIDs(recs, func(map[string]any) bool { return true })
	if d := cmp.Diff(all, visible()); d != "" {
		t.Fatalf("rows of the unfiltered table (-want +got):\n%s", d)
	}
	if got, want := shown(), fmt.Sprintf("%d of %d decisions shown", len(all), len(all)); got != want {
		t.Errorf("count line %q; want %q", got, want)
	}

	// The notice and the as-of dates are at the top.
	top, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("evaluation-notice")))
	if err != nil || !strings.Contains(top, fmt.Sprintf("%d of %d decisions were made on the embedded evaluation snapshot", len(all), len(all))) {
		t.Errorf("evaluation notice %q (%v)", top, err)
	}
	asof, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("asof")))
	if err != nil || !strings.Contains(asof, "list EL\t2025-10-09\t3265 entries\tevaluation data") || !strings.Contains(asof, "list SDN\t2024-05-03\t14965 entries") {
		t.Errorf("as-of table %q (%v)", asof, err)
	}

	// Filter by outcome.
	choose("f-outcome", "deny")
	deny := wantIDs(recs, func(r map[string]any) bool { return r["outcome"] == "deny" })
	if len(deny) == 0 {
		t.Fatal("the sample has no deny decision")
	}
	if d := cmp.Diff(deny, visible()); d != "" {
		t.Errorf("outcome deny (-want +got):\n%s", d)
	}
	// And by reason code on top of it, then alone.
	choose("f-reason", "party.listed")
	both := wantIDs(recs, func(r map[string]any) bool { return r["outcome"] == "deny" && hasReason(r, "party.listed") })
	if d := cmp.Diff(both, visible()); d != "" {
		t.Errorf("outcome deny and reason party.listed (-want +got):\n%s", d)
	}
	choose("f-outcome", "")
	listed := wantIDs(recs, func(r map[string]any) bool { return hasReason(r, "party.listed") })
	if d := cmp.Diff(listed, visible()); d != "" {
		t.Errorf("reason party.listed (-want +got):\n%s", d)
	}
	choose("f-reason", "ip.embargoed")
	ipEmb := wantIDs(recs, func(r map[string]any) bool { return hasReason(r, "ip.embargoed") })
	if d := cmp.Diff(ipEmb, visible()); d != "" {
		t.Errorf("reason ip.embargoed (-want +got):\n%s", d)
	}

	// By list, and decisions without any list hit.
	choose("f-reason", "")
	choose("f-list", "SDN")
	onSDN := wantIDs(recs, func(r map[string]any) bool {
		for _, m := range r["matches"].([]any) {
			if m := m.(map[string]any); m["list"] == "SDN" && m["suppressed"] == nil {
				return true
			}
		}
		return false
	})
	if len(onSDN) == 0 {
		t.Fatal("the sample has no SDN hit")
	}
	if d := cmp.Diff(onSDN, visible()); d != "" {
		t.Errorf("list SDN (-want +got):\n%s", d)
	}
	choose("f-list", "")
	choose("f-strength", "none")
	noHit := wantIDs(recs, func(r map[string]any) bool { return len(r["matches"].([]any)) == 0 })
	if d := cmp.Diff(noHit, visible()); d != "" {
		t.Errorf("no list hit (-want +got):\n%s", d)
	}
	choose("f-strength", "")

	// Export what the filters show: the reason filter and the search box
	// ("ORD-10" matches the ids ORD-1000 to ORD-1099 and any text with it).
	choose("f-reason", "party.listed")
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("f-search"), "ORD-10")); err != nil {
		t.Fatal(err)
	}
	filtered := visible()
	if len(filtered) == 0 || len(filtered) >= len(listed) {
		t.Fatalf("search narrowed party.listed to %d of %d rows", len(filtered), len(listed))
	}
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: downloads, EventsEnabled: new(true)}); err != nil {
		t.Fatal(err)
	}
	events := chromedp.BrowserEvents(ctx, browser.DownloadProgress)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("export-csv"))); err != nil {
		t.Fatal(err)
	}
	for ev, err := range events {
		if err != nil {
			t.Fatalf("waiting for the download: %v", err)
		}
		if ev.State == browser.DownloadProgressStateCompleted {
			break
		}
	}
	b, err := os.ReadFile(filepath.Join(downloads, "decisions-filtered.csv"))
	if err != nil {
		t.Fatalf("the exported CSV: %v", err)
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatalf("the exported CSV does not parse: %v", err)
	}
	if d := cmp.Diff([]string{"id", "outcome", "destination", "reasons", "lists", "strength", "match", "score", "detail"}, rows[0]); d != "" {
		t.Errorf("CSV header (-want +got):\n%s", d)
	}
	byID := map[string]map[string]any{}
	for _, r := range recs {
		byID[fmt.Sprint(r["id"])] = r
	}
	var csvIDs []string
	for _, row := range rows[1:] {
		csvIDs = append(csvIDs, row[0])
		r := byID[row[0]]
		if r == nil || row[1] != r["outcome"] || !strings.Contains(" "+row[3]+" ", " party.listed ") {
			t.Errorf("CSV row %q does not match decision %v", row, r)
		}
	}
	slices.Sort(csvIDs)
	if d := cmp.Diff(filtered, csvIDs); d != "" {
		t.Errorf("CSV rows differ from the rows shown (-shown +csv):\n%s", d)
	}

	// The print stylesheet hides the controls and keeps the table.
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	rendered, err := chromedp.Run(ctx, chromedp.Evaluate[[]bool](
		`["controls", "f-outcome", "export-csv", "shown", "decisions"].map(id => document.getElementById(id).getClientRects().length > 0)`))
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]bool{false, false, false, false, true}, rendered); d != "" {
		t.Errorf("rendered in print: controls, outcome filter, export button, count line, table (-want +got):\n%s", d)
	}
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{}); err != nil {
		t.Fatal(err)
	}

	checkCJK(t, ctx)
}

// checkCJK checks that the Chinese party names of the sample render with a
// CJK font. The browser says which platform fonts drew the glyphs of a
// table cell holding one; and a screenshot of four different characters of
// it, one at a time, must give four different pictures (a missing glyph is
// drawn as the same empty box whatever the character).
func checkCJK(t *testing.T, ctx context.Context) {
	t.Helper()
	text, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(function () {
	  document.getElementById("controls").reset();
	  document.getElementById("f-reset").click();
	  var cell = Array.from(document.querySelectorAll("#decisions tbody td")).find(td => /[\u4e00-\u9fff]/.test(td.textContent) && td.cellIndex === 4);
	  if (!cell) { return ""; }
	  cell.id = "cjk-cell";
	  return cell.textContent;
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	var han []rune
	for _, r := range text {
		if r >= 0x4e00 && r <= 0x9fff && !slices.Contains(han, r) {
			han = append(han, r)
		}
	}
	if len(han) < 4 {
		t.Fatalf("no match cell with four different Chinese characters in the report (got %q)", text)
	}
	nodes, err := chromedp.Run(ctx, chromedp.Nodes(chromedp.ID("cjk-cell")))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, css.Enable, struct{}{}); err != nil {
		t.Logf("CSS.enable: %v", err)
	}
	fonts, err := chromedp.Call(ctx, css.GetPlatformFontsForNode, css.GetPlatformFontsForNodeParams{NodeID: nodes[0].NodeID})
	if err != nil {
		t.Fatal(err)
	}
	var used []string
	cjkFont := false
	for _, f := range fonts.Fonts {
		used = append(used, fmt.Sprintf("%s (%g glyphs)", f.FamilyName, f.GlyphCount))
		if strings.Contains(f.FamilyName, "CJK") && f.GlyphCount > 0 {
			cjkFont = true
		}
	}
	if !cjkFont {
		t.Errorf("no CJK font drew the Chinese name %q; fonts used: %s (install fonts-noto-cjk, as .ci/run does)", text, strings.Join(used, ", "))
	}

	// The screenshot check.
	chars, err := json.Marshal([]string{string(han[0]), string(han[1]), string(han[2]), string(han[3])})
	if err != nil {
		t.Fatal(err)
	}
	js := `(function (chars) {
	  var box = document.createElement("div");
	  box.id = "cjk-probe";
	  box.style.cssText = "position:fixed;top:0;left:0;background:#fff;padding:8px;z-index:9";
	  chars.forEach(function (c, i) {
	    var s = document.createElement("span");
	    s.id = "probe-" + i;
	    s.textContent = c;
	    s.style.cssText = "font-size:48px;display:inline-block;padding:4px";
	    box.appendChild(s);
	  });
	  document.body.appendChild(box);
	})(` + string(chars) + `)`
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](js)); err != nil {
		t.Fatal(err)
	}
	var shots []*image.RGBA
	for i := range 4 {
		b, err := chromedp.Run(ctx, chromedp.Screenshot(chromedp.ID(fmt.Sprintf("probe-%d", i))))
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		rgba := image.NewRGBA(img.Bounds())
		for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
			for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
				rgba.Set(x, y, img.At(x, y))
			}
		}
		if dark := darkPixels(rgba); dark < 20 {
			t.Errorf("character %q: %d dark pixels; nothing drawn", string(han[i]), dark)
		}
		shots = append(shots, rgba)
		if dir := os.Getenv("AUDIT_ARTIFACTS"); dir != "" {
			os.WriteFile(filepath.Join(dir, fmt.Sprintf("cjk-%d.png", i)), b, 0o644)
		}
	}
	for i := range shots {
		for j := i + 1; j < len(shots); j++ {
			if bytes.Equal(shots[i].Pix, shots[j].Pix) {
				t.Errorf("characters %q and %q render identically: missing glyphs (tofu)", string(han[i]), string(han[j]))
			}
		}
	}
}

// darkPixels counts the pixels darker than mid-grey.
func darkPixels(img *image.RGBA) int {
	n := 0
	for i := 0; i+3 < len(img.Pix); i += 4 {
		if int(img.Pix[i])+int(img.Pix[i+1])+int(img.Pix[i+2]) < 3*128 {
			n++
		}
	}
	return n
}
