// Package buildinfo names the version of svcsim a binary was built at,
// read from the build information the go command records: a release tag,
// a pseudo-version naming the commit, or why none was recorded. Results
// files, reports and 'svcsim version' carry it, so that a number can be
// traced to the code that made it.
package buildinfo
