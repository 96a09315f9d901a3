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
use serde_saphyr::Error as E;

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

/// Reads one YAML document into `T`.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    serde_saphyr::from_str(text).map_err(|e| classify(&e))
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

fn classify(outer: &E) -> YamlError {
    let (line, column) = outer
        .location()
        .map_or((0, 0), |l| (l.line() as usize, l.column() as usize));
    // The parser wraps the error it found with a source excerpt for its own rendering.
    let problem = match outer.without_snippet() {
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
}
