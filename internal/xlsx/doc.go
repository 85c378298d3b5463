// Package xlsx writes Office Open XML workbooks (.xlsx, ECMA-376 part 1,
// SpreadsheetML): sheets of text and numbers, each number with its
// number format, bold cells, frozen header rows and column widths — what
// svcsim's results workbook needs and nothing more (no formulas, charts,
// merged cells or reading).
//
// It uses only archive/zip and encoding/xml, so that the svcsim binary
// does not link a general spreadsheet library and pay for its package
// initialisation on every start. The same workbook is the same bytes.
package xlsx
