package plots

import (
	"fmt"
	"strings"
	"sync"
)

// Languages are the languages of chart words (titles, axes, legends,
// units) a Style can use: "" or "en" for English, "zh" for Simplified
// Chinese. Scenario and stage names are shown as they are.
func Languages() []string { return []string{"en", "zh"} }

// LanguageOf returns the language of chart words that reads naturally
// beside texts (scenario and stage names): "zh" when they have Chinese
// characters and no Japanese kana or Korean hangul, else "en".
func LanguageOf(texts ...string) string {
	for _, t := range texts {
		if f := faceFor(t); f != nil && f("SC") {
			return "zh"
		}
	}
	return "en"
}

// zh is the Simplified Chinese for every chart word and format, keyed by
// the English. A word missing here is shown in English. It is built on
// first use: package initialisation runs in every command.
var zh = sync.OnceValue(func() map[string]string {
	return map[string]string{
		// Titles and formats.
		"%s: %s":                                         "%s：%s",
		"%s: %s by time of day":                          "%s：%s（按时段）",
		"%s: queue and staff by time of day":             "%s：排队与在岗人员（按时段）",
		"%s: distribution of waits":                      "%s：等待时间分布",
		"%s: staff utilisation by stage and time of day": "%s：各环节人员利用率（按时段）",
		"%s − %s: change in staff utilisation by stage and time of day": "%s − %s：人员利用率变化（按时段）",
		"%s against cost":               "%s与成本",
		"arrivals per open day":         "每个营业日到达人数",
		"displayed reputation":          "显示的口碑评分",
		"differences from %s (%s − %s)": "与%s的差异（%s − %s）",
		// Axes.
		"time of day":         "时段",
		"day":                 "天",
		"customers per day":   "每天人数",
		"people or customers": "人数",
		"queue":               "排队人数",
		"staff":               "人员",
		"utilisation (%)":     "利用率（%）",
		"change in utilisation (percentage points)": "利用率变化（百分点）",
		"percentage points":                         "百分点",
		"difference (%s)":                           "差异（%s）",
		// Measures.
		"mean wait of served customers": "已服务顾客平均等待",
		"service level":                 "服务水平",
		"utilisation":                   "利用率",
		"arrivals":                      "到达人数",
		"mean queue length":             "平均排队人数",
		"staff on duty":                 "在岗人员",
		"staff scheduled":               "排班人员",
		// Legends and notes.
		"efficient frontier":                   "有效前沿",
		"mean":                                 "平均",
		"median":                               "中位数",
		", ":                                   "、",
		"grey: not distinguishable from noise": "灰色：与随机波动无法区分",
		"blank: closed":                        "空白：未营业",
		"hatched: open, no staff scheduled":    "斜线：营业但未排班",
		"open, no staff scheduled":             "营业但未排班",
		"baseline":                             "基准",
		"chosen":                               "选定",
		"target %s":                            "目标 %s",
		"distinguishable from noise":           "可与随机波动区分",
		"service-level threshold %s":           "服务水平阈值 %s",
		"alert: above %s":                      "警戒线：高于 %s",
		"alert: below %s":                      "警戒线：低于 %s",
		"alert: above %s in any interval":      "警戒线：任一时段高于 %s",
		"alert: below %s in any interval":      "警戒线：任一时段低于 %s",
		"%s; shaded: %g%% confidence interval": "%s；阴影：%g%% 置信区间",
		// Weekdays.
		"Mon": "周一", "Tue": "周二", "Wed": "周三", "Thu": "周四", "Fri": "周五", "Sat": "周六", "Sun": "周日",
		// Units.
		"minutes":    "分钟",
		"hours":      "小时",
		"days":       "天",
		"percent":    "百分比（%）",
		"customers":  "人",
		"people":     "人",
		"per hour":   "每小时",
		"per day":    "每天",
		"per week":   "每周",
		"points":     "分",
		"NPS points": "NPS 分",
		"stars":      "星",
		"min":        "分钟",
		"h":          "小时",
		"/day":       "/天",
		"/week":      "/周",
		// KPI labels (sim).
		"mean wait (served)":       "平均等待（已服务）",
		"mean wait (all arrivals)": "平均等待（全部到达）",
		"median wait":              "等待时间中位数",
		"abandoned":                "放弃率",
		"staff utilisation":        "人员利用率",
		"staff cost":               "人员成本",
		"staff cost per day":       "每天人员成本",
		"mean rating":              "平均评分",
		"served within %s":         "%s内服务占比",
	}
})

// w returns the chart word or format en in the style's language.
func (s *Style) w(en string) string {
	if s.Language == "zh" {
		if t, ok := zh()[en]; ok {
			return t
		}
	}
	return en
}

// wf formats the chart format en, in the style's language, with args.
func (s *Style) wf(en string, args ...any) string { return fmt.Sprintf(s.w(en), args...) }

// label returns a KPI's label in the style's language, where known.
func (s *Style) label(l string) string {
	if s.Language != "zh" {
		return l
	}
	if t, ok := zh()[l]; ok {
		return t
	}
	if d, ok := strings.CutPrefix(l, "served within "); ok {
		return s.wf("served within %s", s.duration(d))
	}
	return l
}

// duration writes a duration as the tables do ("1m", "2d") in the
// style's language.
func (s *Style) duration(d string) string {
	if s.Language != "zh" {
		return d
	}
	for _, u := range []struct{ en, zh string }{{"min", "分钟"}, {"m", "分钟"}, {"h", "小时"}, {"d", "天"}, {"s", "秒"}} {
		if n, ok := strings.CutSuffix(d, u.en); ok && n != "" && strings.Trim(n, "0123456789.") == "" {
			return n + u.zh
		}
	}
	return d
}

// unitWord is the axis word for a displayed unit (sim.Unit.Display):
// "minutes" for "min", "EUR per day" for "EUR/day".
func (s *Style) unitWord(u string) string {
	switch u {
	case "min":
		return s.w("minutes")
	case "h":
		return s.w("hours")
	case "days":
		return s.w("days")
	case "%":
		return s.w("percent")
	case "nps", "points":
		return s.w("NPS points")
	}
	if cur, per, ok := strings.Cut(u, "/"); ok {
		return cur + " " + s.w("per "+per)
	}
	if per, ok := strings.CutPrefix(u, "per "); ok {
		return s.w("per " + per)
	}
	return s.w(u)
}

// unitShort is a displayed unit after a number in a tooltip or a label:
// "min", "%", "EUR/day".
func (s *Style) unitShort(u string) string {
	if s.Language != "zh" {
		return u
	}
	if cur, per, ok := strings.Cut(u, "/"); ok {
		return cur + s.w("/"+per)
	}
	return s.w(u)
}
