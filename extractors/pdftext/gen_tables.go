//go:build ignore

// gen_tables regenerates the embedded tables of package pdftext:
//
//	go run gen_tables.go -cmaps /usr/share/poppler/cMap -names $(go env GOMODCACHE)/github.com/ledongthuc/pdf@*/name.go
//
// adobe_gb1.bin.gz, adobe_cns1.bin.gz, adobe_japan1.bin.gz,
// adobe_korea1.bin.gz: the CID -> Unicode tables of the Adobe CJK
// character collections, one little-endian uint32 per CID (0 = unmapped),
// obtained by inverting Adobe's Uni*-UTF32-H CMaps (poppler-data's cMap
// directory, Copyright 1990-2022 Adobe, BSD-3-Clause). Poppler's own
// cidToUnicode files are GPL-2 and are deliberately not used.
//
// glyphnames.txt.gz: glyph name -> Unicode lines "name hex", taken from the
// nameToRune table of github.com/ledongthuc/pdf (BSD-3-Clause, The Go
// Authors), itself derived from the Adobe Glyph List.
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

func main() {
	cmaps := flag.String("cmaps", "/usr/share/poppler/cMap", "directory of Adobe's CMaps")
	namesPath := flag.String("names", "", "ledongthuc/pdf name.go")
	flag.Parse()
	for _, c := range []struct{ ordering, cmap string }{
		{"GB1", "UniGB-UTF32-H"}, {"CNS1", "UniCNS-UTF32-H"}, {"Japan1", "UniJIS-UTF32-H"}, {"Korea1", "UniKS-UTF32-H"},
	} {
		dir := filepath.Join(*cmaps, "Adobe-"+c.ordering)
		genCIDTable(c.ordering, filepath.Join(dir, c.cmap), filepath.Join(dir, strings.TrimSuffix(c.cmap, "H")+"V"))
	}
	if *namesPath != "" {
		genNames(*namesPath)
	}
}

func hexv(s string) uint32 {
	s = strings.Trim(s, "<>")
	v, err := strconv.ParseUint(s, 16, 32)
	if err != nil {
		log.Fatal(err)
	}
	return uint32(v)
}

// rank orders candidate code points for one CID: unified ideographs and
// ordinary characters first, compatibility forms and radicals later,
// private-use last; among equals the lower code point wins; overrides fixes
// the few CIDs where that disagrees with common readers.
func rank(u uint32) int {
	switch {
	case u >= 0xF900 && u <= 0xFAFF, u >= 0x2F00 && u <= 0x2FDF, u >= 0x2E80 && u <= 0x2EFF,
		u >= 0xFE10 && u <= 0xFE4F, u >= 0x2F800 && u <= 0x2FA1F:
		return 2
	case u >= 0xE000 && u <= 0xF8FF:
		return 3
	case u > 0xFFFF:
		return 1
	}
	return 0
}

// genCIDTable writes adobe_<ordering>.bin.gz from a Uni*-UTF32-H CMap and,
// for the CIDs it leaves unmapped (vertical forms), its -V counterpart.
func genCIDTable(ordering, horizontal, vertical string) {
	table := map[uint32]uint32{}
	var max uint32
	readCIDMap(horizontal, table, &max)
	vt := map[uint32]uint32{}
	readCIDMap(vertical, vt, &max)
	for cid, u := range vt {
		if _, ok := table[cid]; !ok {
			table[cid] = u
		}
	}
	if ordering == "GB1" {
		for cid, u := range gb1Overrides {
			table[cid] = u
		}
	}
	buf := make([]byte, 4*(max+1))
	for cid, u := range table {
		binary.LittleEndian.PutUint32(buf[4*cid:], u)
	}
	name := "adobe_" + strings.ToLower(ordering) + ".bin.gz"
	writeGz(name, buf)
	fmt.Printf("%s: %d CIDs, %d mapped\n", name, max+1, len(table))
}

// readCIDMap inverts the cidchar and cidrange mappings of a Unicode CMap
// into table (CID -> code point), keeping the best-ranked code point for
// each CID, and raises max to the largest CID seen.
func readCIDMap(path string, table map[uint32]uint32, max *uint32) {
	data, err := os.ReadFile(path)
	if err != nil {
		log.Fatal(err)
	}
	set := func(cid, u uint32) {
		if old, ok := table[cid]; ok {
			if rank(old) < rank(u) || rank(old) == rank(u) && old <= u {
				return
			}
		}
		table[cid] = u
		*max = maxu(*max, cid)
	}
	mode := ""
	for _, line := range strings.Split(string(data), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 || strings.HasPrefix(f[0], "%") {
			continue
		}
		switch {
		case len(f) == 2 && (f[1] == "begincidchar" || f[1] == "begincidrange"):
			mode = f[1]
			continue
		case f[0] == "endcidchar" || f[0] == "endcidrange":
			mode = ""
			continue
		}
		switch {
		case mode == "begincidchar" && len(f) == 2:
			cid, _ := strconv.Atoi(f[1])
			set(uint32(cid), hexv(f[0]))
		case mode == "begincidrange" && len(f) == 3:
			lo, hi := hexv(f[0]), hexv(f[1])
			cid, _ := strconv.Atoi(f[2])
			for u := lo; u <= hi; u++ {
				set(uint32(cid)+u-lo, u)
			}
		}
	}
}

// gb1Overrides fixes the Adobe-GB1 CIDs where the ranking disagrees with
// common readers.
var gb1Overrides = map[uint32]uint32{115: 0x3008, 116: 0x3009, 7716: 0x3000}

func maxu(a, b uint32) uint32 {
	if a > b {
		return a
	}
	return b
}

func genNames(path string) {
	f, err := os.Open(path)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	re := regexp.MustCompile(`^\s*"([^"]+)":\s*0x([0-9A-Fa-f]+),`)
	var lines []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if m := re.FindStringSubmatch(sc.Text()); m != nil {
			lines = append(lines, m[1]+" "+strings.ToUpper(m[2]))
		}
	}
	sort.Strings(lines)
	writeGz("glyphnames.txt.gz", []byte(strings.Join(lines, "\n")+"\n"))
	fmt.Printf("glyphnames: %d\n", len(lines))
}

func writeGz(name string, data []byte) {
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	zw.Write(data)
	zw.Close()
	if err := os.WriteFile(name, b.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
}
