package scenarios

// BuiltinFiles returns the files of a built-in scenario as they would lie
// on disk: NAME.yaml verbatim first, then the data files it refers to
// (BuiltinData) at their paths relative to it.
func BuiltinFiles(name string) ([]DataFile, error) {
	src, err := BuiltinSource(name)
	if err != nil {
		return nil, err
	}
	data, err := BuiltinData(name)
	if err != nil {
		return nil, err
	}
	return append([]DataFile{{Path: name + ".yaml", Data: src}}, data...), nil
}
