//! Messages in the editors' language: every text a person reads (diagnostics, help
//! lines, progress lines, the serve overlay) is a [`Msg`], an id with typed arguments,
//! worded by the Fluent catalogues in `crates/jiayuan-core/locales/` (docs/messages.md).
//!
//! A message is worded only when it is shown, so the same diagnostic can be printed in
//! English for CI and in Chinese for an editor. English is the fallback for an id a
//! catalogue lacks; tests/messages.rs keeps both catalogues complete.

use std::borrow::Cow;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// The language messages are shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Lang {
    #[default]
    En,
    ZhCn,
}

/// The catalogues, embedded in the binary: (language, Fluent text).
pub const CATALOGUES: [(Lang, &str); 2] = [
    (Lang::En, include_str!("../locales/en.ftl")),
    (Lang::ZhCn, include_str!("../locales/zh-CN.ftl")),
];

impl Lang {
    /// `en`, `zh-CN` (and `zh`, `zh-Hans`, any case, `_` for `-`); other names are `None`.
    pub fn parse(name: &str) -> Option<Lang> {
        let name = name.trim().replace('_', "-").to_ascii_lowercase();
        match name.as_str() {
            "zh" | "zh-cn" | "zh-hans" | "zh-hans-cn" => Some(Lang::ZhCn),
            _ if name == "en" || name.starts_with("en-") => Some(Lang::En),
            _ => None,
        }
    }

    /// The message language of a site whose `language` is `site_language`: Chinese for
    /// any `zh…` site, English for every other.
    pub fn for_site(site_language: &str) -> Lang {
        if site_language.trim().to_ascii_lowercase().starts_with("zh") {
            Lang::ZhCn
        } else {
            Lang::En
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhCn => "zh-CN",
        }
    }

    /// Items of a list as this language writes them (`a, b` or `甲、乙`).
    fn list_separator(self) -> &'static str {
        match self {
            Lang::En => ", ",
            Lang::ZhCn => "、",
        }
    }
}

/// One argument of a message. Names, paths and values stay data until the message is
/// worded; a number can choose a plural form; a list is joined as the language writes it.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Text(String),
    Number(f64),
    List(Vec<String>),
    Msg(Box<Msg>),
    /// Messages joined as the language writes a list.
    Msgs(Vec<Msg>),
}

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Text(s)
    }
}
impl From<&String> for Arg {
    fn from(s: &String) -> Arg {
        Arg::Text(s.clone())
    }
}
impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Text(s.to_owned())
    }
}
impl From<Msg> for Arg {
    fn from(m: Msg) -> Arg {
        Arg::Msg(Box::new(m))
    }
}
impl From<Vec<Msg>> for Arg {
    fn from(m: Vec<Msg>) -> Arg {
        Arg::Msgs(m)
    }
}
impl From<Box<Msg>> for Arg {
    fn from(m: Box<Msg>) -> Arg {
        Arg::Msg(m)
    }
}
impl From<&std::path::Path> for Arg {
    fn from(p: &std::path::Path) -> Arg {
        Arg::Text(p.display().to_string())
    }
}
impl From<&std::path::PathBuf> for Arg {
    fn from(p: &std::path::PathBuf) -> Arg {
        Arg::Text(p.display().to_string())
    }
}
impl<T: AsRef<str>> From<&[T]> for Arg {
    fn from(items: &[T]) -> Arg {
        Arg::List(items.iter().map(|s| s.as_ref().to_owned()).collect())
    }
}
impl<T: AsRef<str>> From<&Vec<T>> for Arg {
    fn from(items: &Vec<T>) -> Arg {
        Arg::from(items.as_slice())
    }
}
macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Arg {
                Arg::Number(n as f64)
            }
        }
    )*};
}
number_arg!(u32, u64, usize, i64, f64);

/// A message: a catalogue id and its arguments, worded by [`Msg::text`].
#[derive(Debug, Clone, PartialEq)]
pub struct Msg {
    pub id: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

/// `msg!("fm-unknown-key", key = name)`: a [`Msg`] with its arguments. The id must be in
/// both catalogues (tests/messages.rs); argument names are the `$names` of the message.
#[macro_export]
macro_rules! msg {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::i18n::Msg {
            id: $id,
            args: vec![$((stringify!($name), $crate::i18n::Arg::from($value))),*],
        }
    };
}

impl Msg {
    /// The message worded in `lang`; an id missing from that catalogue falls back to
    /// English, and one missing from both shows as the id (never a panic).
    pub fn text(&self, lang: Lang) -> String {
        format(lang, self).unwrap_or_else(|| {
            format(Lang::En, self).unwrap_or_else(|| format!("{} {:?}", self.id, self.args))
        })
    }

    /// English: for sorting, logs and tests.
    pub fn en(&self) -> String {
        self.text(Lang::En)
    }
}

fn format(lang: Lang, msg: &Msg) -> Option<String> {
    let bundle = bundle(lang);
    let pattern = bundle.get_message(msg.id)?.value()?;
    let mut args = FluentArgs::new();
    for (name, arg) in &msg.args {
        let value: FluentValue = match arg {
            Arg::Text(s) => FluentValue::from(s.as_str()),
            Arg::Number(n) => FluentValue::from(*n),
            Arg::List(items) => FluentValue::from(items.join(lang.list_separator())),
            Arg::Msg(m) => FluentValue::from(m.text(lang)),
            Arg::Msgs(items) => {
                let items: Vec<String> = items.iter().map(|m| m.text(lang)).collect();
                FluentValue::from(items.join(lang.list_separator()))
            }
        };
        args.set(*name, value);
    }
    let mut errors = Vec::new();
    let text: Cow<str> = bundle.format_pattern(pattern, Some(&args), &mut errors);
    Some(text.into_owned())
}

fn bundle(lang: Lang) -> &'static FluentBundle<FluentResource> {
    static BUNDLES: [OnceLock<FluentBundle<FluentResource>>; 2] =
        [OnceLock::new(), OnceLock::new()];
    let index = lang as usize;
    BUNDLES[index].get_or_init(|| {
        let (_, text) = CATALOGUES[index];
        let resource = FluentResource::try_new(text.to_owned()).unwrap_or_else(|(r, _)| r);
        let id = lang.code().parse().unwrap_or_default();
        let mut bundle = FluentBundle::new_concurrent(vec![id]);
        // Fluent wraps arguments in Unicode isolation marks by default; terminals and
        // snapshot files would show them as stray characters.
        bundle.set_use_isolating(false);
        let _ = bundle.add_resource(resource);
        bundle
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_a_message_in_either_language() {
        let m = crate::msg!("diag-errors-found", count = 2usize);
        assert_eq!(m.text(Lang::En), "2 errors found; nothing was written");
        assert_eq!(m.text(Lang::ZhCn), "发现 2 个错误，没有写入任何文件");
        let one = crate::msg!("diag-errors-found", count = 1usize);
        assert_eq!(one.en(), "1 error found; nothing was written");
    }

    #[test]
    fn lists_are_joined_as_the_language_writes_them() {
        let keys = vec!["title", "date"];
        let m = crate::msg!("fm-allowed-keys", allowed = &keys);
        assert!(m.en().contains("title, date"), "{}", m.en());
        assert!(m.text(Lang::ZhCn).contains("title、date"));
    }

    #[test]
    fn language_names() {
        assert_eq!(Lang::parse("zh-CN"), Some(Lang::ZhCn));
        assert_eq!(Lang::parse("zh_cn"), Some(Lang::ZhCn));
        assert_eq!(Lang::parse("en"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
        assert_eq!(Lang::for_site("zh-TW"), Lang::ZhCn);
        assert_eq!(Lang::for_site("en-GB"), Lang::En);
    }

    #[test]
    fn catalogues_are_valid_fluent() {
        for (lang, text) in CATALOGUES {
            if let Err((_, errors)) = FluentResource::try_new(text.to_owned()) {
                panic!("{}: {errors:?}", lang.code());
            }
        }
    }

    #[test]
    fn an_unknown_id_shows_itself() {
        let m = Msg {
            id: "no-such-message",
            args: vec![],
        };
        assert_eq!(m.text(Lang::ZhCn), "no-such-message []");
    }
}
