// Command hostile-gen writes the hostile bundles of package hostile to a
// folder, one zip each, built on a good bundle:
//
//	go run ./samples/hostile/cmd/hostile-gen -base samples/bundles/eligible.zip -out /tmp/hostile
//
// Then measure each with /usr/bin/time -v bin/ruku verify DIR/NAME.zip --out OUT.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"ruku/samples/hostile"
)

func main() {
	base := flag.String("base", "", "good bundle (zip) to add each hostile file to; empty: one small text PDF")
	out := flag.String("out", "hostile", "folder to write the bundles to")
	flag.Parse()
	if err := run(*base, *out); err != nil {
		fmt.Fprintln(os.Stderr, "hostile-gen:", err)
		os.Exit(1)
	}
}

func run(basePath, out string) error {
	files := hostile.MinimalBase()
	if basePath != "" {
		data, err := os.ReadFile(basePath)
		if err != nil {
			return err
		}
		if files, err = hostile.ReadBase(data); err != nil {
			return err
		}
	}
	cases, err := hostile.Cases(files)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	for _, c := range cases {
		p := filepath.Join(out, c.Name+".zip")
		if err := os.WriteFile(p, c.Zip, 0o644); err != nil {
			return err
		}
		fmt.Printf("%s\t%d bytes\t%s\tbad file %q\n", p, len(c.Zip), c.Class, c.Bad)
	}
	return nil
}
