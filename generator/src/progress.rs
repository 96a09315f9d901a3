//! A progress line on a terminal, and nothing when stderr is a pipe or a CI log.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};
use jiayuan_core::i18n::{Lang, Msg};

pub struct Progress {
    bar: Option<ProgressBar>,
    lang: Lang,
}

impl Progress {
    pub fn new(verbose: bool, lang: Lang) -> Progress {
        let bar = (std::io::stderr().is_terminal() && !verbose).then(|| {
            let bar = ProgressBar::new_spinner();
            bar.set_style(
                ProgressStyle::with_template("{spinner} {msg} {elapsed}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            bar.enable_steady_tick(Duration::from_millis(100));
            bar
        });
        Progress { bar, lang }
    }

    pub fn stage(&self, message: Msg) {
        if let Some(bar) = &self.bar {
            bar.set_message(message.text(self.lang));
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}
