//! The YAML loader: the only place the generator parses YAML, so the parser can be
//! replaced in one change (docs/decisions.md, "YAML").
//!
//! It is serde-saphyr, chosen over serde_yaml 0.9 (unmaintained) for two things: its
//! errors are typed (unknown key, missing key, wrong type, duplicate key, each with a
//! line and column), and a value can carry its own position ([`At`]). Callers never
//! search the text for a key to find where a value was written.

use std::fmt;
use std::ops::Deref;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use serde_saphyr::budget::BudgetBreach as B;
use serde_saphyr::granit_parser::ErrorKind as ScanKind;
use serde_saphyr::{Error as E, ExternalMessageSource};

/// A value with the 1-based line and column (in characters) where it was written, counted
/// from the top of the YAML text it was read from.
#[derive(Debug, Clone, Default)]
pub struct At<T> {
    pub value: T,
    pub line: usize,
    pub column: usize,
}

impl<T> At<T> {
    /// A value written nowhere (defaults, tests): positions fall back to line 1.
    pub fn unplaced(value: T) -> At<T> {
        At {
            value,
            line: 0,
            column: 0,
        }
    }

    /// The position moved down by `lines`, for YAML that starts below the top of its file.
    pub fn shifted(&self, lines: usize) -> (usize, usize) {
        (self.line + lines, self.column)
    }
}

impl<T> Deref for At<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T: fmt::Display> fmt::Display for At<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.value.fmt(f)
    }
}

impl<T: PartialEq> PartialEq for At<T> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for At<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = serde_saphyr::Spanned::<T>::deserialize(d)?;
        Ok(At {
            value: s.value,
            line: s.referenced.line() as usize,
            column: s.referenced.column() as usize,
        })
    }
}

/// What is wrong, as data: the caller words it for its readers.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Problem {
    UnknownKey {
        key: String,
        allowed: Vec<&'static str>,
    },
    MissingKey {
        key: String,
    },
    /// A value of the wrong kind; `expected` names what the type wanted (`a sequence`,
    /// `i64`, `string scalar`).
    WrongType {
        expected: String,
    },
    /// A name that is not one of the choices, such as `sort_by: dat`.
    UnknownChoice {
        value: String,
        allowed: Vec<&'static str>,
    },
    DuplicateKey {
        key: Option<String>,
    },
    /// Collections nested deeper than [`MAX_DEPTH`].
    TooDeep {
        limit: usize,
    },
    /// Aliases (`*name`) that would copy more than [`MAX_ALIAS_COPIES`] nodes, or more
    /// than [`MAX_ALIASES`] aliases: the "billion laughs" shape.
    TooManyAliases {
        limit: usize,
    },
    /// A document longer than [`MAX_BYTES`]; the position is where the limit falls.
    TooLarge {
        limit: usize,
    },
    /// Anything else: the text is not YAML, or not one document.
    Syntax,
}

#[derive(Debug, Clone, PartialEq)]
pub struct YamlError {
    pub problem: Problem,
    /// 1-based; 0 when the parser gave no position.
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for YamlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {:?}", self.line, self.column, self.problem)
    }
}

/// How deep collections may nest. Front matter and banks need three or four levels.
pub const MAX_DEPTH: usize = 32;
/// How many aliases one document may use.
pub const MAX_ALIASES: usize = 1_000;
/// How many parser events the aliases of one document may copy in all.
pub const MAX_ALIAS_COPIES: usize = 10_000;
/// The longest document: 256 KiB, fifty times a long front matter. Within it the
/// parser's own node and event budgets cannot run out.
pub const MAX_BYTES: usize = 256 * 1024;

/// The parser's limits: the ones above, and its defaults for the rest.
fn options() -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_depth = MAX_DEPTH;
    budget.flow_nesting_limit = MAX_DEPTH;
    budget.max_aliases = MAX_ALIASES;
    budget.max_recorded_anchor_events = MAX_ALIAS_COPIES;
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    options
}

/// Reads one YAML document into `T`, within the limits above.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    from_str_within(text, MAX_BYTES)
}

/// [`from_str`] for documents that may be longer: up to `max_bytes`.
pub fn from_str_within<T: DeserializeOwned>(text: &str, max_bytes: usize) -> Result<T, YamlError> {
    if text.len() > max_bytes {
        let (line, column) = crate::diagnostic::line_col(text, max_bytes);
        return Err(YamlError {
            problem: Problem::TooLarge { limit: max_bytes },
            line,
            column,
        });
    }
    serde_saphyr::from_str_with_options(text, options()).map_err(|e| classify(&e))
}

/// The top-level key whose value holds `line`:`column` (a position from a [`YamlError`]):
/// the last key whose value starts at or before it. For naming the key in a message.
pub fn key_at(text: &str, line: usize, column: usize) -> Option<String> {
    let keys: std::collections::BTreeMap<String, At<serde::de::IgnoredAny>> =
        serde_saphyr::from_str(text).ok()?;
    keys.into_iter()
        .filter(|(_, v)| (v.line, v.column) <= (line, column))
        .max_by_key(|(_, v)| (v.line, v.column))
        .map(|(k, _)| k)
}

/// The error the parser found, without the wrappers it adds for its own rendering (a
/// source excerpt, the alias through which a value was reached).
fn inner(mut error: &E) -> &E {
    while let E::WithSnippet { error: e, .. } | E::AliasError { error: e, .. } = error {
        error = e;
    }
    error
}

fn classify(outer: &E) -> YamlError {
    let (line, column) = outer
        .location()
        .map_or((0, 0), |l| (l.line() as usize, l.column() as usize));
    let problem = match inner(outer) {
        E::SerdeUnknownField {
            field, expected, ..
        } => Problem::UnknownKey {
            key: field.clone(),
            allowed: expected.clone(),
        },
        E::SerdeMissingField { field, .. } => Problem::MissingKey {
            key: (*field).to_string(),
        },
        E::SerdeInvalidType { expected, .. } | E::SerdeInvalidValue { expected, .. } => {
            Problem::WrongType {
                expected: expected.clone(),
            }
        }
        E::Unexpected { expected, .. } => Problem::WrongType {
            expected: (*expected).to_string(),
        },
        E::InvalidScalar { ty, .. } => Problem::WrongType {
            expected: (*ty).to_string(),
        },
        E::NullIntoString { .. } => Problem::WrongType {
            expected: "string".to_string(),
        },
        E::SerdeUnknownVariant {
            variant, expected, ..
        } => Problem::UnknownChoice {
            value: variant.clone(),
            allowed: expected.clone(),
        },
        E::DuplicateMappingKey { key, .. } => Problem::DuplicateKey { key: key.clone() },
        E::ExternalMessage { source, .. }
            if matches!(&**source, ExternalMessageSource::Parser(scan)
                if matches!(scan.kind(), ScanKind::RecursionLimitExceeded)) =>
        {
            Problem::TooDeep { limit: MAX_DEPTH }
        }
        E::Budget { breach, .. } => match breach {
            B::Depth { .. } => Problem::TooDeep { limit: MAX_DEPTH },
            B::Aliases { .. } => Problem::TooManyAliases { limit: MAX_ALIASES },
            B::RecordedAnchorEvents { .. } | B::AliasAnchorRatio { .. } => {
                Problem::TooManyAliases {
                    limit: MAX_ALIAS_COPIES,
                }
            }
            _ => Problem::TooLarge { limit: MAX_BYTES },
        },
        _ => Problem::Syntax,
    };
    YamlError {
        problem,
        line,
        column,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Meta {
        title: At<String>,
        #[serde(default)]
        tags: Vec<String>,
        weight: Option<i64>,
    }

    fn err(text: &str) -> YamlError {
        from_str::<Meta>(text).unwrap_err()
    }

    #[test]
    fn values_carry_their_position() {
        let m: Meta = from_str("tags: []\ntitle:   家园\n").unwrap();
        assert_eq!(
            (m.title.as_str(), m.title.line, m.title.column),
            ("家园", 2, 10)
        );
    }

    #[test]
    fn errors_are_typed_and_placed() {
        let e = err("title: a\ntitel: b\n");
        assert_eq!((e.line, e.column), (2, 1), "{e:?}");
        assert!(matches!(&e.problem, Problem::UnknownKey { key, allowed }
            if key == "titel" && allowed.contains(&"title")));
        assert_eq!(
            err("tags: []\n").problem,
            Problem::MissingKey {
                key: "title".into()
            }
        );
        let e = err("title: a\n\ntags: 3\n");
        assert_eq!((e.line, e.column), (3, 7));
        assert!(matches!(e.problem, Problem::WrongType { .. }), "{e:?}");
        let e = err("title: a\nweight: 三\n");
        assert_eq!((e.line, e.column), (2, 9));
        assert!(matches!(e.problem, Problem::WrongType { .. }), "{e:?}");
        let e = err("title: a\ntitle: b\n");
        assert_eq!(
            (e.line, e.problem),
            (
                2,
                Problem::DuplicateKey {
                    key: Some("title".into())
                }
            )
        );
        let text = "title: a\nweight: 1\ntags: [a, {b: c}]\n";
        assert_eq!(key_at(text, 3, 12).as_deref(), Some("tags"));
        assert_eq!(key_at(text, 2, 9).as_deref(), Some("weight"));
        let e = err("title: a\ntags: [a, b\n");
        assert_eq!((e.line, e.column, e.problem), (2, 7, Problem::Syntax));
    }

    fn deep_flow(levels: usize) -> String {
        format!(
            "title: a\nextra: {}{}\n",
            "[".repeat(levels),
            "]".repeat(levels)
        )
    }

    #[test]
    fn nesting_is_limited_in_flow_and_block_style() {
        type Any = std::collections::BTreeMap<String, serde::de::IgnoredAny>;
        assert!(from_str::<Any>(&deep_flow(MAX_DEPTH - 1)).is_ok());
        let e = from_str::<Any>(&deep_flow(MAX_DEPTH + 1)).unwrap_err();
        // At the first bracket past the limit.
        assert_eq!(
            (e.problem, e.line, e.column),
            (Problem::TooDeep { limit: MAX_DEPTH }, 2, 8 + MAX_DEPTH)
        );
        let block = format!("title: a\nextra:\n  {}a\n", "- ".repeat(MAX_DEPTH + 8));
        let e = from_str::<Any>(&block).unwrap_err();
        assert_eq!(
            (e.problem, e.line, e.column),
            (Problem::TooDeep { limit: MAX_DEPTH }, 3, 2 * MAX_DEPTH + 1)
        );
    }

    #[test]
    fn alias_expansion_is_limited_where_the_alias_is_used() {
        type Any = std::collections::BTreeMap<String, serde::de::IgnoredAny>;
        let mut text = String::from("title: a\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..30 {
            text.push_str(&format!("a{i}: &a{i} [*a{p}, *a{p}]\n", p = i - 1));
        }
        let e = from_str::<Any>(&text).unwrap_err();
        assert_eq!(
            (e.problem, e.line, e.column),
            (
                Problem::TooManyAliases {
                    limit: MAX_ALIAS_COPIES
                },
                11,
                10
            )
        );
        let many = format!(
            "title: a\nx: &x 1\nl: [{}]\n",
            vec!["*x"; MAX_ALIASES + 1].join(", ")
        );
        let e = from_str::<Any>(&many).unwrap_err();
        assert_eq!(e.problem, Problem::TooManyAliases { limit: MAX_ALIASES });
        assert_eq!(e.line, 3);
    }

    #[test]
    fn size_is_limited_at_the_character_where_the_limit_falls() {
        type Any = std::collections::BTreeMap<String, serde::de::IgnoredAny>;
        let text = format!("title: a\nbody: {}\n", "计".repeat(MAX_BYTES / 3));
        let e = from_str::<Any>(&text).unwrap_err();
        assert_eq!(e.problem, Problem::TooLarge { limit: MAX_BYTES });
        // 15 ASCII bytes before the body text, three bytes a character.
        assert_eq!((e.line, e.column), (2, 7 + (MAX_BYTES - 15) / 3));
    }
}
