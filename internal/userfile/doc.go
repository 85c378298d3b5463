// Package userfile reads the files users name on the command line and in
// scenario files: scenarios, their data files, surveys, plans, parts and
// results. It refuses what is not a regular file, since opening a named
// pipe blocks until someone writes to it and a device such as /dev/zero
// never ends, and a file larger than its kind may be, before reading it
// into memory.
//
// See ExampleRead.
package userfile
