//! What a page's place in lists, terms and related pages is derived from, borrowed from
//! a fresh head or from a page already in the model: `serve`'s updates derive the lists
//! again from the loaded pages without copying 10,000 heads for it.

use crate::frontmatter::PageMeta;
use crate::heads::PageHead;
use crate::model::{Page, SourceFile};
use jiayuan_core::time::Moment;

pub(crate) trait Listed: Sync {
    fn file(&self) -> &SourceFile;
    fn meta(&self) -> &PageMeta;
    fn date(&self) -> Option<Moment>;
    /// The key of the section that holds the page.
    fn section(&self) -> &str;
}

/// A head and a loaded page hold these fields under the same names.
macro_rules! listed_fields {
    ($($t:ty),*) => {$(
        impl Listed for $t {
            fn file(&self) -> &SourceFile {
                &self.file
            }
            fn meta(&self) -> &PageMeta {
                &self.meta
            }
            fn date(&self) -> Option<Moment> {
                self.date
            }
            fn section(&self) -> &str {
                &self.section
            }
        }
    )*};
}

listed_fields!(PageHead, Page);

impl<T: Listed + ?Sized> Listed for &T {
    fn file(&self) -> &SourceFile {
        (**self).file()
    }
    fn meta(&self) -> &PageMeta {
        (**self).meta()
    }
    fn date(&self) -> Option<Moment> {
        (**self).date()
    }
    fn section(&self) -> &str {
        (**self).section()
    }
}
