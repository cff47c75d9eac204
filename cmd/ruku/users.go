package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"ruku/review/accounts"
	"ruku/review/region"
)

func usersCommand() command {
	return command{
		usage: "users add NAME --role ROLE [--region CODE] | token NAME | list",
		help:  "manage workspace accounts (password read from stdin); print a new API token once",
		run:   runUsers,
	}
}

func runUsers(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var (
		so       storeOptions
		e        env
		role     string
		regionCd string
		pwFile   string
	)
	fl := flag.NewFlagSet("users", flag.ContinueOnError)
	fl.SetOutput(stderr)
	so.register(fl, &e)
	fl.StringVar(&role, "role", "", "add: county, city, province, auditor or admin")
	fl.StringVar(&regionCd, "region", "", "add: the 6-digit county code (county) or city-level unit code (city, e.g. 130100)")
	fl.StringVar(&pwFile, "password-file", "-", "add: read the password from the first line of FILE (- for stdin)")
	pos, err := interspersed(fl, args)
	if err != nil {
		return err
	}
	if err := e.err(); err != nil {
		return fmt.Errorf("environment: %w", err)
	}
	if len(pos) == 0 {
		fl.Usage()
		return errors.New("users takes a subcommand: add NAME, token NAME or list")
	}
	st, err := openWorkspaceStore(ctx, &so)
	if err != nil {
		return err
	}
	acc := accounts.New(st, region.Hebei())
	switch {
	case pos[0] == "add" && len(pos) == 2:
		pw, err := readPassword(pwFile)
		if err != nil {
			return err
		}
		u, err := acc.Add(ctx, pos[1], accounts.Role(role), regionCd, pw)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "added %s (%s%s)\n", u.Name, u.Role, regionSuffix(u))
	case pos[0] == "token" && len(pos) == 2:
		tok, err := acc.NewToken(ctx, pos[1])
		if err != nil {
			return err
		}
		fmt.Fprintln(stdout, tok)
		fmt.Fprintln(stderr, "this token is shown once; only its hash is stored")
	case pos[0] == "list" && len(pos) == 1:
		us, err := acc.List(ctx)
		if err != nil {
			return err
		}
		for _, u := range us {
			state := ""
			if u.Disabled {
				state = " disabled"
			}
			fmt.Fprintf(stdout, "%-20s %-9s%s%s\n", u.Name, u.Role, regionSuffix(u), state)
		}
	default:
		fl.Usage()
		return fmt.Errorf("users: unknown subcommand %q", strings.Join(pos, " "))
	}
	return nil
}

func regionSuffix(u accounts.User) string {
	if u.Region == "" {
		return ""
	}
	t := region.Hebei()
	name, _ := t.CountyName(u.Region)
	if c := t.CityByCode(u.Region); u.Role == accounts.City && c != nil {
		name = c.Name
	}
	return " " + u.Region + " " + name
}

// readPassword reads the first line of file ("-": stdin), without its line
// ending.
func readPassword(file string) ([]byte, error) {
	var r io.Reader = os.Stdin
	if file != "-" {
		f, err := os.Open(file)
		if err != nil {
			return nil, fmt.Errorf("read password: %w", err)
		}
		defer f.Close()
		r = f
	}
	line, err := bufio.NewReader(io.LimitReader(r, accounts.MaxPassword+2)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("read password: %w", err)
	}
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return nil, errors.New("read password: empty (give it on stdin or with --password-file)")
	}
	return []byte(line), nil
}
