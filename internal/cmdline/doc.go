// Package cmdline is the domain-free part of a command line made of
// subcommands (PROGRAM COMMAND [flags] [args]): the dispatch of a command
// name to its Command, help (-h, --help, 'PROGRAM help COMMAND') from
// text files whose {placeholders} it fills, the count and emptiness of the
// arguments, and flags that refuse what pflag would silently accept — a
// flag given twice, an empty value, a value that is another flag, an int
// read as octal.
//
// Every mistake on the command line is a *UsageError, which a program
// exits with status 2; the message names the command and, where it helps,
// the help to read. The package prints nothing but help: the program
// prints the error Program.Run returns (OneLine keeps it on one line) and
// maps it to an exit status.
//
// See Example for a program of one command.
package cmdline
