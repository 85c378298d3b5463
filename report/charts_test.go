package report

import "testing"

func TestParamLabel(t *testing.T) {
	tests := []struct{ name, path, want string }{
		{"stage staff", "stages.agents.staff", "agents staff"},
		{"group staff", "stages.service.groups.senior.staff", "service senior staff"},
		{"channel field", "channels.phone.retry.probability", "phone retry probability"},
		{"top-level field", "days", "days"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := paramLabel(tt.path); got != tt.want {
				t.Errorf("paramLabel(%q) = %q; want %q", tt.path, got, tt.want)
			}
		})
	}
}
