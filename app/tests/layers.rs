//! The layers of `app/src`, checked: every file's imports point to its own
//! layer or below, and no two files import each other, even through others.
//! ARCHITECTURE.md ("Layers") states the same table; a new top-level module
//! fails this test until it is given a layer here.
//!
//! The domain is not in this table: it is the crate `app/domain`, whose
//! dependencies (serde and chrono) are its whole purity rule.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Each top-level module of `app/src` and its layer, lowest first.
const LAYERS: &[(&str, &[&str])] = &[
    (
        "atoms: words, formats, errors, fields and the shared UI",
        &[
            "locale",
            "format",
            "i18n",
            "error",
            "fields",
            "form_messages",
            "hydration",
            "lazy",
            "paint",
            "request",
            "components",
        ],
    ),
    ("storage and the server's state", &["db", "state", "mail"]),
    ("who is asking", &["auth", "authz", "accessibility"]),
    (
        "features",
        &[
            "planning",
            "attendance",
            "groups",
            "records",
            "family",
            "messages",
            "reports",
            "admin",
            "notices",
        ],
    ),
    ("the application's shell", &["app", "header", ""]),
];

fn layer_of(module: &str) -> Option<usize> {
    let top = module.split("::").next().unwrap_or("");
    LAYERS
        .iter()
        .position(|(_, modules)| modules.contains(&top))
}

/// The code of a file without comments, strings and character literals, so
/// that a path written in a comment or a message is not taken for an import.
fn code_only(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            i += 2;
            while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                i += 1;
            }
            i += 2;
        } else if c == 'r'
            && (next == Some('"') || next == Some('#'))
            && !is_ident(chars.get(i.wrapping_sub(1)))
        {
            // A raw string: r"…", r#"…"#.
            let mut j = i + 1;
            let mut hashes = 0;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            j += 1;
            'raw: while j < chars.len() {
                if chars[j] == '"' && (1..=hashes).all(|h| chars.get(j + h) == Some(&'#')) {
                    j += 1 + hashes;
                    break 'raw;
                }
                j += 1;
            }
            out.push_str("\"\"");
            i = j;
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            out.push_str("\"\"");
            i += 1;
        } else if c == '\'' && (chars.get(i + 2) == Some(&'\'') || next == Some('\\')) {
            // A character literal ('x', '\n', '\''); a lifetime has no closing quote.
            i += 1;
            if chars.get(i) == Some(&'\\') {
                i += 1;
            }
            i += 1;
            while i < chars.len() && chars[i] != '\'' {
                i += 1;
            }
            out.push_str("' '");
            i += 1;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn is_ident(c: Option<&char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() || *c == '_')
}

/// Expands the path that starts at `text[at..]` (after `crate::`), groups
/// included: `a::{b, c::{d}}` gives `a::b`, `a::c::d`.
fn expand(text: &[char], mut at: usize, prefix: &str, out: &mut Vec<String>) -> usize {
    let mut path = prefix.to_string();
    loop {
        while text.get(at).is_some_and(|c| c.is_whitespace()) {
            at += 1;
        }
        if text.get(at) == Some(&'{') {
            at += 1;
            loop {
                at = expand(text, at, &path, out);
                while text.get(at).is_some_and(|c| c.is_whitespace() || *c == ',') {
                    at += 1;
                }
                match text.get(at) {
                    Some('}') => return at + 1,
                    None => return at,
                    _ => {}
                }
            }
        }
        let start = at;
        while is_ident(text.get(at)) {
            at += 1;
        }
        let segment: String = text[start..at].iter().collect();
        if segment.is_empty() {
            // `super::*` in a file's test module names the file itself.
            if path != prefix {
                out.push(path);
            }
            return at;
        }
        if !path.is_empty() {
            path.push_str("::");
        }
        path.push_str(&segment);
        if text.get(at) == Some(&':') && text.get(at + 1) == Some(&':') {
            at += 2;
        } else {
            out.push(path);
            return at;
        }
    }
}

/// The modules of `app/src` by path (`""` is the crate's root), with their
/// code.
fn modules() -> BTreeMap<String, String> {
    fn walk(dir: &Path, root: &Path, out: &mut BTreeMap<String, String>) {
        for entry in std::fs::read_dir(dir).expect("app/src is readable") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                walk(&path, root, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let relative = path.strip_prefix(root).unwrap().with_extension("");
                let mut parts: Vec<String> = relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
                    parts.pop();
                }
                let text = std::fs::read_to_string(&path).expect("a source file is text");
                out.insert(parts.join("::"), code_only(&text));
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = BTreeMap::new();
    walk(&root, &root, &mut out);
    out
}

/// Which modules each module imports (`crate::…`, `super::…` and
/// `self::…` paths, resolved to the longest module they name).
fn imports(modules: &BTreeMap<String, String>) -> BTreeMap<String, BTreeSet<String>> {
    let resolve = |path: &str| -> Option<String> {
        let parts: Vec<&str> = path.split("::").collect();
        (1..=parts.len())
            .rev()
            .map(|n| parts[..n].join("::"))
            .find(|m| modules.contains_key(m))
    };
    let mut graph = BTreeMap::new();
    for (module, code) in modules {
        let chars: Vec<char> = code.chars().collect();
        let parent = module.rsplit_once("::").map_or("", |(p, _)| p);
        let mut found = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            if is_ident(chars.get(i.wrapping_sub(1)))
                || (i >= 2 && chars[i - 1] == ':' && chars[i - 2] == ':')
            {
                i += 1;
                continue;
            }
            let rest: String = chars[i..chars.len().min(i + 7)].iter().collect();
            let (skip, base) = if rest.starts_with("crate::") {
                (7, String::new())
            } else if rest.starts_with("super::") {
                (7, parent.to_string())
            } else if rest.starts_with("self::") {
                (6, module.clone())
            } else {
                i += 1;
                continue;
            };
            i = expand(&chars, i + skip, &base, &mut found);
        }
        let targets: BTreeSet<String> = found
            .iter()
            .filter_map(|p| resolve(p))
            .filter(|t| t != module)
            .collect();
        graph.insert(module.clone(), targets);
    }
    graph
}

/// The import circles: the strongly connected components of more than one
/// module (Tarjan).
fn circles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct Walk<'a> {
        graph: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        found: Vec<Vec<String>>,
    }
    impl<'a> Walk<'a> {
        fn visit(&mut self, v: &'a str) {
            let n = self.index.len();
            self.index.insert(v, n);
            self.low.insert(v, n);
            self.stack.push(v);
            self.on_stack.insert(v);
            for w in self.graph.get(v).into_iter().flatten() {
                if !self.index.contains_key(w.as_str()) {
                    self.visit(w);
                    let low = self.low[v].min(self.low[w.as_str()]);
                    self.low.insert(v, low);
                } else if self.on_stack.contains(w.as_str()) {
                    let low = self.low[v].min(self.index[w.as_str()]);
                    self.low.insert(v, low);
                }
            }
            if self.low[v] == self.index[v] {
                let mut component = Vec::new();
                while let Some(w) = self.stack.pop() {
                    self.on_stack.remove(w);
                    component.push(w.to_string());
                    if w == v {
                        break;
                    }
                }
                if component.len() > 1 {
                    component.sort();
                    self.found.push(component);
                }
            }
        }
    }
    let mut walk = Walk {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for v in graph.keys() {
        if !walk.index.contains_key(v.as_str()) {
            walk.visit(v);
        }
    }
    walk.found
}

#[test]
fn every_module_has_a_layer() {
    let missing: Vec<String> = modules()
        .into_keys()
        .filter(|m| layer_of(m).is_none())
        .collect();
    assert!(
        missing.is_empty(),
        "modules without a layer in LAYERS: {missing:?}"
    );
}

#[test]
fn imports_point_to_the_same_layer_or_below() {
    let modules = modules();
    assert!(modules.len() > 50, "app/src not found");
    let mut upward = Vec::new();
    for (module, targets) in imports(&modules) {
        for target in targets {
            if let (Some(from), Some(to)) = (layer_of(&module), layer_of(&target)) {
                if to > from {
                    upward.push(format!(
                        "{module} ({}) imports {target} ({})",
                        LAYERS[from].0, LAYERS[to].0
                    ));
                }
            }
        }
    }
    assert!(
        upward.is_empty(),
        "imports that point up:\n{}",
        upward.join("\n")
    );
}

#[test]
fn no_import_circle() {
    let found = circles(&imports(&modules()));
    assert!(found.is_empty(), "import circles: {found:#?}");
}

/// The checker itself: it finds a circle and an upward import where there
/// is one, through groups, `super::` and across lines.
#[test]
fn the_checker_sees_grouped_and_relative_imports() {
    let mut modules = BTreeMap::new();
    modules.insert(
        "db".to_string(),
        code_only("use crate::{\n    planning::{store, types::Week},\n};\n// crate::admin\n"),
    );
    modules.insert("planning".to_string(), String::new());
    modules.insert(
        "planning::store".to_string(),
        code_only("fn f() { super::types::x(); let s = \"crate::admin\"; }"),
    );
    modules.insert(
        "planning::types".to_string(),
        code_only("use crate::db::Db;"),
    );
    modules.insert("admin".to_string(), String::new());
    let graph = imports(&modules);
    assert_eq!(
        graph["db"].iter().map(String::as_str).collect::<Vec<_>>(),
        ["planning::store", "planning::types"]
    );
    assert_eq!(
        graph["planning::store"]
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
        ["planning::types"]
    );
    assert_eq!(
        circles(&graph),
        [["db", "planning::store", "planning::types"]]
    );
    assert!(layer_of("planning::store") > layer_of("db"));
}
