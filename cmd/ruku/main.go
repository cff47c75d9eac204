// Command ruku verifies applications to the Hebei quality-SME service
// resource library. Subcommands:
//
//	ruku verify PATH [--out DIR] [--rules FILE]   one bundle, no server
//	ruku text FILE                                 what ruku reads from a file
//	ruku intake                                    uploads bucket → tasks
//	ruku worker                                    tasks → dossiers
//	ruku reaudit [--rules FILE] [--since DATE]     re-verify the archive
//	ruku serve [--addr HOST:PORT]                  the reviewers' web workspace
//
// This package is wiring only; it is the only place that calls os.Exit.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"syscall"
)

// command is one subcommand: its help next to its code.
type command struct {
	usage string // one line: "verify PATH [--out DIR] [--rules FILE]"
	help  string // what it does
	run   func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

func commands() map[string]command {
	return map[string]command{
		"verify":  verifyCommand(),
		"text":    textCommand(),
		"intake":  intakeCommand(),
		"worker":  workerCommand(),
		"reaudit": reauditCommand(),
		"submit":  submitCommand(),
		"users":   usersCommand(),
		"export":  exportCommand(),
		"serve":   serveCommand(),
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cmds := commands()
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr, cmds)
		return 2
	}
	c, ok := cmds[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "ruku: unknown command %q\n", args[0])
		usage(stderr, cmds)
		return 2
	}
	if err := c.run(ctx, args[1:], stdout, stderr); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 2
		}
		fmt.Fprintf(stderr, "ruku %s: %v\n", args[0], err)
		return 1
	}
	return 0
}

func usage(w io.Writer, cmds map[string]command) {
	fmt.Fprintln(w, "usage: ruku COMMAND [flags]")
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  ruku %-44s %s\n", cmds[n].usage, cmds[n].help)
	}
}

// interspersed parses flags that may come before or after positional
// arguments (`ruku verify PATH --out DIR`).
func interspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}
