package cli

import "testing"

func TestUndefinedFlag(t *testing.T) {
	fs := newFlagSet("t")
	fs.String("project", "", "")
	fs.Bool("seeds", false, "")
	tests := []struct {
		args []string
		want string // "" for none
	}{
		{[]string{"--nope"}, "flag provided but not defined: --nope"},
		{[]string{"-nope=1"}, "flag provided but not defined: --nope"},
		{[]string{"--seeds", "--nope"}, "flag provided but not defined: --nope"},
		{[]string{"--project", "--nope"}, ""},                         // the project's name, odd as it is
		{[]string{"--project=p", "--seeds=false", "x", "--nope"}, ""}, // flags end at x
		{[]string{"--", "--nope"}, ""},
		{[]string{"-h"}, ""},
		{[]string{"--help"}, ""},
		{[]string{"---x"}, ""}, // bad syntax, for the flag package to say
	}
	for _, tt := range tests {
		err := undefinedFlag(fs, tt.args)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("undefinedFlag(%q) = %q, want %q", tt.args, got, tt.want)
		}
	}
}
