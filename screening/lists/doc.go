// Package lists loads restricted-party lists in the formats their publishers
// use (the US Consolidated Screening List CSV and JSON, OFAC's legacy CSV
// files, the BIS Denied Persons file, the UN Security Council XML, and a plain
// CSV for a company's own list) into one Entry model, keeps an embedded
// evaluation snapshot, updates safely from the network, and diffs snapshots.
package lists
