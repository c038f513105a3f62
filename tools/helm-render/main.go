// Command helm-render renders a Helm chart offline, without helm.
//
// Helm is not served by any package registry our machines reach, so this small
// program reproduces the part of Helm's template engine that our chart uses:
// Go's text/template with the sprig function library (as Helm does), Helm's own
// functions (include, tpl, required, toYaml, fromYaml, toJson, fromJson, lookup),
// and the built-in objects .Values (values.yaml, then -f files, then --set),
// .Chart (Chart.yaml), .Release, .Capabilities, .Template and .Files (with Get,
// GetBytes, Glob, Lines, AsConfig, AsSecrets). Like Helm 3 it follows symlinks
// when loading chart files and honours .helmignore (simple patterns).
//
// It prints every manifest rendered from templates/*.yaml and *.yml (partials
// such as _helpers.tpl only define templates) as one multi-document YAML stream
// ("---" + "# Source: ..." per document, like `helm template`), renders
// NOTES.txt only to check it (--show-notes prints it), re-parses every
// document and checks it has apiVersion, kind and metadata.name, and exits
// non-zero on any chart, template or YAML error.
//
// Usage:
//
//	helm-render [options] CHART_DIR
//	  -f, --values FILE     extra values file (repeatable, later wins)
//	  --set key.path=value  value override (repeatable; true/false/null/numbers typed)
//	  --name NAME           release name (default "release-name", as helm template)
//	  --namespace NS        release namespace (default "default")
//	  --kube-version V      .Capabilities.KubeVersion (default v1.32.0)
//	  --upgrade             render with .Release.IsUpgrade=true
//	  --strict              fail on missing map keys (like helm lint --strict)
//	  --show-notes          print the rendered NOTES.txt to stderr
//
// Build with Debian's packages (GOPATH mode, no network); see render.sh.
package main

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"text/template"

	"github.com/Masterminds/semver/v3"
	"github.com/Masterminds/sprig/v3"
	"gopkg.in/yaml.v2"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

type options struct {
	chartDir    string
	valueFiles  []string
	sets        []string
	releaseName string
	namespace   string
	kubeVersion string
	upgrade     bool
	strict      bool
	showNotes   bool
}

func parseArgs(args []string) (*options, error) {
	o := &options{releaseName: "release-name", namespace: "default", kubeVersion: "v1.32.0"}
	next := func(i *int, flag string) (string, error) {
		if *i+1 >= len(args) {
			return "", fmt.Errorf("%s needs a value", flag)
		}
		*i++
		return args[*i], nil
	}
	for i := 0; i < len(args); i++ {
		a := args[i]
		name, value, hasValue := a, "", false
		if strings.HasPrefix(a, "--") && strings.Contains(a, "=") {
			name, value, hasValue = a[:strings.Index(a, "=")], a[strings.Index(a, "=")+1:], true
		}
		var err error
		get := func() string {
			if hasValue {
				return value
			}
			var v string
			v, err = next(&i, name)
			return v
		}
		switch name {
		case "-f", "--values":
			o.valueFiles = append(o.valueFiles, get())
		case "--set":
			o.sets = append(o.sets, get())
		case "--name", "--release-name":
			o.releaseName = get()
		case "-n", "--namespace":
			o.namespace = get()
		case "--kube-version":
			o.kubeVersion = get()
		case "--upgrade":
			o.upgrade = true
		case "--strict":
			o.strict = true
		case "--show-notes":
			o.showNotes = true
		case "-h", "--help":
			return nil, errors.New("usage: helm-render [-f values.yaml] [--set k=v] [--name NAME] [--namespace NS] [--kube-version V] [--upgrade] [--strict] [--show-notes] CHART_DIR")
		default:
			if strings.HasPrefix(a, "-") {
				return nil, fmt.Errorf("unknown option %q", a)
			}
			if o.chartDir != "" {
				return nil, fmt.Errorf("only one chart directory may be given (got %q and %q)", o.chartDir, a)
			}
			o.chartDir = a
		}
		if err != nil {
			return nil, err
		}
	}
	if o.chartDir == "" {
		return nil, errors.New("usage: helm-render [options] CHART_DIR")
	}
	return o, nil
}

func run(args []string, stdout, stderr io.Writer) int {
	o, err := parseArgs(args)
	if err != nil {
		fmt.Fprintln(stderr, "helm-render:", err)
		return 2
	}
	out, notes, err := render(o, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "helm-render: Error:", err)
		return 1
	}
	if o.showNotes && notes != "" {
		fmt.Fprintln(stderr, notes)
	}
	if _, err := io.WriteString(stdout, out); err != nil {
		fmt.Fprintln(stderr, "helm-render:", err)
		return 1
	}
	return 0
}

// ---------------------------------------------------------------------------
// Chart loading

// chartMetadata mirrors Helm's chart.Metadata, so templates can use .Chart.Name etc.
type chartMetadata struct {
	Name         string            `yaml:"name"`
	Home         string            `yaml:"home"`
	Sources      []string          `yaml:"sources"`
	Version      string            `yaml:"version"`
	Description  string            `yaml:"description"`
	Keywords     []string          `yaml:"keywords"`
	Maintainers  []interface{}     `yaml:"maintainers"`
	Icon         string            `yaml:"icon"`
	APIVersion   string            `yaml:"apiVersion"`
	Condition    string            `yaml:"condition"`
	Tags         string            `yaml:"tags"`
	AppVersion   string            `yaml:"appVersion"`
	Deprecated   bool              `yaml:"deprecated"`
	Annotations  map[string]string `yaml:"annotations"`
	KubeVersion  string            `yaml:"kubeVersion"`
	Dependencies []interface{}     `yaml:"dependencies"`
	Type         string            `yaml:"type"`
}

type chartFile struct {
	name string // path relative to the chart root, with forward slashes
	data []byte
}

type chart struct {
	meta      *chartMetadata
	values    map[string]interface{}
	templates []chartFile
	files     files
}

func loadChart(dir string, warn io.Writer) (*chart, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("%s is not a directory", dir)
	}

	raw, err := os.ReadFile(filepath.Join(dir, "Chart.yaml"))
	if err != nil {
		return nil, fmt.Errorf("Chart.yaml: %w", err)
	}
	meta := &chartMetadata{}
	if err := yaml.UnmarshalStrict(raw, meta); err != nil {
		return nil, fmt.Errorf("Chart.yaml: %w", err)
	}
	if err := validateMetadata(meta); err != nil {
		return nil, fmt.Errorf("Chart.yaml: %w", err)
	}

	values := map[string]interface{}{}
	if raw, err := os.ReadFile(filepath.Join(dir, "values.yaml")); err == nil {
		if values, err = parseValues(raw); err != nil {
			return nil, fmt.Errorf("values.yaml: %w", err)
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}

	ignore, err := readHelmignore(filepath.Join(dir, ".helmignore"))
	if err != nil {
		return nil, err
	}

	c := &chart{meta: meta, values: values, files: files{}}
	err = walkFollowingSymlinks(dir, "", ignore, warn, func(rel string, data []byte) {
		switch {
		case rel == "Chart.yaml" || rel == "values.yaml" || rel == ".helmignore":
		case strings.HasPrefix(rel, "charts/"):
			// Subcharts are not supported; this chart has none.
		case strings.HasPrefix(rel, "templates/"):
			c.templates = append(c.templates, chartFile{rel, data})
		default:
			c.files[rel] = data
		}
	})
	if err != nil {
		return nil, err
	}
	sort.Slice(c.templates, func(i, j int) bool { return c.templates[i].name < c.templates[j].name })
	return c, nil
}

var chartNameRe = regexp.MustCompile(`^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`)

func validateMetadata(m *chartMetadata) error {
	if m.APIVersion == "" {
		return errors.New("apiVersion is required")
	}
	if m.APIVersion != "v1" && m.APIVersion != "v2" {
		return fmt.Errorf("apiVersion %q is not v1 or v2", m.APIVersion)
	}
	if m.Name == "" {
		return errors.New("name is required")
	}
	if !chartNameRe.MatchString(m.Name) {
		return fmt.Errorf("chart name %q is not a valid name", m.Name)
	}
	if m.Version == "" {
		return errors.New("version is required")
	}
	if _, err := semver.StrictNewVersion(m.Version); err != nil {
		return fmt.Errorf("version %q is not a valid SemVer 2 version: %v", m.Version, err)
	}
	if m.Type != "" && m.Type != "application" && m.Type != "library" {
		return fmt.Errorf("type %q is not application or library", m.Type)
	}
	return nil
}

type ignoreRule struct {
	pattern string
	dirOnly bool
	negate  bool
}

func readHelmignore(p string) ([]ignoreRule, error) {
	f, err := os.Open(p)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var rules []ignoreRule
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		r := ignoreRule{}
		if strings.HasPrefix(line, "!") {
			r.negate, line = true, line[1:]
		}
		if strings.HasSuffix(line, "/") {
			r.dirOnly, line = true, strings.TrimSuffix(line, "/")
		}
		r.pattern = strings.TrimPrefix(line, "/")
		rules = append(rules, r)
	}
	return rules, sc.Err()
}

func ignored(rules []ignoreRule, rel string, isDir bool) bool {
	result := false
	for _, r := range rules {
		if r.dirOnly && !isDir {
			continue
		}
		target := path.Base(rel)
		if strings.Contains(r.pattern, "/") {
			target = rel
		}
		if ok, _ := path.Match(r.pattern, target); ok {
			result = !r.negate
		}
	}
	return result
}

// walkFollowingSymlinks walks dir like Helm 3's loader: symlinks to files and
// directories are followed. A dangling symlink is reported and skipped (Helm
// itself fails on one), so the chart can be checked before the target exists.
func walkFollowingSymlinks(root, rel string, ignore []ignoreRule, warn io.Writer, visit func(string, []byte)) error {
	full := filepath.Join(root, filepath.FromSlash(rel))
	entries, err := os.ReadDir(full)
	if err != nil {
		return err
	}
	for _, e := range entries {
		childRel := path.Join(rel, e.Name())
		childFull := filepath.Join(full, e.Name())
		info, err := os.Stat(childFull) // follows symlinks
		if err != nil {
			if e.Type()&os.ModeSymlink != 0 {
				target, _ := os.Readlink(childFull)
				fmt.Fprintf(warn, "helm-render: warning: skipping dangling symlink %s -> %s\n", childRel, target)
				continue
			}
			return err
		}
		if ignored(ignore, childRel, info.IsDir()) {
			continue
		}
		if info.IsDir() {
			if err := walkFollowingSymlinks(root, childRel, ignore, warn, visit); err != nil {
				return err
			}
			continue
		}
		data, err := os.ReadFile(childFull)
		if err != nil {
			return err
		}
		visit(childRel, data)
	}
	return nil
}

// ---------------------------------------------------------------------------
// Values

// parseValues reads YAML the way Helm does (YAML -> JSON -> Go): maps become
// map[string]interface{} and every number a float64.
func parseValues(raw []byte) (map[string]interface{}, error) {
	var v interface{}
	if err := yaml.Unmarshal(raw, &v); err != nil {
		return nil, err
	}
	if v == nil {
		return map[string]interface{}{}, nil
	}
	n, err := normalize(v)
	if err != nil {
		return nil, err
	}
	m, ok := n.(map[string]interface{})
	if !ok {
		return nil, errors.New("top level is not a map")
	}
	return m, nil
}

func normalize(v interface{}) (interface{}, error) {
	switch t := v.(type) {
	case map[interface{}]interface{}:
		m := make(map[string]interface{}, len(t))
		for k, val := range t {
			n, err := normalize(val)
			if err != nil {
				return nil, err
			}
			m[fmt.Sprint(k)] = n
		}
		return m, nil
	case map[string]interface{}:
		m := make(map[string]interface{}, len(t))
		for k, val := range t {
			n, err := normalize(val)
			if err != nil {
				return nil, err
			}
			m[k] = n
		}
		return m, nil
	case []interface{}:
		s := make([]interface{}, len(t))
		for i, val := range t {
			n, err := normalize(val)
			if err != nil {
				return nil, err
			}
			s[i] = n
		}
		return s, nil
	case int:
		return float64(t), nil
	case int64:
		return float64(t), nil
	case uint64:
		return float64(t), nil
	case float32:
		return float64(t), nil
	default:
		return t, nil
	}
}

// mergeValues merges src into dst like Helm's coalescing of user values:
// maps merge recursively, anything else replaces; null deletes the key.
func mergeValues(dst, src map[string]interface{}) {
	for k, sv := range src {
		if sv == nil {
			delete(dst, k)
			continue
		}
		if sm, ok := sv.(map[string]interface{}); ok {
			if dm, ok := dst[k].(map[string]interface{}); ok {
				mergeValues(dm, sm)
				continue
			}
		}
		dst[k] = sv
	}
}

func applySet(values map[string]interface{}, expr string) error {
	eq := strings.Index(expr, "=")
	if eq <= 0 {
		return fmt.Errorf("--set %q: expected key=value", expr)
	}
	keys := strings.Split(expr[:eq], ".")
	raw := expr[eq+1:]
	var val interface{} = raw
	switch {
	case raw == "true":
		val = true
	case raw == "false":
		val = false
	case raw == "null":
		val = nil
	default:
		if i, err := strconv.ParseInt(raw, 10, 64); err == nil {
			val = float64(i)
		}
	}
	m := values
	for _, k := range keys[:len(keys)-1] {
		child, ok := m[k].(map[string]interface{})
		if !ok {
			child = map[string]interface{}{}
			m[k] = child
		}
		m = child
	}
	last := keys[len(keys)-1]
	if val == nil {
		delete(m, last)
	} else {
		m[last] = val
	}
	return nil
}

// ---------------------------------------------------------------------------
// Built-in objects

// files mirrors Helm's .Files (a map from chart-relative path to contents).
type files map[string][]byte

func (f files) GetBytes(name string) []byte { return f[name] }
func (f files) Get(name string) string      { return string(f[name]) }

// Glob returns the files whose path matches pattern ('*' does not cross '/').
func (f files) Glob(pattern string) files {
	out := files{}
	for name, data := range f {
		if ok, _ := path.Match(pattern, name); ok {
			out[name] = data
		}
	}
	return out
}

// AsConfig returns the files as ConfigMap data (base name -> contents), as YAML.
func (f files) AsConfig() string {
	m := map[string]string{}
	for k, v := range f {
		m[path.Base(k)] = string(v)
	}
	return toYAML(m)
}

// AsSecrets returns the files as Secret data (base name -> base64), as YAML.
func (f files) AsSecrets() string {
	m := map[string]string{}
	for k, v := range f {
		m[path.Base(k)] = base64.StdEncoding.EncodeToString(v)
	}
	return toYAML(m)
}

// Lines returns a file's lines.
func (f files) Lines(name string) []string {
	s := string(f[name])
	if s == "" {
		return []string{}
	}
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}

type versionSet []string

func (v versionSet) Has(apiVersion string) bool {
	for _, x := range v {
		if x == apiVersion {
			return true
		}
	}
	return false
}

type kubeVersion struct {
	Version    string
	Major      string
	Minor      string
	GitVersion string
}

func (k kubeVersion) String() string { return k.Version }

type helmVersion struct {
	Version string
}

type capabilities struct {
	KubeVersion kubeVersion
	APIVersions versionSet
	HelmVersion helmVersion
}

func newCapabilities(version string) (*capabilities, error) {
	v, err := semver.NewVersion(version)
	if err != nil {
		return nil, fmt.Errorf("--kube-version %q: %v", version, err)
	}
	canonical := "v" + v.String()
	return &capabilities{
		KubeVersion: kubeVersion{
			Version:    canonical,
			Major:      strconv.FormatUint(v.Major(), 10),
			Minor:      strconv.FormatUint(v.Minor(), 10),
			GitVersion: canonical,
		},
		APIVersions: versionSet{
			"v1", "apps/v1", "batch/v1", "autoscaling/v1", "autoscaling/v2",
			"networking.k8s.io/v1", "policy/v1", "rbac.authorization.k8s.io/v1",
			"storage.k8s.io/v1", "apiextensions.k8s.io/v1", "coordination.k8s.io/v1",
			"discovery.k8s.io/v1", "scheduling.k8s.io/v1",
		},
		HelmVersion: helmVersion{Version: "v3.16.0-helm-render"},
	}, nil
}

// ---------------------------------------------------------------------------
// Helm's template functions

func toYAML(v interface{}) string {
	data, err := yaml.Marshal(v)
	if err != nil {
		return ""
	}
	return strings.TrimSuffix(string(data), "\n")
}

func fromYAML(s string) map[string]interface{} {
	m, err := parseValues([]byte(s))
	if err != nil {
		return map[string]interface{}{"Error": err.Error()}
	}
	return m
}

func fromYAMLArray(s string) []interface{} {
	var v []interface{}
	if err := yaml.Unmarshal([]byte(s), &v); err != nil {
		return []interface{}{err.Error()}
	}
	n, _ := normalize(v)
	out, _ := n.([]interface{})
	return out
}

func toJSON(v interface{}) string {
	data, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	return string(data)
}

func fromJSON(s string) map[string]interface{} {
	m := map[string]interface{}{}
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		m["Error"] = err.Error()
	}
	return m
}

func fromJSONArray(s string) []interface{} {
	var a []interface{}
	if err := json.Unmarshal([]byte(s), &a); err != nil {
		return []interface{}{err.Error()}
	}
	return a
}

func required(warn string, val interface{}) (interface{}, error) {
	if val == nil {
		return val, errors.New(warn)
	}
	if s, ok := val.(string); ok && s == "" {
		return val, errors.New(warn)
	}
	return val, nil
}

const maxIncludeDepth = 1000

func funcMap(root **template.Template) template.FuncMap {
	f := sprig.TxtFuncMap()
	// Helm removes these two for security.
	delete(f, "env")
	delete(f, "expandenv")

	depth := 0
	f["include"] = func(name string, data interface{}) (string, error) {
		depth++
		defer func() { depth-- }()
		if depth > maxIncludeDepth {
			return "", fmt.Errorf("rendering template has a nested reference name: %s", name)
		}
		var buf bytes.Buffer
		if err := (*root).ExecuteTemplate(&buf, name, data); err != nil {
			return "", err
		}
		return buf.String(), nil
	}
	f["tpl"] = func(text string, data interface{}) (string, error) {
		clone, err := (*root).Clone()
		if err != nil {
			return "", err
		}
		t, err := clone.New("tpl").Parse(text)
		if err != nil {
			return "", fmt.Errorf("cannot parse template %q: %w", text, err)
		}
		var buf bytes.Buffer
		if err := t.Execute(&buf, data); err != nil {
			return "", fmt.Errorf("error during tpl function execution for %q: %w", text, err)
		}
		return strings.ReplaceAll(buf.String(), "<no value>", ""), nil
	}
	f["required"] = required
	f["toYaml"] = toYAML
	f["fromYaml"] = fromYAML
	f["fromYamlArray"] = fromYAMLArray
	f["toJson"] = toJSON
	f["fromJson"] = fromJSON
	f["fromJsonArray"] = fromJSONArray
	// Offline, like `helm template`: lookup finds nothing.
	f["lookup"] = func(string, string, string, string) (map[string]interface{}, error) {
		return map[string]interface{}{}, nil
	}
	return f
}

// ---------------------------------------------------------------------------
// Rendering

var docSeparator = regexp.MustCompile(`(?m)^---[ \t]*(#.*)?$`)

func render(o *options, warn io.Writer) (string, string, error) {
	c, err := loadChart(o.chartDir, warn)
	if err != nil {
		return "", "", err
	}
	for _, vf := range o.valueFiles {
		raw, err := os.ReadFile(vf)
		if err != nil {
			return "", "", err
		}
		extra, err := parseValues(raw)
		if err != nil {
			return "", "", fmt.Errorf("%s: %w", vf, err)
		}
		mergeValues(c.values, extra)
	}
	for _, s := range o.sets {
		if err := applySet(c.values, s); err != nil {
			return "", "", err
		}
	}
	caps, err := newCapabilities(o.kubeVersion)
	if err != nil {
		return "", "", err
	}

	var root *template.Template
	root = template.New("gotpl").Funcs(funcMap(&root))
	if o.strict {
		root.Option("missingkey=error")
	} else {
		root.Option("missingkey=zero")
	}
	prefix := c.meta.Name + "/"
	for _, t := range c.templates {
		if _, err := root.New(prefix + t.name).Parse(string(t.data)); err != nil {
			return "", "", err
		}
	}

	release := map[string]interface{}{
		"Name":      o.releaseName,
		"Namespace": o.namespace,
		"Service":   "Helm",
		"Revision":  1,
		"IsInstall": !o.upgrade,
		"IsUpgrade": o.upgrade,
	}
	if o.upgrade {
		release["Revision"] = 2
	}

	var out strings.Builder
	var notes string
	var problems []string
	seen := map[string]string{}
	for _, t := range c.templates {
		base := path.Base(t.name)
		if strings.HasPrefix(base, "_") {
			continue // partials (_helpers.tpl) only define templates
		}
		isNotes := base == "NOTES.txt"
		if !isNotes && !strings.HasSuffix(base, ".yaml") && !strings.HasSuffix(base, ".yml") && !strings.HasSuffix(base, ".tpl") {
			continue
		}
		name := prefix + t.name
		data := map[string]interface{}{
			"Values":       c.values,
			"Release":      release,
			"Chart":        c.meta,
			"Files":        c.files,
			"Capabilities": caps,
			"Template":     map[string]interface{}{"Name": name, "BasePath": prefix + "templates"},
		}
		var buf bytes.Buffer
		if err := root.ExecuteTemplate(&buf, name, data); err != nil {
			return "", "", err
		}
		rendered := strings.ReplaceAll(buf.String(), "<no value>", "")
		if isNotes {
			notes = rendered
			continue
		}
		if strings.HasSuffix(base, ".tpl") {
			continue // Helm renders .tpl files but installs nothing from them
		}
		for _, doc := range docSeparator.Split(rendered, -1) {
			if onlyCommentsOrBlank(doc) {
				continue
			}
			id, err := checkManifest(doc)
			if err != nil {
				problems = append(problems, fmt.Sprintf("%s: %v", name, err))
			} else if other, dup := seen[id]; dup {
				problems = append(problems, fmt.Sprintf("%s: %s is also rendered by %s", name, id, other))
			} else {
				seen[id] = name
			}
			out.WriteString("---\n# Source: " + name + "\n")
			out.WriteString(strings.TrimRight(strings.TrimLeft(doc, "\n"), " \t\n") + "\n")
		}
	}
	if len(problems) > 0 {
		return out.String(), notes, fmt.Errorf("invalid manifests:\n  %s", strings.Join(problems, "\n  "))
	}
	return out.String(), notes, nil
}

func onlyCommentsOrBlank(doc string) bool {
	for _, line := range strings.Split(doc, "\n") {
		l := strings.TrimSpace(line)
		if l != "" && !strings.HasPrefix(l, "#") {
			return false
		}
	}
	return true
}

var dns1123Label = regexp.MustCompile(`^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$`)

// checkManifest re-parses one rendered document and checks the fields every
// Kubernetes object needs; it returns "Kind/name" for duplicate detection.
func checkManifest(doc string) (string, error) {
	var obj map[string]interface{}
	if err := yaml.Unmarshal([]byte(doc), &obj); err != nil {
		return "", fmt.Errorf("YAML parse error: %v\n%s", err, numbered(doc))
	}
	n, err := normalize(obj)
	if err != nil {
		return "", err
	}
	m, _ := n.(map[string]interface{})
	apiVersion, _ := m["apiVersion"].(string)
	kind, _ := m["kind"].(string)
	meta, _ := m["metadata"].(map[string]interface{})
	name, _ := meta["name"].(string)
	switch {
	case apiVersion == "":
		return "", errors.New("object has no apiVersion")
	case kind == "":
		return "", errors.New("object has no kind")
	case name == "":
		return "", fmt.Errorf("%s has no metadata.name", kind)
	case len(name) > 253 || !dns1123Label.MatchString(name):
		return "", fmt.Errorf("%s name %q is not a valid DNS-1123 name", kind, name)
	}
	return kind + "/" + name, nil
}

func numbered(doc string) string {
	var b strings.Builder
	for i, line := range strings.Split(doc, "\n") {
		fmt.Fprintf(&b, "%4d| %s\n", i+1, line)
	}
	return b.String()
}
